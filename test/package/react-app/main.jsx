// React test app: StrictMode (development build, so effects mount twice), then a prop change, then unmount.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HeatmapView } from './heatmap-view.jsx';

const OPTIONS = { cmap: ['#ff0000', '#00ff00', '#0000ff'], vmin: 0, vmax: 2, cbar: false, interactive: false, preserveDrawingBuffer: true };
const GREEN = [[0, 0, 0], [0, 1, 0], [0, 0, 0]];
const BLUE = [[0, 0, 0], [0, 2, 0], [0, 0, 0]];
const settle = () => new Promise((done) => setTimeout(done, 100));
const calls = [];
let live = null;
const onHeatmap = (hm) => {
  calls.push(hm ? 'mount' : 'unmount');
  live = hm;
};
function centre() {
  live.render();
  const px = live.readPixels();
  const at = (Math.floor(px.height / 2) * px.width + Math.floor(px.width / 2)) * 4;
  return Array.from(px.data.slice(at, at + 4));
}
const canvases = () => document.querySelectorAll('#app canvas').length;

window.result = (async () => {
  const root = createRoot(document.getElementById('app'));
  root.render(<StrictMode><HeatmapView data={GREEN} options={OPTIONS} onHeatmap={onHeatmap} /></StrictMode>);
  await settle();
  const mounted = { calls: [...calls], canvases: canvases(), centre: centre() };
  const first = live;
  root.render(<StrictMode><HeatmapView data={BLUE} options={OPTIONS} onHeatmap={onHeatmap} /></StrictMode>);
  await settle();
  const updated = { sameHeatmap: live === first, centre: centre() };
  root.unmount();
  await settle();
  return { mounted, updated, unmounted: { calls: [...calls], canvases: canvases() } };
})().catch((e) => ({ error: String((e && e.stack) || e) }));
