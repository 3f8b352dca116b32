// Clustering benchmark page (driven by bench/cluster.mjs): times linkage + leaf order on the main thread and a whole
// clustermap (worker, reorder, first frame) for a seeded random matrix generated here.
import { clustermap, leafOrder, linkage, type LinkageMethod } from '../src/index';

function data(rows: number, cols: number): Float64Array {
  let s = 12345;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296 + ((Math.floor(i / cols) * 7) % 5) * 0.3;
  }
  return out;
}

declare global {
  interface Window {
    clusterBench: {
      linkage(rows: number, cols: number, method: LinkageMethod): number;
      clustermap(rows: number, cols: number): Promise<number>;
    };
    clusterBenchReady: boolean;
  }
}

window.clusterBench = {
  linkage(rows, cols, method) {
    const values = data(rows, cols);
    const t0 = performance.now();
    leafOrder(linkage({ values, rows, cols }, { method, metric: 'euclidean' }));
    return performance.now() - t0;
  },
  async clustermap(rows, cols) {
    const values = data(rows, cols);
    const box = document.getElementById('box') as HTMLElement;
    const t0 = performance.now();
    const cm = clustermap(box, { values, rows, cols }, { pixelRatio: 1, colCluster: false, xticklabels: false, yticklabels: false });
    await cm.ready;
    cm.heatmap.render();
    const ms = performance.now() - t0;
    cm.destroy();
    return ms;
  },
};
window.clusterBenchReady = true;
