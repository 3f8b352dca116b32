// Compiles a shader once with raw WebGL to report errors the twgl way: numbered source with the error under the
// failing line, and the shader's SHADER_NAME (GL layer).
import { HeatglError } from '../core/errors';

/** Formats a GLSL info log against its source: each source line numbered, each error printed under its line. */
export function annotateShaderError(source: string, log: string, name: string): string {
  const errors = new Map<number, string[]>();
  for (const line of log.split('\n')) {
    const m = /^\s*(?:ERROR|WARNING):\s*\d+:(\d+):\s*(.*)$/.exec(line);
    if (m) {
      const at = Number(m[1]);
      errors.set(at, [...(errors.get(at) ?? []), m[2] as string]);
    }
  }
  const out = source.split('\n').flatMap((text, i) => {
    const n = i + 1;
    const here = errors.get(n) ?? [];
    return [`${String(n).padStart(4)}: ${text}`, ...here.map((e) => `^^^^ ERROR: ${e}`)];
  });
  return `shader ${name} failed to compile:\n${log.trim()}\n${out.join('\n')}`;
}

export function shaderName(source: string): string {
  return /#define\s+SHADER_NAME\s+(\S+)/.exec(source)?.[1] ?? 'unnamed shader';
}

/** Throws a HeatglError with the annotated source if the shader does not compile. */
export function checkShader(gl: WebGLRenderingContext, type: number, source: string): void {
  const shader = gl.createShader(type);
  if (!shader) return;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  const ok = gl.getShaderParameter(shader, gl.COMPILE_STATUS) as boolean;
  const log = gl.getShaderInfoLog(shader) ?? '';
  gl.deleteShader(shader);
  if (!ok && !gl.isContextLost()) throw new HeatglError(annotateShaderError(source, log, shaderName(source)));
}

/**
 * Makes a regl draw command whose shaders regl compiles once (when the command is made or first called); only if that
 * throws are they compiled again by checkShader, for an error with the annotated source. (Checking every shader up
 * front cost a second compile and a GPU round trip each: on SwiftShader tens of ms per heatmap.)
 */
export function guardShaders<P>(gl: WebGLRenderingContext, vert: string, frag: string, make: () => (props: P) => void): (props: P) => void {
  const explain = (err: unknown): never => {
    checkShader(gl, gl.VERTEX_SHADER, vert);
    checkShader(gl, gl.FRAGMENT_SHADER, frag);
    throw err;
  };
  let command: (props: P) => void = () => undefined;
  try {
    command = make();
  } catch (err) {
    explain(err);
  }
  let compiled = false;
  return (props) => {
    if (compiled) {
      command(props);
      return;
    }
    try {
      command(props);
      compiled = true;
    } catch (err) {
      explain(err);
    }
  };
}
