// Where a frame's time goes, for the benchmark pages: while `profile(fn)` runs, every method of the WebGL, WebGL2 and
// Canvas2D contexts (and canvas.getContext) is wrapped with performance.now() and its time added to a step. The
// wrapping costs well under a microsecond a call, and a frame makes a few hundred calls: the steps are for telling
// where time goes, the totals of the timed runs stay the ones measured without it.

/** Time (ms) by step; `js` is the rest of the wall time (library JavaScript: options, limits, layout, regl). */
export interface Profile {
  totalMs: number;
  context: number;
  programs: number;
  upload: number;
  smallTextures: number;
  draw: number;
  readback: number;
  overlay: number;
  js: number;
  calls: number;
}

const PROGRAM = new Set([
  'createShader',
  'shaderSource',
  'compileShader',
  'attachShader',
  'linkProgram',
  'getShaderParameter',
  'getProgramParameter',
  'getShaderInfoLog',
  'getProgramInfoLog',
  'getActiveUniform',
  'getActiveAttrib',
  'getUniformLocation',
  'getAttribLocation',
  'useProgram',
  'deleteShader',
  'detachShader',
]);
const CONTEXT = new Set(['getExtension', 'getSupportedExtensions', 'getParameter', 'getContextAttributes', 'isContextLost', 'getShaderPrecisionFormat']);
const UPLOAD = new Set(['texImage2D', 'texSubImage2D', 'texStorage2D']);

type Step = Exclude<keyof Profile, 'totalMs' | 'js' | 'calls'>;

/** Texels an upload call carries. */
function texels(name: string, args: unknown[]): number {
  // texImage2D(target, level, internalformat, width, height, …) with a data argument (the 6-argument form takes an
  // image: not a value upload); texSubImage2D(target, level, x, y, width, height, …); texStorage2D(target, levels,
  // internalformat, width, height).
  const at = (i: number) => (typeof args[i] === 'number' ? (args[i] as number) : 0);
  if (name === 'texSubImage2D') return args.length >= 9 ? at(4) * at(5) : 0;
  return args.length >= 5 ? at(3) * at(4) : 0;
}

function stepOf(kind: 'gl' | '2d', name: string, args: unknown[]): Step {
  if (kind === '2d') return 'overlay';
  if (name === 'readPixels' || name === 'finish') return 'readback';
  if (PROGRAM.has(name)) return 'programs';
  if (CONTEXT.has(name)) return 'context';
  if (UPLOAD.has(name)) return texels(name, args) >= 1 << 16 ? 'upload' : 'smallTextures';
  // Everything else (draws, clears, state, buffers) is the draw step.
  return 'draw';
}

/** Runs `fn` with the contexts' methods timed; returns its result and where the time went. */
export function profile<T>(fn: () => T): { result: T; profile: Profile } {
  const p: Profile = { totalMs: 0, context: 0, programs: 0, upload: 0, smallTextures: 0, draw: 0, readback: 0, overlay: 0, js: 0, calls: 0 };
  const restore: (() => void)[] = [];
  let depth = 0;
  const wrap = (proto: object, kind: 'gl' | '2d', only?: Set<string>) => {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (!d || typeof d.value !== 'function' || name === 'constructor' || (only && !only.has(name))) continue;
      const orig = d.value as (...a: unknown[]) => unknown;
      const timed = function (this: unknown, ...args: unknown[]) {
        if (depth > 0) return orig.apply(this, args);
        depth++;
        const t0 = performance.now();
        try {
          return orig.apply(this, args);
        } finally {
          const dt = performance.now() - t0;
          depth--;
          p.calls++;
          let step = stepOf(kind, name, args);
          if (name === 'getContext') step = args[0] === '2d' ? 'overlay' : 'context';
          p[step] += dt;
        }
      };
      Object.defineProperty(proto, name, { ...d, value: timed });
      restore.push(() => Object.defineProperty(proto, name, d));
    }
  };
  wrap(WebGLRenderingContext.prototype, 'gl');
  if (typeof WebGL2RenderingContext !== 'undefined') wrap(WebGL2RenderingContext.prototype, 'gl');
  wrap(CanvasRenderingContext2D.prototype, '2d');
  wrap(HTMLCanvasElement.prototype, 'gl', new Set(['getContext']));
  const t0 = performance.now();
  try {
    const result = fn();
    p.totalMs = performance.now() - t0;
    p.js = p.totalMs - (p.context + p.programs + p.upload + p.smallTextures + p.draw + p.readback + p.overlay);
    return { result, profile: p };
  } finally {
    for (const r of restore.reverse()) r();
  }
}
