// Uniforms declared once (GL layer): each shader's uniforms are listed in a `*-uniforms.ts` file beside its draw
// command as { uName: 'glslType' }; the regl props and the TypeScript type of the values are derived from that list,
// and a Node test checks the list against the uniforms the .glsl files declare.
import type { DynamicVariable, Framebuffer2D, Regl, Texture2D } from 'regl';

export type GlslType = 'float' | 'vec2' | 'vec3' | 'vec4' | 'mat4' | 'sampler2D';
export type UniformSpec = Readonly<Record<string, GlslType>>;

type ValueOf<T extends GlslType> = T extends 'float' ? number : T extends 'sampler2D' ? Texture2D | Framebuffer2D : ArrayLike<number>;

/** The values a draw call passes: one per uniform, keyed by the uniform's own name. */
export type UniformValues<S extends UniformSpec> = { [K in keyof S]: ValueOf<S[K]> };

/** regl's `uniforms` block: every uniform reads the prop of its own name. */
export function uniformProps<S extends UniformSpec>(regl: Regl, spec: S): { [K in keyof S]: DynamicVariable<ValueOf<S[K]>> } {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(spec)) out[name] = regl.prop<never, never>(name as never);
  return out as { [K in keyof S]: DynamicVariable<ValueOf<S[K]>> };
}
