// Shader errors: regl compiles each shader once, on the first draw; only when that fails does guardShaders compile
// it again to throw a HeatglError with the numbered source and the error under its line.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(400, 300);
  // A string, so that vitest does not rewrite the dynamic import; the dev server serves the TypeScript source.
  await h.page.evaluate(`Promise.all([import('/src/gl/shader-check.ts'), import('/src/gl/context.ts')]).then(([m, c]) => { window.shaderCheck = m; window.glContext = c; })`);
});
afterAll(async () => h.close());

test('a good shader is compiled once per stage; a broken one throws the annotated source', async () => {
  const res = await h.page.evaluate(() => {
    const w = window as any;
    let compiles = 0;
    const proto = WebGLRenderingContext.prototype;
    const compile = proto.compileShader;
    proto.compileShader = function (this: WebGLRenderingContext, s: WebGLShader) {
      compiles++;
      compile.call(this, s);
    };
    const ctx = w.glContext.createContext(document.createElement('canvas'));
    const { regl, gl } = ctx;
    const vert = '#define SHADER_NAME t.vert\nprecision highp float;\nattribute vec2 p;\nvoid main() { gl_Position = vec4(p, 0.0, 1.0); }';
    const good = '#define SHADER_NAME good.frag\nprecision highp float;\nvoid main() { gl_FragColor = vec4(1.0); }';
    const bad = '#define SHADER_NAME bad.frag\nprecision highp float;\nvoid main() {\n  gl_FragColor = vec4(1.0) * undefinedThing;\n}';
    const make = (frag: string) => w.shaderCheck.guardShaders(gl, vert, frag, () => regl({ vert, frag, attributes: { p: [0, 0, 1, 0, 0, 1] }, count: 3 }));
    const drawGood = make(good);
    drawGood({});
    drawGood({});
    const goodCompiles = compiles;
    let message = '';
    let name = '';
    try {
      make(bad)({});
    } catch (e) {
      message = (e as Error).message;
      name = (e as Error).name;
    }
    proto.compileShader = compile;
    ctx.destroy();
    return { goodCompiles, message, name };
  });
  expect(res.goodCompiles).toBe(2);
  expect(res.name).toBe('HeatglError');
  expect(res.message).toContain('shader bad.frag failed to compile');
  expect(res.message).toMatch(/ {3}4: {3}gl_FragColor = vec4\(1\.0\) \* undefinedThing;\n\^\^\^\^ ERROR: .*undefinedThing/);
});
