// Shaders are parsed in Node (no GPU): a GLSL typo or an undeclared name fails here in milliseconds.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parser } from '@shaderfrog/glsl-parser';
import { preprocess } from '@shaderfrog/glsl-parser/preprocessor';
import { describe, expect, test } from 'vitest';
import { annotateShaderError, shaderName } from '../../src/gl/shader-check';

const dir = resolve(import.meta.dirname, '../../shaders');
const files = readdirSync(dir).filter((f) => f.endsWith('.glsl'));

describe('shaders parse as GLSL ES', () => {
  test('there are shaders', () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const file of files) {
    test(file, () => {
      const source = readFileSync(resolve(dir, file), 'utf8');
      const stage = file.includes('.frag.') ? 'fragment' : 'vertex';
      expect(() => parser.parse(source, { quiet: true, failOnWarn: true, stage })).not.toThrow();
      expect(shaderName(source)).toBe(file.replace(/\.glsl$/, ''));
    });
  }
  test('every variant of the heatmap shader (norm × grid × interpolation) parses', { timeout: 30_000 }, () => {
    const source = readFileSync(resolve(dir, 'heatmap.frag.glsl'), 'utf8');
    // Every branch of each #if at least once (the parser takes ~0.2 s a parse, so not all 36 combinations).
    // [norm, grid, interp, storage, lod, ring]
    const combos = [[0, 0, 0, 0, 0, 0], [1, 0, 0, 1, 1, 0], [2, 0, 0, 2, 2, 1], [3, 0, 0, 0, 3, 0], [4, 0, 0, 1, 0, 1], [5, 1, 1, 2, 0, 0], [0, 1, 2, 0, 0, 0], [0, 0, 2, 1, 0, 1]];
    for (const [norm, grid, interp, storage, lod, ring] of combos) {
      const lines = (norm as number) % 2;
      // The whole-matrix fast path (no discard, clamped end colours) on the plain linear variants.
      const fast = norm === 0 && grid === 0 ? 1 : 0;
      const variant = `#define HEATGL_NORM ${norm}\n#define HEATGL_GRID ${grid}\n#define HEATGL_INTERP ${interp}\n#define HEATGL_STORAGE ${storage}\n#define HEATGL_LOD ${lod}\n#define HEATGL_RING ${ring}\n#define HEATGL_LINES ${lines}\n#define HEATGL_CLIP ${1 - fast}\n#define HEATGL_ENDS ${fast}\n${source}`;
      expect(() => parser.parse(preprocess(variant), { quiet: true, failOnWarn: true, stage: 'fragment' }), `${norm}/${grid}/${interp}/${storage}/${lod}/${ring}`).not.toThrow();
    }
    const reduce = readFileSync(resolve(dir, 'reduce.frag.glsl'), 'utf8');
    for (const [fromBase, storage] of [[1, 0], [1, 1], [1, 2], [0, 0]]) {
      const variant = `#define HEATGL_FROM_BASE ${fromBase}\n#define HEATGL_STORAGE ${storage}\n${reduce}`;
      expect(() => parser.parse(preprocess(variant), { quiet: true, failOnWarn: true, stage: 'fragment' }), `reduce ${fromBase}/${storage}`).not.toThrow();
    }
    // The preprocessor really removes the other branches: a typo in the log branch only breaks that variant.
    const broken = source.replace('t = (log(v) * c - a) / b;', 't = (lg(v) * c - a) / b;');
    expect(() => parser.parse(preprocess(`#define HEATGL_NORM 1\n${broken}`), { quiet: true, failOnWarn: true, stage: 'fragment' })).toThrow(/lg/);
    expect(() => parser.parse(preprocess(`#define HEATGL_NORM 0\n${broken}`), { quiet: true, failOnWarn: true, stage: 'fragment' })).not.toThrow();
  });
  test('the parser does catch mistakes', () => {
    const source = readFileSync(resolve(dir, 'heatmap.frag.glsl'), 'utf8');
    expect(() => parser.parse(source.replace('x > uLutSize', 'x > uLutSiz'), { quiet: true, failOnWarn: true, stage: 'fragment' })).toThrow(/uLutSiz/);
  });
  test('uniforms the draw command sets are exactly those the shaders declare', () => {
    const layer = readFileSync(resolve(import.meta.dirname, '../../src/gl/heatmap-layer.ts'), 'utf8');
    const set = new Set([...layer.matchAll(/^\s+(u[A-Z]\w*):/gm)].map((m) => m[1]));
    const declared = new Set<string>();
    for (const file of ['heatmap.vert.glsl', 'heatmap.frag.glsl']) {
      const src = readFileSync(resolve(dir, file), 'utf8');
      for (const m of src.matchAll(/^uniform\s+\w+\s+(\w+)/gm)) declared.add(m[1] as string);
    }
    expect([...set].sort()).toEqual([...declared].sort());
    // The pyramid's reduce pass likewise.
    const lod = readFileSync(resolve(import.meta.dirname, '../../src/gl/lod.ts'), 'utf8');
    const lodSet = new Set([...lod.matchAll(/^\s+(u[A-Z]\w*):/gm)].map((m) => m[1]));
    const reduce = readFileSync(resolve(dir, 'reduce.frag.glsl'), 'utf8');
    const lodDeclared = new Set([...reduce.matchAll(/^uniform\s+\w+\s+(\w+)/gm)].map((m) => m[1]));
    expect([...lodSet].sort()).toEqual([...lodDeclared].sort());
  });
});

test('compile errors are shown under the numbered source line', () => {
  const text = annotateShaderError('void main() {\n  flot x;\n}', 'ERROR: 0:2: \'flot\' : undeclared identifier\n', 'demo.frag');
  expect(text).toContain('shader demo.frag failed to compile');
  expect(text).toContain("   2:   flot x;\n^^^^ ERROR: 'flot' : undeclared identifier\n   3: }");
});

describe('uniforms declared once: each list matches what its shaders declare', () => {
  const declared = (...files: string[]) => {
    const out: Record<string, string> = {};
    for (const f of files) {
      for (const m of readFileSync(resolve(dir, f), 'utf8').matchAll(/^\s*uniform\s+(?:(?:lowp|mediump|highp)\s+)?(\w+)\s+(\w+)\s*;/gm)) out[m[2] as string] = m[1] as string;
    }
    return out;
  };
  test.each([
    ['heatmap', () => import('../../src/gl/heatmap-uniforms').then((m) => m.HEATMAP_UNIFORMS), ['heatmap.vert.glsl', 'heatmap.frag.glsl']],
    ['reduce', () => import('../../src/gl/lod').then((m) => m.REDUCE_UNIFORMS), ['quad.vert.glsl', 'reduce.frag.glsl']],
    ['density splat', () => import('../../src/gl/density-uniforms').then((m) => m.SPLAT_UNIFORMS), ['density-splat.vert.glsl', 'density-splat.frag.glsl']],
    ['density colour', () => import('../../src/gl/density-uniforms').then((m) => m.COLOR_UNIFORMS), ['density-color.vert.glsl', 'density-color.frag.glsl']],
  ] as const)('%s', async (_name, load, files) => {
    const spec = await load();
    expect(Object.keys(spec).length).toBeGreaterThan(3);
    expect({ ...spec }).toEqual(declared(...files));
  });
});
