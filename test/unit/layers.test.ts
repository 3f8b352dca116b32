// The layering rule of STYLE.md, checked: core is pure, overlay never imports gl, only view/input touches DOM events.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);

/** Pure layers: they import only themselves (and src/core), a few pure packages, and never touch the DOM. */
const pure: [string, string[], string[]][] = [
  ['core', ['core'], ['colormap', 'colormap/colorScale.js', 'gl-matrix']],
  ['data', ['data', 'core'], ['papaparse', 'apache-arrow']],
];
for (const [layer, allowed, packages] of pure) {
  test(`src/${layer} imports only ${allowed.map((a) => `src/${a}`).join(' and ')} and pure packages, and never touches the DOM`, () => {
    const files = walk(join(src, layer));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      for (const i of imports(f)) {
        const target = i.startsWith('.') ? relative(src, resolve(dirname(f), i)).split('/')[0] : undefined;
        const ok = target !== undefined ? allowed.includes(target) : packages.includes(i);
        expect(ok, `${relative(src, f)} imports ${i}`).toBe(true);
      }
      expect(readFileSync(f, 'utf8'), relative(src, f)).not.toMatch(/\b(document|window|HTMLElement|WebGLRenderingContext|requestAnimationFrame)\b/);
    }
  });
}

test('src/overlay never imports src/gl; shaders are imported only in src/gl', () => {
  for (const f of walk(src)) {
    const rel = relative(src, f);
    for (const i of imports(f)) {
      if (rel.startsWith('overlay')) expect(i, rel).not.toMatch(/\/gl\//);
      if (i.endsWith('.glsl?raw')) expect(rel.startsWith('gl/'), `${rel} imports a shader`).toBe(true);
    }
  }
});

test('src/gl and src/overlay never import src/view (pure camera maths lives in src/core)', () => {
  for (const f of walk(src)) {
    const rel = relative(src, f);
    if (!rel.startsWith('gl/') && !rel.startsWith('overlay/')) continue;
    for (const i of imports(f)) expect(i, rel).not.toMatch(/(^|\/)view\//);
  }
});

test('src has no import cycle', () => {
  const files = walk(src);
  const resolveImport = (from: string, i: string): string | undefined => {
    if (!i.startsWith('.')) return undefined;
    const base = resolve(dirname(from), i.replace(/\?raw$/, ''));
    for (const cand of [base, `${base}.ts`, join(base, 'index.ts')]) if (files.includes(cand)) return cand;
    return undefined;
  };
  // Type-only imports count too: a cycle of types is still two files that cannot be read apart.
  const edges = new Map(files.map((f) => [f, imports(f).map((i) => resolveImport(f, i)).filter((t): t is string => t !== undefined)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of edges.get(f) ?? []) {
      if (state.get(t) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(t)), t].map((x) => relative(src, x));
        expect.fail(`import cycle: ${cycle.join(' → ')}`);
      }
      if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
});
