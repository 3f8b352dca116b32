// Gallery cards for streamed stores: the 10¹² virtual matrix served by the dev server (vite-zarr-plugin.ts) and a
// small OME-Zarr written by zarr-python, both read with openZarr and drawn with heatmap().
import { heatmap, openZarr } from 'heatgl';

async function virtualCard(): Promise<void> {
  const card = document.getElementById('stream');
  if (!card) return;
  const plot = card.querySelector('.plot') as HTMLElement;
  const status = card.querySelector('.status') as HTMLElement;
  try {
    const source = await openZarr('/zarr/virtual/');
    const hm = heatmap(plot, source, { cmap: 'vlag', center: 0, vmin: -2, vmax: 2, annot: true, fmt: '.2f', linewidths: 0.5, title: '10¹² cells, streamed', cbarKws: { label: 'value' } });
    const show = () => {
      const s = hm.stats();
      const v = hm.getView();
      const cells = (v.x[1] - v.x[0]) * (v.y[1] - v.y[0]);
      status.textContent = `level ${s.level} · ${cells.toExponential(1)} cells in view · ${s.requests} requests, ${s.aborted} aborted · CPU cache ${(s.cpuCacheBytes / 2 ** 20).toFixed(1)} MiB, GPU ${(s.gpuCacheBytes / 2 ** 20).toFixed(1)} MiB · first picture ${s.firstPictureMs.toFixed(0)} ms`;
    };
    hm.on('render', show);
    hm.on('error', (e) => {
      status.textContent = e.message;
    });
    document.getElementById('stream-deep')?.addEventListener('click', () => {
      hm.setView({ x: [987_654, 987_666], y: [123_456, 123_464] });
    });
  } catch (e) {
    status.textContent = String(e);
  }
}

async function pythonCard(): Promise<void> {
  const card = document.getElementById('stream-py');
  if (!card) return;
  const plot = card.querySelector('.plot') as HTMLElement;
  const status = card.querySelector('.status') as HTMLElement;
  try {
    const source = await openZarr('/zarr/py/py-ome-translate');
    const hm = heatmap(plot, source, { cmap: 'rocket', title: 'zarr-python, OME-Zarr 0.4', cbarKws: { label: 'intensity' } });
    await hm.loaded();
    status.textContent = `${source.rows} × ${source.cols}, ${source.levels.length} levels (${source.reduction}), dtype ${source.dtype}`;
  } catch (e) {
    status.textContent = String(e);
  }
}

async function xarrayCard(): Promise<void> {
  const card = document.getElementById('stream-xr');
  if (!card) return;
  const plot = card.querySelector('.plot') as HTMLElement;
  const status = card.querySelector('.status') as HTMLElement;
  try {
    const source = await openZarr('/zarr/py/py-xarray', { path: 'expr' });
    const hm = heatmap(plot, source, { cmap: 'vlag', center: 0, title: 'expression (xarray)' });
    await hm.loaded();
    status.textContent = `${source.rows} × ${source.cols} · dimensions ${source.dims.join(' × ')} · ${hm.stats().httpRequests} requests`;
  } catch (e) {
    status.textContent = String(e);
  }
}

void virtualCard();
void pythonCard();
void xarrayCard();
