// The density shaders in Node: every kernel variant parses after preprocessing, a typo in one variant breaks only that
// variant; the binned convolution's shaders likewise, and their uniform lists match the .glsl (the splat and colour
// lists are checked in test/unit/shaders.test.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parser } from '@shaderfrog/glsl-parser';
import { preprocess } from '@shaderfrog/glsl-parser/preprocessor';
import { expect, test } from 'vitest';

const dir = resolve(import.meta.dirname, '../../shaders');
const read = (f: string) => readFileSync(resolve(dir, f), 'utf8');
const parse = (source: string, stage: 'vertex' | 'fragment') => parser.parse(preprocess(source), { quiet: true, failOnWarn: true, stage });

test('every kernel variant of the splat shader parses, and the variants really differ', () => {
  const source = read('density-splat.frag.glsl');
  for (const k of [0, 1, 2]) expect(() => parse(`#define DENSITY_KERNEL ${k}\n${source}`, 'fragment'), `kernel ${k}`).not.toThrow();
  const broken = source.replace('return 1.0 - u2;', 'return 1.0 - u3;');
  expect(broken).not.toBe(source);
  expect(() => parse(`#define DENSITY_KERNEL 1\n${broken}`, 'fragment')).toThrow(/u3/);
  expect(() => parse(`#define DENSITY_KERNEL 0\n${broken}`, 'fragment')).not.toThrow();
});

test('uniforms the density draw commands set are exactly those the shaders declare', () => {
  // The uniforms are declared in src/gl/density-uniforms.ts and set by src/gl/density-layer.ts.
  const layer = ['density-layer.ts', 'density-uniforms.ts'].map((f) => readFileSync(resolve(import.meta.dirname, '../../src/gl', f), 'utf8')).join('\n');
  const set = new Set([...layer.matchAll(/^\s+(u[A-Z]\w*):/gm)].map((m) => m[1]));
  const declared = new Set<string>();
  for (const file of ['density-splat.vert.glsl', 'density-splat.frag.glsl', 'density-color.vert.glsl', 'density-color.frag.glsl']) {
    for (const m of read(file).matchAll(/^uniform\s+\w+\s+(\w+)/gm)) declared.add(m[1] as string);
  }
  expect([...set].sort()).toEqual([...declared].sort());
  expect(set.size).toBeGreaterThan(8);
});

test('the binned convolution shaders: every variant parses, and density-binned.ts sets exactly their uniforms', () => {
  const conv = read('density-conv.frag.glsl');
  const conv2d = read('density-conv2d.frag.glsl');
  for (const axis of [0, 1]) expect(() => parse(`#define DENSITY_AXIS ${axis}\n${conv}`, 'fragment'), `axis ${axis}`).not.toThrow();
  for (const k of [1, 2]) expect(() => parse(`#define DENSITY_KERNEL ${k}\n${conv2d}`, 'fragment'), `kernel ${k}`).not.toThrow();
  // A typo in the y pass breaks only the y variant.
  const broken = conv.replace('v = texture2D(uSource, vec2(other,', 'v = texture2D(uSourceY, vec2(other,');
  expect(broken).not.toBe(conv);
  expect(() => parse(`#define DENSITY_AXIS 1\n${broken}`, 'fragment')).toThrow(/uSourceY/);
  expect(() => parse(`#define DENSITY_AXIS 0\n${broken}`, 'fragment')).not.toThrow();
  for (const source of [conv, conv2d]) expect(source.startsWith('#define SHADER_NAME density-conv')).toBe(true);
});

test('the conv uniforms declared in src/gl/density-binned.ts are exactly those the shaders declare', async () => {
  const { BIN_UNIFORMS, CONV_UNIFORMS, CONV2D_UNIFORMS } = await import('../../src/gl/density-binned');
  const { LIMITS_UNIFORMS } = await import('../../src/gl/density-limits');
  const declared = (...files: string[]) => {
    const out: Record<string, string> = {};
    for (const f of files) for (const m of read(f).matchAll(/^\s*uniform\s+(\w+)\s+(\w+)\s*;/gm)) out[m[2] as string] = m[1] as string;
    return out;
  };
  expect({ ...CONV_UNIFORMS }).toEqual(declared('quad.vert.glsl', 'density-conv.frag.glsl'));
  expect({ ...CONV2D_UNIFORMS }).toEqual(declared('quad.vert.glsl', 'density-conv2d.frag.glsl'));
  expect({ ...BIN_UNIFORMS }).toEqual(declared('density-bin.vert.glsl', 'density-bin.frag.glsl'));
  expect({ ...LIMITS_UNIFORMS }).toEqual(declared('quad.vert.glsl', 'density-limits.frag.glsl'));
  for (const [file, stage] of [['density-bin.vert.glsl', 'vertex'], ['density-bin.frag.glsl', 'fragment'], ['density-limits.frag.glsl', 'fragment']] as const) {
    expect(() => parse(read(file), stage), file).not.toThrow();
  }
});
