// The page script both browser tests run (written into the consumer as page.js; imports heatgl from `HEATGL`): a
// 3×3 heatmap whose centre cell is green, a <heat-map> with its default size, a <heat-map src> of a CSV, and a
// clustermap; resolves window.result with what it saw, including every CSP violation.
export const PAGE_SCRIPT = `
import { clustermap, defineHeatmapElement, heatmap } from 'HEATGL';
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));
window.result = (async () => {
  const hm = heatmap(document.getElementById('plot'), [[0, 0, 0], [0, 1, 0], [0, 0, 2]], {
    cmap: ['#ff0000', '#00ff00', '#0000ff'], vmin: 0, vmax: 2, cbar: false, interactive: false, preserveDrawingBuffer: true,
  });
  hm.render();
  const px = hm.readPixels();
  const at = (Math.floor(px.height / 2) * px.width + Math.floor(px.width / 2)) * 4;
  const centre = Array.from(px.data.slice(at, at + 4));
  defineHeatmapElement();
  const el = document.createElement('heat-map');
  el.data = [[1, 2], [3, 4]];
  document.body.append(el);
  const fromSrc = document.createElement('heat-map');
  const rendered = new Promise((done, fail) => {
    fromSrc.addEventListener('heatmap-render', () => done(true), { once: true });
    fromSrc.addEventListener('heatmap-error', (e) => fail(e.detail), { once: true });
  });
  fromSrc.setAttribute('src', 'm.csv');
  document.body.append(fromSrc);
  await rendered;
  const box = el.getBoundingClientRect();
  const cm = clustermap(document.getElementById('cm'), { values: [1, 2, 3, 9, 8, 7, 1.5, 2.5, 3, 9, 7.5, 7], rows: 4, cols: 3 });
  await cm.ready;
  return { centre, elementSize: [box.width, box.height], srcRows: fromSrc.data.rows, rowOrder: cm.rowOrder, violations };
})().catch((e) => ({ error: String((e && e.stack) || e), violations }));
`;

export const PAGE_CSS = '#plot, #cm { width: 300px; height: 300px; }\n';

/** The documented Content-Security-Policy (README, "Content-Security-Policy"): no blob: workers, no inline styles. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self'; worker-src 'self'; img-src 'self' data: blob:; connect-src 'self'";
