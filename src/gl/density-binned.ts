// Binned density on the GPU (GL layer): the node grid binned on the CPU (src/core/density-binning.ts) uploaded as a
// float texture, then convolved with the kernel into a target float framebuffer laid out as the splat's (red Σ w·K,
// green Σ K): the gaussian in two separable passes (x: grid → view columns × node rows; y: → view pixels), the
// Epanechnikov and box kernels in one 2-D pass.
import type { Buffer, Framebuffer2D, Regl, Texture2D } from 'regl';
import binFrag from '../../shaders/density-bin.frag.glsl?raw';
import binVert from '../../shaders/density-bin.vert.glsl?raw';
import conv2dFrag from '../../shaders/density-conv2d.frag.glsl?raw';
import convFrag from '../../shaders/density-conv.frag.glsl?raw';
import quadVert from '../../shaders/quad.vert.glsl?raw';
import type { BinGrid } from '../core/density-binning';
import type { DensityKernel } from '../core/density';
import { guardShaders } from './shader-check';
import { type UniformValues, uniformProps } from './uniforms';

export interface BinnedTarget {
  readonly framebuffer: Framebuffer2D;
  /** Framebuffer pixel of view pixel (0, 0), and the view's size in pixels. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Points on the GPU for binning there: the packed buffer (x, y[, w] float32 offsets from the data origin). */
export interface GpuPoints {
  readonly buffer: Buffer;
  readonly stride: 2 | 3;
  readonly count: number;
}

/** Where the points' packed coordinates fall on the view: as the splat's uniforms (src/gl/density-layer.ts). */
export interface BinView {
  readonly viewOrigin: Float32Array;
  readonly pxPerUnit: Float32Array;
}

export interface DensityBinned {
  /** Bins the points on the GPU into the grid's node framebuffer (red Σ w·L, green Σ L): one 4 × 4 point sprite per
   *  point, blended; a following convolve(grid, null, …) reads it. */
  bin(points: GpuPoints, grid: BinGrid, view: BinView): void;
  /** Uploads the binned grid (one float per node, or two interleaved when weighted; null: the grid bin() left on the
   *  GPU) and convolves it into the target. `norm` is the kernel's c / (hx·hy) (or c / r²). */
  convolve(grid: BinGrid, values: Float32Array | null, weighted: boolean, kernel: DensityKernel, norm: number, target: BinnedTarget): void;
  /** Bytes of the grid texture and the x pass's framebuffer. */
  bytes(): number;
  destroy(): void;
}

/** The uniforms of shaders/density-conv.frag.glsl (with quad.vert.glsl), declared once (see ./uniforms). */
export const CONV_UNIFORMS = {
  uSource: 'sampler2D',
  uSourceSize: 'vec2',
  uWeighted: 'float',
  uNode0: 'float',
  uNodeStep: 'float',
  uInvH: 'float',
  uTaps: 'float',
  uOutOffset: 'vec2',
  uScale: 'float',
} as const;

/** The uniforms of shaders/density-conv2d.frag.glsl (with quad.vert.glsl). */
export const CONV2D_UNIFORMS = {
  uSource: 'sampler2D',
  uSourceSize: 'vec2',
  uWeighted: 'float',
  uNode0: 'vec2',
  uNodeStep: 'vec2',
  uInvH: 'vec2',
  uTaps: 'vec2',
  uOutOffset: 'vec2',
  uScale: 'float',
} as const;

/** The uniforms of shaders/density-bin.{vert,frag}.glsl. */
export const BIN_UNIFORMS = {
  uViewOrigin: 'vec2',
  uPxPerUnit: 'vec2',
  uNode0: 'vec2',
  uNodeStep: 'vec2',
  uGridSize: 'vec2',
} as const;

interface Target {
  framebuffer: Framebuffer2D;
  viewport: { x: number; y: number; width: number; height: number };
}
type ConvProps = UniformValues<typeof CONV_UNIFORMS> & Target;
type Conv2dProps = UniformValues<typeof CONV2D_UNIFORMS> & Target;
type BinProps = UniformValues<typeof BIN_UNIFORMS> & { buffer: Buffer; stride: number; weighted: boolean; count: number; framebuffer: Framebuffer2D; viewport: Target['viewport'] };

/** Whether the WebGL renderer is a CPU emulation (SwiftShader, llvmpipe, Microsoft Basic Render): there the binned
 *  gaussian is convolved in JS (src/core/density-convolve.ts), which measured about 3× faster than these passes. */
export function isSoftwareRenderer(gl: WebGLRenderingContext): boolean {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return isSoftwareName(String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)));
}

/** True for the renderer names of CPU-emulated WebGL (SwiftShader, llvmpipe, softpipe, Microsoft Basic Render). */
export function isSoftwareName(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
}

const KERNEL_INDEX: Record<DensityKernel, number> = { gaussian: 0, epanechnikov: 1, box: 2 };

export function createDensityBinned(regl: Regl): DensityBinned {
  const gl = regl._gl;
  const corners = regl.buffer([0, 0, 1, 0, 0, 1, 1, 1]);
  const gridTexture: Texture2D = regl.texture({ width: 1, height: 1, type: 'float', format: 'luminance', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
  const passTexture: Texture2D = regl.texture({ width: 1, height: 1, type: 'float', format: 'rgba', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
  const pass: Framebuffer2D = regl.framebuffer({ color: passTexture, depthStencil: false });
  let gridBytes = 0;
  let passW = 1;
  let passH = 1;
  // The node grid binned on the GPU (RGBA float: red Σ w·L, green Σ L), made on first use.
  let binTexture: Texture2D | undefined;
  let binFbo: Framebuffer2D | undefined;
  let binW = 0;
  let binH = 0;
  let binCmd: ((p: BinProps) => void) | undefined;
  const makeBin = () =>
    guardShaders<BinProps>(gl, binVert, binFrag, () => regl<Record<string, any>, Record<string, any>, BinProps>({
      vert: binVert,
      frag: binFrag,
      attributes: {
        aPoint: (_: unknown, p: BinProps) => ({ buffer: p.buffer, offset: 0, stride: p.stride * 4 }),
        aWeight: (_: unknown, p: BinProps) => (p.weighted ? { buffer: p.buffer, offset: 8, stride: p.stride * 4 } : { constant: [1] }),
      },
      uniforms: uniformProps(regl, BIN_UNIFORMS),
      primitive: 'points',
      count: regl.prop<BinProps, 'count'>('count'),
      framebuffer: regl.prop<BinProps, 'framebuffer'>('framebuffer'),
      viewport: regl.prop<BinProps, 'viewport'>('viewport'),
      depth: { enable: false },
      blend: { enable: true, func: { src: 'one', dst: 'one' }, equation: 'add' },
    }) as unknown as (p: BinProps) => void);

  const common = {
    attributes: { aCorner: corners },
    primitive: 'triangle strip' as const,
    count: 4,
    depth: { enable: false },
    blend: { enable: false },
  };
  const makeConv = (axis: 0 | 1) => {
    const frag = `#define DENSITY_AXIS ${axis}\n${convFrag}`;
    return guardShaders<ConvProps>(gl, quadVert, frag, () => regl<Record<string, any>, Record<string, any>, ConvProps>({
      ...common,
      vert: quadVert,
      frag,
      uniforms: uniformProps(regl, CONV_UNIFORMS),
      framebuffer: regl.prop<ConvProps, 'framebuffer'>('framebuffer'),
      viewport: regl.prop<ConvProps, 'viewport'>('viewport'),
    }) as unknown as (props: ConvProps) => void);
  };
  // Programs are made on first use: where the CPU convolves (software renderers) or the points are splatted, never.
  let convX: ((props: ConvProps) => void) | undefined;
  let convY: ((props: ConvProps) => void) | undefined;
  const conv2d = new Map<DensityKernel, (props: Conv2dProps) => void>();
  const make2d = (kernel: DensityKernel) => {
    const frag = `#define DENSITY_KERNEL ${KERNEL_INDEX[kernel]}\n${conv2dFrag}`;
    return guardShaders<Conv2dProps>(gl, quadVert, frag, () => regl<Record<string, any>, Record<string, any>, Conv2dProps>({
      ...common,
      vert: quadVert,
      frag,
      uniforms: uniformProps(regl, CONV2D_UNIFORMS),
      framebuffer: regl.prop<Conv2dProps, 'framebuffer'>('framebuffer'),
      viewport: regl.prop<Conv2dProps, 'viewport'>('viewport'),
    }) as unknown as (props: Conv2dProps) => void);
  };

  return {
    bin(p, g, view) {
      if (!binTexture || !binFbo) {
        binTexture = regl.texture({ width: g.width, height: g.height, type: 'float', format: 'rgba', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
        binFbo = regl.framebuffer({ color: binTexture, depthStencil: false });
      } else if (binW !== g.width || binH !== g.height) binFbo.resize(g.width, g.height);
      binW = g.width;
      binH = g.height;
      regl.clear({ color: [0, 0, 0, 0], framebuffer: binFbo });
      if (p.count === 0) return;
      binCmd ??= makeBin();
      binCmd({
        buffer: p.buffer,
        stride: p.stride,
        weighted: p.stride === 3,
        count: p.count,
        uViewOrigin: view.viewOrigin,
        uPxPerUnit: view.pxPerUnit,
        uNode0: new Float32Array([g.x0, g.y0]),
        uNodeStep: new Float32Array([g.dx, g.dy]),
        uGridSize: new Float32Array([g.width, g.height]),
        framebuffer: binFbo,
        viewport: { x: 0, y: 0, width: g.width, height: g.height },
      });
    },
    convolve(g, values, weighted, kernel, norm, target) {
      let source: Texture2D = gridTexture;
      let channels = weighted ? 1 : 0;
      if (values) {
        gridTexture({ width: g.width, height: g.height, data: values, type: 'float', format: weighted ? 'luminance alpha' : 'luminance', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
        gridBytes = g.width * g.height * (weighted ? 8 : 4);
      } else {
        if (!binTexture) throw new Error('convolve(grid, null) needs bin() first');
        source = binTexture;
        channels = 2;
        gridBytes = g.width * g.height * 16;
      }
      const out = { x: target.x, y: target.y, width: target.width, height: target.height };
      const outOffset = new Float32Array([target.x, target.y]);
      if (kernel !== 'gaussian') {
        let cmd = conv2d.get(kernel);
        if (!cmd) {
          cmd = make2d(kernel);
          conv2d.set(kernel, cmd);
        }
        const taps = (n: number) => Math.min(16, n);
        cmd({
          uSource: source,
          uSourceSize: new Float32Array([g.width, g.height]),
          uWeighted: channels,
          uNode0: new Float32Array([g.x0, g.y0]),
          uNodeStep: new Float32Array([g.dx, g.dy]),
          uInvH: new Float32Array([1 / g.hxPx, 1 / g.hyPx]),
          uTaps: new Float32Array([taps(g.tapsX), taps(g.tapsY)]),
          uOutOffset: outOffset,
          uScale: norm,
          framebuffer: target.framebuffer,
          viewport: out,
        });
        return;
      }
      if (passW !== target.width || passH !== g.height) {
        pass.resize(target.width, g.height);
        passW = target.width;
        passH = g.height;
      }
      convX ??= makeConv(0);
      convY ??= makeConv(1);
      convX({
        uSource: source,
        uSourceSize: new Float32Array([g.width, g.height]),
        uWeighted: channels,
        uNode0: g.x0,
        uNodeStep: g.dx,
        uInvH: 1 / g.hxPx,
        uTaps: Math.min(48, g.tapsX),
        uOutOffset: new Float32Array([0, 0]),
        uScale: 1,
        framebuffer: pass,
        viewport: { x: 0, y: 0, width: passW, height: passH },
      });
      convY({
        uSource: passTexture,
        uSourceSize: new Float32Array([passW, passH]),
        uWeighted: 0,
        uNode0: g.y0,
        uNodeStep: g.dy,
        uInvH: 1 / g.hyPx,
        uTaps: Math.min(48, g.tapsY),
        uOutOffset: outOffset,
        uScale: norm,
        framebuffer: target.framebuffer,
        viewport: out,
      });
    },
    bytes() {
      return gridBytes + passW * passH * 16;
    },
    destroy() {
      binFbo?.destroy();
      binTexture?.destroy();
      pass.destroy();
      passTexture.destroy();
      gridTexture.destroy();
      corners.destroy();
    },
  };
}
