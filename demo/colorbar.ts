// A minimal vertical colorbar for the gallery (the library has none yet): the LUT the heatmap actually uses
// (hm.getScale().lut), drawn with a 2D canvas, top = vmax, with the scale's limits (and centre) as labels.
import type { ColorScale } from 'heatgl';

export interface Colorbar {
  readonly element: HTMLElement;
  set(scale: ColorScale): void;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

export function createColorbar(height: number): Colorbar {
  const element = document.createElement('div');
  element.className = 'colorbar';
  element.style.height = `${height}px`;
  const canvas = document.createElement('canvas');
  canvas.className = 'colorbar-ramp';
  const labels = document.createElement('div');
  labels.className = 'colorbar-labels';
  element.append(canvas, labels);
  return {
    element,
    set(scale) {
      const { n, rgba } = scale.lut;
      canvas.width = 1;
      canvas.height = n;
      const ctx = canvas.getContext('2d');
      if (ctx) {
        const img = ctx.createImageData(1, n);
        // Row 0 of the canvas (top) is the LUT's last entry (vmax).
        for (let i = 0; i < n; i++) img.data.set(rgba.subarray((n - 1 - i) * 4, (n - i) * 4), i * 4);
        ctx.putImageData(img, 0, 0);
      }
      const ticks: [number, number][] = [
        [scale.vmax, 0],
        [scale.vmin, 1],
      ];
      const { center, vmin, vmax } = scale;
      if (center !== undefined && center > vmin && center < vmax) ticks.push([center, (vmax - center) / (vmax - vmin)]);
      labels.replaceChildren(
        ...ticks.map(([v, f]) => {
          const tick = document.createElement('span');
          tick.textContent = fmt(v);
          tick.style.top = `${f * 100}%`;
          return tick;
        }),
      );
    },
  };
}
