// GPU density (GL layer): points in one float32 buffer, drawn as instanced quads whose fragments add w·K and K into an
// RGBA float framebuffer (blend ONE, ONE), and a colour pass mapping that framebuffer through the colormap LUT.
import type { Buffer, Framebuffer2D, Regl, Texture2D } from 'regl';
import colorFrag from '../../shaders/density-color.frag.glsl?raw';
import colorVert from '../../shaders/density-color.vert.glsl?raw';
import splatFrag from '../../shaders/density-splat.frag.glsl?raw';
import splatVert from '../../shaders/density-splat.vert.glsl?raw';
import { type DensityFrame, type DensityKernel, frameKernel, kernelSupport, type PackedPoints } from '../core/density';
import type { LutTexture } from './lut-texture';
import { checkShader } from './shader-check';

export interface DensityColors {
  readonly lut: LutTexture;
  readonly lutSize: number;
  readonly vmin: number;
  readonly vmax: number;
  /** A constant opacity in 0..1, or 'ramp': the normalised value (transparent at vmin). */
  readonly opacity: number | 'ramp';
  readonly mean: boolean;
}

export interface DensityLayer {
  /** Uploads the packed points (replacing earlier ones); returns the bytes of GPU memory they take. */
  setPoints(points: PackedPoints): number;
  /** Clears the float framebuffer (resized to the frame) and adds every point's kernel into it. */
  splat(frame: DensityFrame, origin: readonly [number, number]): void;
  /** Draws the last splat through the LUT into the default framebuffer. */
  colorize(colors: DensityColors): void;
  /** RGBA floats (red Σ w·K, green Σ K) of a rectangle of the float framebuffer, GL rows (bottom first). */
  read(x: number, y: number, width: number, height: number): Float32Array;
  destroy(): void;
}

const KERNEL_INDEX: Record<DensityKernel, number> = { gaussian: 0, epanechnikov: 1, box: 2 };

interface SplatProps {
  buffer: Buffer;
  stride: number;
  weighted: boolean;
  count: number;
  viewOrigin: Float32Array;
  pxPerUnit: Float32Array;
  supportPx: Float32Array;
  invScalePx: Float32Array;
  norm: number;
  viewportPx: Float32Array;
}

export function createDensityLayer(regl: Regl): DensityLayer {
  const gl = regl._gl;
  checkShader(gl, gl.VERTEX_SHADER, splatVert);
  checkShader(gl, gl.VERTEX_SHADER, colorVert);
  checkShader(gl, gl.FRAGMENT_SHADER, colorFrag);
  const corners = regl.buffer([-1, -1, 1, -1, -1, 1, 1, 1]);
  const texture: Texture2D = regl.texture({ width: 1, height: 1, type: 'float', format: 'rgba', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
  const fbo: Framebuffer2D = regl.framebuffer({ color: texture, depthStencil: false });
  let points: { buffer: Buffer; stride: number; count: number } | undefined;
  let fboWidth = 1;
  let fboHeight = 1;

  const splatVariants = new Map<DensityKernel, ReturnType<typeof makeSplat>>();
  function makeSplat(kernel: DensityKernel) {
    const frag = `#define DENSITY_KERNEL ${KERNEL_INDEX[kernel]}\n${splatFrag}`;
    checkShader(gl, gl.FRAGMENT_SHADER, frag);
    // regl's attribute typings cannot express per-call buffers: uniforms and attributes are typed loosely.
    return regl<Record<string, any>, Record<string, any>, SplatProps>({
      vert: splatVert,
      frag,
      attributes: {
        aCorner: { buffer: corners, divisor: 0 },
        aPoint: (_: unknown, p: SplatProps) => ({ buffer: p.buffer, divisor: 1, offset: 0, stride: p.stride * 4 }),
        aWeight: (_: unknown, p: SplatProps) => (p.weighted ? { buffer: p.buffer, divisor: 1, offset: 8, stride: p.stride * 4 } : { constant: [1] }),
      },
      uniforms: {
        uViewOrigin: regl.prop<SplatProps, 'viewOrigin'>('viewOrigin'),
        uPxPerUnit: regl.prop<SplatProps, 'pxPerUnit'>('pxPerUnit'),
        uSupportPx: regl.prop<SplatProps, 'supportPx'>('supportPx'),
        uViewportPx: regl.prop<SplatProps, 'viewportPx'>('viewportPx'),
        uInvScalePx: regl.prop<SplatProps, 'invScalePx'>('invScalePx'),
        uNorm: regl.prop<SplatProps, 'norm'>('norm'),
      },
      primitive: 'triangle strip',
      count: 4,
      instances: regl.prop<SplatProps, 'count'>('count'),
      framebuffer: fbo,
      depth: { enable: false },
      blend: { enable: true, func: { src: 'one', dst: 'one' }, equation: 'add' },
    });
  }

  interface ColorProps {
    size: Float32Array;
    mean: number;
    lut: Texture2D;
    lutSize: number;
    range: Float32Array;
    opacity: number;
  }
  const colorize = regl<Record<string, any>, Record<string, any>, ColorProps>({
    vert: colorVert,
    frag: colorFrag,
    attributes: { aCorner: corners },
    uniforms: {
      uDensity: texture,
      uSizePx: regl.prop<ColorProps, 'size'>('size'),
      uMean: regl.prop<ColorProps, 'mean'>('mean'),
      uLut: regl.prop<ColorProps, 'lut'>('lut'),
      uLutSize: regl.prop<ColorProps, 'lutSize'>('lutSize'),
      uRange: regl.prop<ColorProps, 'range'>('range'),
      uOpacity: regl.prop<ColorProps, 'opacity'>('opacity'),
    },
    primitive: 'triangle strip',
    count: 4,
    depth: { enable: false },
    blend: { enable: false },
  });

  const viewOrigin = new Float32Array(2);
  const pxPerUnit = new Float32Array(2);
  const supportPx = new Float32Array(2);
  const invScalePx = new Float32Array(2);
  const viewportPx = new Float32Array(2);
  const size = new Float32Array(2);
  const range = new Float32Array(2);

  return {
    setPoints(p) {
      const buffer = regl.buffer({ data: p.data, usage: 'static', type: 'float' });
      points?.buffer.destroy();
      points = { buffer, stride: p.stride, count: p.count };
      return p.data.byteLength;
    },
    splat(f, origin) {
      const { widthPx: w, heightPx: h, view } = f;
      if (fboWidth !== w || fboHeight !== h) {
        fbo.resize(w, h);
        fboWidth = w;
        fboHeight = h;
      }
      regl.clear({ color: [0, 0, 0, 0], framebuffer: fbo });
      if (!points || points.count === 0) return;
      const k = frameKernel(f);
      const support = kernelSupport(f.kernel);
      // Framebuffer pixel (0, 0) is the bottom-left corner: data y grows upwards there unless the view has yDown.
      viewOrigin[0] = view.x0 - origin[0];
      viewOrigin[1] = (f.yDown ? view.y1 : view.y0) - origin[1];
      pxPerUnit[0] = w / (view.x1 - view.x0);
      pxPerUnit[1] = ((f.yDown ? -1 : 1) * h) / (view.y1 - view.y0);
      supportPx[0] = support * k.hxPx;
      supportPx[1] = support * k.hyPx;
      invScalePx[0] = 1 / k.hxPx;
      invScalePx[1] = 1 / k.hyPx;
      viewportPx[0] = w;
      viewportPx[1] = h;
      let cmd = splatVariants.get(f.kernel);
      if (!cmd) {
        cmd = makeSplat(f.kernel);
        splatVariants.set(f.kernel, cmd);
      }
      cmd({ buffer: points.buffer, stride: points.stride, weighted: points.stride === 3, count: points.count, viewOrigin, pxPerUnit, supportPx, invScalePx, norm: k.norm, viewportPx });
    },
    colorize(c) {
      size[0] = fboWidth;
      size[1] = fboHeight;
      range[0] = c.vmin;
      range[1] = c.vmax - c.vmin;
      regl.clear({ color: [0, 0, 0, 0] });
      colorize({ size, mean: c.mean ? 1 : 0, lut: c.lut.texture, lutSize: c.lutSize, range, opacity: c.opacity === 'ramp' ? -1 : c.opacity });
    },
    read(x, y, width, height) {
      const data = new Float32Array(width * height * 4);
      regl({ framebuffer: fbo })(() => {
        regl.read({ x, y, width, height, data });
      });
      return data;
    },
    destroy() {
      points?.buffer.destroy();
      points = undefined;
      fbo.destroy();
      texture.destroy();
      corners.destroy();
    },
  };
}
