// GPU density (GL layer): points in one float32 buffer, drawn as point sprites whose fragments add w·K and K into an
// RGBA float framebuffer (blend ONE, ONE), and a colour pass mapping that framebuffer through the colormap LUT.
// The framebuffer is the view plus a padding of half a sprite on every side (see density-splat.vert.glsl); kernels
// wider than the largest point sprite take several passes of tiled sprites.
import type { Buffer, Framebuffer2D, Regl, Texture2D } from 'regl';
import colorFrag from '../../shaders/density-color.frag.glsl?raw';
import colorVert from '../../shaders/density-color.vert.glsl?raw';
import splatFrag from '../../shaders/density-splat.frag.glsl?raw';
import splatVert from '../../shaders/density-splat.vert.glsl?raw';
import { type DensityFrame, type DensityKernel, frameKernel, kernelSupport, type PackedPoints } from '../core/density';
import { binGrid, binPoints, chooseMethod, gridRect, nodeTransform } from '../core/density-binning';
import { indexPoints, type PointIndex, runsInRect } from '../core/density-index';
import { type ConvolveScratch, convolveGrid } from '../core/density-convolve';
import { type SplatScratch, splatPoints } from '../core/density-splat';
import { createDensityBinned, isSoftwareName } from './density-binned';
import type { DensityContext } from './density-context';
import { createDensityLimits } from './density-limits';
import type { LutTexture } from './lut-texture';
import { COLOR_UNIFORMS, type ColorUniforms, SPLAT_UNIFORMS, type SplatUniforms } from './density-uniforms';
import type { Colormap } from '../core/colormaps';
import { colorizeImage } from '../core/density-colorize';
import { guardShaders } from './shader-check';
import { uniformProps } from './uniforms';
import { HeatglError } from '../core/errors';

export interface DensityColors {
  /** The LUT texture (made on first call: only the colour pass on the GPU needs it). */
  readonly lut: () => LutTexture;
  /** The LUT's colours (for the colour pass on the CPU). */
  readonly colormap: Colormap;
  readonly lutSize: number;
  readonly vmin: number;
  readonly vmax: number;
  /** A constant opacity in 0..1, or 'ramp': the normalised value (transparent at vmin). */
  readonly opacity: number | 'ramp';
  readonly mean: boolean;
  /** Take vmin = min(0, minimum) and vmax = maximum from reduceLimits() on the GPU instead of vmin / vmax. */
  readonly autoLimits: boolean;
  /** Where colours computed in JS go: `fill` writes width × height straight RGBA8 pixels, top row first (ImageData's
   *  layout); densitymap shows them on a 2D canvas, which on a software renderer costs far less than any draw. It
   *  returns false when it cannot (no 2D context): the colour pass then runs on the GPU. */
  readonly image?: (fill: (out: Uint8ClampedArray) => void, width: number, height: number) => boolean;
}

/** Where a frame's density is computed: 'cpu' (typed-array loops, uploaded; where WebGL is emulated on the CPU) or
 *  'gpu' (draws and passes); undefined: by the renderer (isSoftwareRenderer). */
export type DensityCompute = 'cpu' | 'gpu';
let forcedCompute: DensityCompute | undefined;
/** Tests and benchmarks: compute on this side whatever the renderer (undefined restores the choice by renderer). */
export function forceDensityCompute(c: DensityCompute | undefined): void {
  forcedCompute = c;
}

export interface DensityLayer {
  /** Takes the packed points (replacing earlier ones): sorts them by cell for binning (a JS copy kept by the layer)
   *  and uploads that copy to the GPU when a frame first splats; returns its bytes. */
  setPoints(points: PackedPoints): number;
  /** Clears the float framebuffer (resized to the frame) and adds every point's kernel into it, by splatting or by
   *  binning and convolution (frame.method, see src/core/density-binning.ts); returns the path and sprite layout used. */
  splat(frame: DensityFrame, origin: readonly [number, number]): SplatResult;
  /** Bytes of GPU memory the points, the binned grid and the float framebuffer take now (each made when a frame first
   *  needs it: none of them on the JS path of software renderers). */
  gpuBytes(): number;
  /** Colours the last splat: in JS when its density is in JS and `colors.image` takes the pixels (returns false), else
   *  through the LUT into the default framebuffer (returns true). */
  colorize(colors: DensityColors): boolean;
  /** The minimum and maximum value of the last frame when its density is in JS (computed there, nothing read back;
   *  'mean': Σ w·K / Σ K over the pixels some kernel reaches, NaN when none), else null. */
  cpuLimits(mean: boolean): [number, number] | null;
  /** Reduces the last frame's values (red, 'sum') to their minimum and maximum on the GPU, for autoLimits. */
  reduceLimits(): void;
  /** Reads the result of reduceLimits back: [min, max]. */
  readLimits(): [number, number];
  /** RGBA floats (red Σ w·K, green Σ K) of a rectangle of the view (padding excluded), GL rows (bottom first). */
  read(x: number, y: number, width: number, height: number): Float32Array;
  destroy(): void;
}

const KERNEL_INDEX: Record<DensityKernel, number> = { gaussian: 0, epanechnikov: 1, box: 2 };

interface SplatProps extends SplatUniforms {
  buffer: Buffer;
  stride: number;
  weighted: boolean;
  count: number;
  scissor: { x: number; y: number; width: number; height: number };
}

/** How the sprites of one frame are laid out: one sprite per point when the kernel fits in one. */
export interface SpriteLayout {
  /** Side of the square of pixels each sprite owns. */
  tilePx: number;
  /** Side of the drawn sprite: the tile, plus a pixel each side when there are several tiles. */
  spritePx: number;
  /** Tiles per axis. */
  tilesX: number;
  tilesY: number;
  /** Framebuffer pixels around the view on every side: half a sprite and a pixel. */
  padPx: number;
}

/** What one splat did: 'exact' with its sprite layout, or 'binned' (no sprites: padPx 0, spritePx 0). */
export interface SplatResult extends SpriteLayout {
  method: 'exact' | 'binned';
  /** Points binned ('binned'; the others were outside the view and its margin), or drawn ('exact'). */
  points: number;
  /** Nodes of the binned grid (0 for 'exact'). */
  nodes: number;
  /** CPU milliseconds of each step ('binned': the index query and binning, the convolution, the upload; 'exact': the
   *  draw calls). GPU work is only queued: its time shows where something waits for it. */
  timings: SplatTimings;
}

export interface SplatTimings {
  bin: number;
  convolve: number;
  upload: number;
  splat: number;
}

/**
 * Sprite layout for kernel supports (supportX, supportY) in pixels. One sprite of 2·support + 1 pixels covers every
 * pixel centre within the support (fragments are what SwiftShader pays for, so no larger); when that exceeds the
 * largest point size or the framebuffer limit, a grid of the largest sprites that fit, each a pixel larger than the
 * square it owns so that no pixel falls between two.
 */
export function spriteLayout(supportX: number, supportY: number, widthPx: number, heightPx: number, maxPointSize: number, maxFramebufferPx: number): SpriteLayout {
  const single = 2 * Math.ceil(Math.max(supportX, supportY)) + 1;
  const roomPx = 2 * Math.floor((maxFramebufferPx - Math.max(widthPx, heightPx)) / 2) - 4;
  const largest = Math.min(Math.floor(maxPointSize), roomPx);
  if (largest < 8) throw new HeatglError(`the largest WebGL point sprite here (${maxPointSize} px) or the framebuffer limit (${maxFramebufferPx} px) leaves no room for a density of ${widthPx}×${heightPx} pixels`);
  if (single <= largest) return { tilePx: single, spritePx: single, tilesX: 1, tilesY: 1, padPx: Math.ceil(single / 2) + 1 };
  const tilePx = largest - 2;
  const tiles = (support: number) => Math.ceil((2 * Math.ceil(support) + 1) / tilePx);
  return { tilePx, spritePx: largest, tilesX: tiles(supportX), tilesY: tiles(supportY), padPx: Math.ceil(largest / 2) + 1 };
}

interface ColorProps extends ColorUniforms {
  viewport: { x: number; y: number; width: number; height: number };
}

/** The regl objects of the GPU side: the float framebuffer, the binning and limits passes, the splat and colour
 *  programs (the splat's compiled per kernel on first use). */
function makeGpu(regl: Regl) {
  const gl = regl._gl;
  const corners = regl.buffer([-1, -1, 1, -1, -1, 1, 1, 1]);
  const texture: Texture2D = regl.texture({ width: 1, height: 1, type: 'float', format: 'rgba', min: 'nearest', mag: 'nearest', wrap: 'clamp' });
  const fbo: Framebuffer2D = regl.framebuffer({ color: texture, depthStencil: false });
  const binned = createDensityBinned(regl);
  const limits = createDensityLimits(regl);
  const makeSplat = (kernel: DensityKernel) => {
    const frag = `#define DENSITY_KERNEL ${KERNEL_INDEX[kernel]}\n${splatFrag}`;
    // regl's attribute typings cannot express per-call buffers: uniforms and attributes are typed loosely.
    return guardShaders(gl, splatVert, frag, () => regl<Record<string, any>, Record<string, any>, SplatProps>({
      vert: splatVert,
      frag,
      attributes: {
        aPoint: (_: unknown, p: SplatProps) => ({ buffer: p.buffer, offset: 0, stride: p.stride * 4 }),
        aWeight: (_: unknown, p: SplatProps) => (p.weighted ? { buffer: p.buffer, offset: 8, stride: p.stride * 4 } : { constant: [1] }),
      },
      uniforms: uniformProps(regl, SPLAT_UNIFORMS),
      primitive: 'points',
      count: regl.prop<SplatProps, 'count'>('count'),
      framebuffer: fbo,
      // Fragments in the padding are never read: the scissor drops them before the shader runs.
      scissor: { enable: true, box: regl.prop<SplatProps, 'scissor'>('scissor') },
      depth: { enable: false },
      blend: { enable: true, func: { src: 'one', dst: 'one' }, equation: 'add' },
    }) as unknown as (props: SplatProps) => void);
  };
  const splats = new Map<DensityKernel, (props: SplatProps) => void>();
  let colorize: ((props: ColorProps) => void) | undefined;
  return {
    regl,
    corners,
    texture,
    fbo,
    binned,
    limits,
    splat(kernel: DensityKernel): (props: SplatProps) => void {
      let cmd = splats.get(kernel);
      if (!cmd) {
        cmd = makeSplat(kernel);
        splats.set(kernel, cmd);
      }
      return cmd;
    },
    colorize(props: ColorProps): void {
      colorize ??= guardShaders<ColorProps>(gl, colorVert, colorFrag, () => regl<Record<string, any>, Record<string, any>, ColorProps>({
        vert: colorVert,
        frag: colorFrag,
        attributes: { aCorner: corners },
        uniforms: uniformProps(regl, COLOR_UNIFORMS),
        primitive: 'triangle strip',
        count: 4,
        viewport: regl.prop<ColorProps, 'viewport'>('viewport'),
        depth: { enable: false },
        blend: { enable: false },
      }) as unknown as (props: ColorProps) => void);
      colorize(props);
    },
    destroy(): void {
      binned.destroy();
      limits.destroy();
      fbo.destroy();
      texture.destroy();
      corners.destroy();
    },
  };
}

type Gpu = ReturnType<typeof makeGpu>;

/** A density computed in JS: red Σ w·K of pixel i at sum[i · stride], green Σ K at kern[i · stride + kOff] (RGBA
 *  floats from the convolution; two planes, or one when unweighted, from the exact sum). GL rows. */
interface CpuDensity {
  sum: Float32Array;
  kern: Float32Array;
  stride: number;
  kOff: number;
}

/** The smallest and largest value of a CPU density's first `pixels` pixels ('mean': Σ w·K / Σ K where Σ K > 0, rounded
 *  to float32 as readDensity stores it), NaN when none: typed arrays and numbers only (see splatRun). */
function scanLimits(sum: Float32Array, kern: Float32Array, stride: number, kOff: number, pixels: number, mean: boolean): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0, end = pixels * stride; i < end; i += stride) {
    let v = sum[i] as number;
    if (mean) {
      const k = kern[i + kOff] as number;
      if (!(k > 0)) continue;
      // As readDensity stores it: the quotient rounded to float32.
      v = Math.fround(v / k);
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [Number.NaN, Number.NaN];
}

/** RGBA floats (red, green; blue and alpha 0) of a rectangle of a CPU density `rowPx` pixels wide, GL rows. */
function densityRgba(d: CpuDensity, x: number, y: number, width: number, height: number, rowPx: number): Float32Array {
  const out = new Float32Array(width * height * 4);
  const { sum, kern, stride, kOff } = d;
  for (let r = 0, o = 0; r < height; r++) {
    for (let c = 0, i = ((y + r) * rowPx + x) * stride; c < width; c++, i += stride, o += 4) {
      out[o] = sum[i] as number;
      out[o + 1] = kern[i + kOff] as number;
    }
  }
  return out;
}

const viewOrigin = new Float32Array(2);
const pxPerUnit = new Float32Array(2);
const tiles = new Float32Array(2);
const invScalePx = new Float32Array(2);
const viewportPx = new Float32Array(2);
const size = new Float32Array(2);
const range = new Float32Array(2);
const pad2 = new Float32Array(2);

export function createDensityLayer(ctx: DensityContext): DensityLayer {
  const gl = ctx.gl;
  const maxPointSize = (gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array)[1] ?? 1;
  const dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  const maxFramebufferPx = Math.min(dims[0] ?? 0, dims[1] ?? 0, gl.getParameter(gl.MAX_TEXTURE_SIZE) as number, gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number);
  let points: { buffer: Buffer | undefined; stride: number; count: number } | undefined;
  // The points sorted by cell, kept in JS for binning (see src/core/density-index.ts).
  let index: PointIndex | undefined;
  let scratch: Float32Array | undefined;
  // Where the GPU is emulated on the CPU, the density is computed by JS loops (faster there: binning and the
  // separable convolution, or the exact sum for few points); the result is uploaded and also kept for read().
  const software = isSoftwareName(ctx.renderer);
  const convScratch: ConvolveScratch = {};
  const splatScratch: SplatScratch = {};
  let cpuDensity: CpuDensity | null = null;
  let cpuUploaded = false;
  let fboWidth = 1;
  let fboHeight = 1;
  let pad = 0;
  let viewWidth = 1;
  let viewHeight = 1;
  // Whether the last colour pass drew on the WebGL canvas.
  let screenDrawn = false;
  // The regl objects, made when a frame first needs a GPU pass (never where the density and colours are JS loops).
  let g: Gpu | undefined;
  const gpu = () => {
    g ??= makeGpu(ctx.regl);
    return g;
  };
  const uploadCpu = () => {
    if (cpuDensity && !cpuUploaded) {
      resize(viewWidth, viewHeight);
      gpu().texture.subimage({ width: viewWidth, height: viewHeight, data: densityRgba(cpuDensity, 0, 0, viewWidth, viewHeight, viewWidth) });
    }
    cpuUploaded = true;
  };
  const resize = (fw: number, fh: number) => {
    if (fboWidth !== fw || fboHeight !== fh) {
      gpu().fbo.resize(fw, fh);
      fboWidth = fw;
      fboHeight = fh;
    }
  };

  return {
    setPoints(p) {
      const ix = indexPoints(p);
      points?.buffer?.destroy();
      points = { buffer: undefined, stride: p.stride, count: p.count };
      index = ix;
      return ix.data.byteLength;
    },
    splat(f, origin) {
      const { widthPx: w, heightPx: h, view } = f;
      const k = frameKernel(f);
      const cpu = (forcedCompute ?? (software ? 'cpu' : 'gpu')) === 'cpu';
      const grid = binGrid(f, maxFramebufferPx);
      const t0 = performance.now();
      // The points whose kernel can reach the view: those of the index cells under the grid's rectangle (the view
      // and the kernel's support around it).
      const t = grid ? nodeTransform(f, origin, grid) : undefined;
      const runs = index && grid && t ? runsInRect(index, ...gridRect(grid, t)) : undefined;
      let near = points?.count ?? 0;
      if (runs) {
        near = 0;
        for (const [a, b] of runs) near += b - a;
      }
      const choice = chooseMethod(f.method ?? 'auto', f.kernel, near, f, grid, cpu);
      const cpuResult = (method: 'exact' | 'binned', drawn: number, nodes: number, tBin: number, density: CpuDensity): SplatResult => {
        const t1 = performance.now();
        pad = 0;
        viewWidth = w;
        viewHeight = h;
        cpuDensity = density;
        // The float texture is sized and filled only if a GPU pass needs it (the colour pass on the CPU does not).
        cpuUploaded = false;
        return { tilePx: 0, spritePx: 0, tilesX: 0, tilesY: 0, padPx: 0, method, points: drawn, nodes, timings: { bin: tBin - t0, convolve: t1 - tBin, upload: performance.now() - t1, splat: 0 } };
      };
      if (cpu && choice.method === 'exact' && index) {
        const out = splatPoints({ data: index.data, stride: index.stride, runs }, f, origin, splatScratch);
        const t1 = performance.now();
        const r = cpuResult('exact', out.drawn, 0, t1, { sum: out.sum, kern: out.kern, stride: 1, kOff: 0 });
        r.timings.bin = 0;
        r.timings.convolve = 0;
        r.timings.splat = t1 - t0;
        return r;
      }
      // View pixel (0, 0) is the bottom-left corner: data y grows upwards there unless the view has yDown.
      viewOrigin[0] = view.x0 - origin[0];
      viewOrigin[1] = (f.yDown ? view.y1 : view.y0) - origin[1];
      pxPerUnit[0] = w / (view.x1 - view.x0);
      pxPerUnit[1] = ((f.yDown ? -1 : 1) * h) / (view.y1 - view.y0);
      if (choice.method === 'binned' && grid && t && index) {
        const weighted = index.stride === 3;
        const nodes = grid.width * grid.height;
        let binnedPoints = near;
        let values: Float32Array | null = null;
        if (cpu) {
          const out = binPoints({ data: index.data, stride: index.stride, runs }, grid, t, scratch);
          if (!scratch || scratch.length < out.values.length) scratch = out.values;
          values = out.values;
          binnedPoints = out.binned;
        } else if (points) {
          // On a GPU: binned there too (4 × 4 sprites), so that neither the points nor the grid cross the bus.
          const { regl, binned } = gpu();
          points.buffer ??= regl.buffer({ data: index.data, usage: 'static', type: 'float' });
          binned.bin({ buffer: points.buffer, stride: index.stride, count: points.count }, grid, { viewOrigin, pxPerUnit });
        }
        const tBin = performance.now();
        if (values && f.kernel === 'gaussian') {
          const rgba = convolveGrid(grid, values, weighted, f, convScratch);
          return cpuResult('binned', binnedPoints, nodes, tBin, { sum: rgba, kern: rgba, stride: 4, kOff: 1 });
        }
        pad = 0;
        viewWidth = w;
        viewHeight = h;
        resize(w, h);
        cpuDensity = null;
        const side = gpu();
        side.regl.poll();
        side.binned.convolve(grid, values, weighted, f.kernel, k.norm, { framebuffer: side.fbo, x: 0, y: 0, width: w, height: h });
        return { tilePx: 0, spritePx: 0, tilesX: 0, tilesY: 0, padPx: 0, method: 'binned', points: binnedPoints, nodes, timings: { bin: tBin - t0, convolve: performance.now() - tBin, upload: 0, splat: 0 } };
      }
      const { regl, fbo } = gpu();
      regl.poll();
      const support = kernelSupport(f.kernel);
      const sprites = spriteLayout(support * k.hxPx, support * k.hyPx, w, h, maxPointSize, maxFramebufferPx);
      const layout: SplatResult = { ...sprites, method: 'exact', points: points?.count ?? 0, nodes: 0, timings: { bin: 0, convolve: 0, upload: 0, splat: 0 } };
      cpuDensity = null;
      pad = layout.padPx;
      viewWidth = w;
      viewHeight = h;
      resize(w + 2 * pad, h + 2 * pad);
      const fw = fboWidth;
      const fh = fboHeight;
      regl.clear({ color: [0, 0, 0, 0], framebuffer: fbo });
      if (!points || points.count === 0 || !index) return layout;
      points.buffer ??= regl.buffer({ data: index.data, usage: 'static', type: 'float' });
      const buffer = points.buffer;
      invScalePx[0] = 1 / k.hxPx;
      invScalePx[1] = 1 / k.hyPx;
      viewportPx[0] = fw;
      viewportPx[1] = fh;
      tiles[0] = layout.tilesX;
      tiles[1] = layout.tilesY;
      const cmd = gpu().splat(f.kernel);
      const T = layout.tilePx;
      const scissor = { x: pad, y: pad, width: w, height: h };
      for (let i = 0; i < layout.tilesX; i++) {
        for (let j = 0; j < layout.tilesY; j++) {
          const tileIndex = new Float32Array([i, j]);
          const tileOffsetPx = new Float32Array([(i + 0.5 - layout.tilesX / 2) * T, (j + 0.5 - layout.tilesY / 2) * T]);
          cmd({ buffer, stride: points.stride, weighted: points.stride === 3, count: points.count, uViewOrigin: viewOrigin, uPxPerUnit: pxPerUnit, uPadPx: pad, uViewportPx: viewportPx, uTileOffsetPx: tileOffsetPx, uSpritePx: layout.spritePx, uInvScalePx: invScalePx, uNorm: k.norm, uTilePx: T, uTiles: tiles, uTileIndex: tileIndex, scissor });
        }
      }
      layout.timings.splat = performance.now() - t0;
      return layout;
    },
    gpuBytes() {
      // The float framebuffer (RGBA32F) exists once a frame needed a GPU pass; the JS path of software renderers has none.
      return (points?.buffer ? (index?.data.byteLength ?? 0) : 0) + (g ? (g.binned.bytes() + fboWidth * fboHeight * 16) : 0);
    },
    colorize(c) {
      const d = cpuDensity;
      // Without a 2D canvas to show them (image() false), the colours are made by the shader as on a GPU.
      if (d && !c.autoLimits && c.image?.((out) => colorizeImage(d, viewWidth, viewHeight, c.colormap, c.vmin, c.vmax, c.opacity, c.mean, out), viewWidth, viewHeight)) {
        // The WebGL canvas is on top: clear what an earlier frame drew there.
        if (screenDrawn && g) {
          g.regl.poll();
          g.regl.clear({ color: [0, 0, 0, 0], framebuffer: null });
        }
        screenDrawn = false;
        return false;
      }
      uploadCpu();
      const { regl, texture, limits } = gpu();
      regl.poll();
      size[0] = fboWidth;
      size[1] = fboHeight;
      pad2[0] = pad;
      pad2[1] = pad;
      range[0] = c.vmin;
      range[1] = c.vmax - c.vmin;
      regl.clear({ color: [0, 0, 0, 0] });
      gpu().colorize({ uDensity: texture, uSizePx: size, uPadPx: pad2, viewport: { x: 0, y: 0, width: viewWidth, height: viewHeight }, uMean: c.mean ? 1 : 0, uLut: c.lut().texture, uLutSize: c.lutSize, uRange: range, uOpacity: c.opacity === 'ramp' ? -1 : c.opacity, uLimits: limits.texture, uAutoLimits: c.autoLimits ? 1 : 0 });
      screenDrawn = true;
      return true;
    },
    cpuLimits(mean) {
      if (!cpuDensity) return null;
      return scanLimits(cpuDensity.sum, cpuDensity.kern, cpuDensity.stride, cpuDensity.kOff, viewWidth * viewHeight, mean);
    },
    reduceLimits() {
      uploadCpu();
      const { limits, texture } = gpu();
      limits.reduce(texture, fboWidth, fboHeight, pad, pad, viewWidth, viewHeight);
    },
    readLimits() {
      return gpu().limits.read();
    },
    read(x, y, width, height) {
      if (cpuDensity) return densityRgba(cpuDensity, x, y, width, height, viewWidth);
      const data = new Float32Array(width * height * 4);
      const { regl, fbo } = gpu();
      regl({ framebuffer: fbo })(() => {
        regl.read({ x: x + pad, y: y + pad, width, height, data });
      });
      return data;
    },
    destroy() {
      points?.buffer?.destroy();
      points = undefined;
      index = undefined;
      scratch = undefined;
      cpuDensity = null;
      g?.destroy();
      g = undefined;
    },
  };
}
