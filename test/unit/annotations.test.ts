// Annotation strings and text colours against what seaborn.heatmap(annot=...) wrote (test/fixtures/gen_annot.py).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatNumber } from '../../src/core/format';
import { ANNOT_DARK, annotationColor, relativeLuminance } from '../../src/core/luminance';
import { toMask } from '../../src/core/matrix';
import { colorOfFloat, dataLimits, resolveScale } from '../../src/core/scale';
import { flatten } from '../fixtures/load';

interface AnnotCase {
  name: string;
  data: (number | null)[][];
  annot: (number | null)[][] | null;
  mask: boolean[][] | null;
  kwargs: { fmt?: string; center?: number; cmap?: string };
  cells: ({ text: string; color: [number, number, number, number] } | null)[][];
}

const cases = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/annotations.json'), 'utf8')) as AnnotCase[];
const css = (rgba: number[]) => {
  const [r, g, b] = rgba.map((x) => Math.round(x * 255));
  return `rgb(${r}, ${g}, ${b})`;
};

describe('annotations match seaborn (text and colour of every cell)', () => {
  for (const c of cases) {
    test(c.name, () => {
      const rows = c.data.length;
      const cols = c.data[0]?.length ?? 0;
      const values = flatten(c.data);
      const annot = c.annot ? flatten(c.annot) : values;
      const mask = toMask(c.mask, rows, cols);
      const { fmt = '.2g', ...scaleOpts } = c.kwargs;
      const scale = resolveScale(dataLimits(values, mask, false), scaleOpts);
      for (let r = 0; r < rows; r++) {
        for (let col = 0; col < cols; col++) {
          const i = r * cols + col;
          const want = c.cells[r]?.[col] ?? null;
          const hidden = !Number.isFinite(values[i] as number) || mask?.[i] === 1;
          expect(hidden, `cell ${r},${col} annotated by seaborn?`).toBe(want === null);
          if (want === null) continue;
          expect(formatNumber(annot[i] as number, fmt)).toBe(want.text);
          const rgba = colorOfFloat(values[i] as number, false, scale);
          expect(annotationColor(rgba[0] as number, rgba[1] as number, rgba[2] as number), `colour of cell ${r},${col}`).toBe(css(want.color));
        }
      }
    });
  }
});

test('luminance threshold: dark text on light cells, white on dark', () => {
  expect(relativeLuminance(1, 1, 1)).toBeCloseTo(1, 10);
  expect(relativeLuminance(0, 0, 0)).toBe(0);
  expect(annotationColor(0.98, 0.92, 0.87)).toBe(ANNOT_DARK);
  expect(annotationColor(0.01, 0.02, 0.1)).toBe('rgb(255, 255, 255)');
});
