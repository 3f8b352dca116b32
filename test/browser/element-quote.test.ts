// A <heat-map> src of 100 000 characters is quoted cut to URL_QUOTE_MAX (120) in its heatmap-error (issue 16.13).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type HarnessPage, openPage } from './page';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage(400, 300);
  await h.page.evaluate(`import('/src/element.ts').then((m) => m.defineHeatmapElement())`);
});
afterAll(async () => h.close());

test('a huge src is cut in the error messages', async () => {
  const messages = await h.page.evaluate(async () => {
    const out: string[] = [];
    for (const src of [`data:text/plain,${'x'.repeat(100_000)}`, `/no-such-dir/${'y'.repeat(100_000)}.csv`]) {
      const el = document.createElement('heat-map');
      el.style.cssText = 'display:block;width:200px;height:100px';
      const failed = new Promise<string>((resolve) => el.addEventListener('heatmap-error', (e) => resolve((e as CustomEvent).detail.message), { once: true }));
      el.setAttribute('src', src);
      document.body.appendChild(el);
      out.push(await failed);
      el.remove();
    }
    return out;
  });
  expect(messages[0]).toMatch(/^cannot tell the format of src "data:text\/plain,x+…" \(Content-Type "text\/plain"\)/);
  expect(messages[1]).toMatch(/^could not load src "\/no-such-dir\/y+…": HTTP 4\d\d/);
  for (const m of messages) expect(m.length).toBeLessThan(300);
});
