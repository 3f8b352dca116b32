import { describe, expect, test } from 'vitest';
import { dendrogramCoords, leafOrder, linkage, linkageFromDistances, MAX_CONDENSED_BYTES, pdist, standardScale, zScore } from '../../src/core/cluster';
import { HeatglError } from '../../src/core/errors';
import type { Matrix } from '../../src/core/matrix';

/** Deterministic standard-normal-ish values (no numpy needed for API tests). */
function randomMatrix(rows: number, cols: number, seed = 1): { values: Float64Array; rows: number; cols: number } {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  return { values, rows, cols };
}

const err = (f: () => unknown, re: RegExp) => {
  expect(f).toThrow(HeatglError);
  expect(f).toThrow(re);
};

describe('linkage options and behaviour', () => {
  test('defaults are average / euclidean, like seaborn.clustermap', () => {
    const m = randomMatrix(30, 5);
    expect(linkage(m)).toEqual(linkage(m, { method: 'average', metric: 'euclidean' }));
  });

  test('a metric function gives the same tree as the built-in metric', () => {
    const m = randomMatrix(40, 6, 7);
    const cityblock = (a: Float64Array, b: Float64Array) => {
      let s = 0;
      for (let k = 0; k < a.length; k++) s += Math.abs((a[k] as number) - (b[k] as number));
      return s;
    };
    expect(leafOrder(linkage(m, { metric: cityblock, method: 'complete' }))).toEqual(leafOrder(linkage(m, { metric: 'cityblock', method: 'complete' })));
  });

  test('nested number[][] and flat input agree; inputs are not modified', () => {
    const m = randomMatrix(12, 3, 3);
    const copy = m.values.slice();
    const nested = Array.from({ length: 12 }, (_, r) => Array.from(m.values.subarray(r * 3, r * 3 + 3)));
    expect(linkage(nested, { method: 'ward' })).toEqual(linkage(m, { method: 'ward' }));
    expect(m.values).toEqual(copy);
    const y = pdist(m);
    const yCopy = y.slice();
    linkageFromDistances(y, 12, 'centroid');
    expect(y).toEqual(yCopy);
  });

  test('onProgress rises monotonically from the distances through the merges to 1', () => {
    const seen: number[] = [];
    linkage(randomMatrix(300, 20), { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] as number);
    expect(seen[0]).toBeGreaterThanOrEqual(0);
    expect(seen.at(-1)).toBe(1);
    expect(seen.some((f) => f > 0.2 && f < 0.8)).toBe(true);
  });

  test('two observations', () => {
    expect(Array.from(linkage([[0, 0], [3, 4]]))).toEqual([0, 1, 5, 2]);
    expect(leafOrder([[0, 1, 5, 2]])).toEqual([0, 1]);
    expect(dendrogramCoords(Float64Array.of(0, 1, 5, 2))).toEqual({ icoord: [[5, 5, 15, 15]], dcoord: [[0, 5, 5, 0]], leaves: [0, 1] });
  });

  test('deep chain trees (10⁴ leaves) do not overflow the stack', () => {
    const n = 10_000;
    const Z = new Float64Array((n - 1) * 4);
    for (let k = 0; k < n - 1; k++) Z.set([k === 0 ? 0 : n + k - 1, k + 1, k + 1, k + 2], k * 4);
    expect(leafOrder(Z)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(dendrogramCoords(Z).icoord.length).toBe(n - 1);
  });
});

describe('clear errors for bad input', () => {
  test('NaN / null / Infinity cells name the first bad row and column', () => {
    const m = randomMatrix(5, 4);
    m.values[2 * 4 + 3] = Number.NaN;
    err(() => linkage(m), /NaN at row 2, col 3/);
    err(() => linkage([[1, 2], [3, null]]), /NaN at row 1, col 1/);
    err(() => pdist([[1, Infinity], [3, 4]]), /Infinity at row 0, col 1/);
  });

  test('transposed: true (column clustering) names columns and cells in the user\'s orientation', () => {
    // The user's 2×3 matrix [[1, 2, NaN], [4, 5, 6]], transposed to 3×2 for column clustering.
    err(() => linkage([[1, 4], [2, 5], [null, 6]], { transposed: true }), /NaN at row 0, col 2/);
    err(() => linkage([[1, 4, 0]], { transposed: true }), /at least 2 columns, got 1/);
    err(() => linkage([[1, 2], [3, 3], [0, 5]], { metric: 'correlation', transposed: true }), /between columns 0 and 1 is NaN because column 1 is constant/);
  });

  test('centroid / median / ward need the Euclidean metric, as in scipy', () => {
    const m = randomMatrix(6, 3);
    err(() => linkage(m, { method: 'ward', metric: 'cityblock' }), /method 'ward' requires the Euclidean metric.*'cityblock'/);
    err(() => linkage(m, { method: 'centroid', metric: 'sqeuclidean' }), /'centroid' requires the Euclidean/);
    err(() => linkage(m, { method: 'median', metric: () => 1 }), /'median' requires the Euclidean metric.*a function/);
  });

  test('unknown method or metric, too few rows', () => {
    const m = randomMatrix(6, 3);
    err(() => linkage(m, { method: 'upgma' as 'average' }), /method must be one of 'single', .*got "upgma"/);
    err(() => linkage(m, { metric: 'minkowski' as 'euclidean' }), /metric must be one of 'euclidean', .*got "minkowski"/);
    err(() => linkage([[1, 2, 3]]), /at least 2 rows, got 1/);
  });

  test('undefined correlation / cosine distances name the row', () => {
    err(() => linkage([[1, 2, 3], [4, 4, 4], [0, 1, 5]], { metric: 'correlation' }), /rows 0 and 1 is NaN because row 1 is constant/);
    err(() => linkage([[1, 2, 3], [0, 1, 5], [0, 0, 0]], { metric: 'cosine' }), /rows 0 and 2 is NaN because row 2 is all zeros/);
    err(() => linkage(randomMatrix(4, 2), { metric: () => Number.NaN }), /rows 0 and 1 is NaN \(returned by the metric function\)/);
    err(() => linkage(randomMatrix(4, 2), { metric: (() => '1') as unknown as () => number }), /metric function returned "1" for rows 0 and 1/);
  });

  test('linkageFromDistances checks n, length and finiteness', () => {
    err(() => linkageFromDistances(new Float64Array(3), 4), /n = 4 observations has n\(n-1\)\/2 = 6 entries, got 3/);
    err(() => linkageFromDistances(new Float64Array(0), 1), /n must be an integer ≥ 2/);
    err(() => linkageFromDistances([1, Number.NaN, 2], 3), /between observations 0 and 2 is NaN/);
    err(() => linkageFromDistances([1, 2, 3], 3, 'nearest' as 'single'), /method must be one of/);
  });

  test('memory: too many rows fail up front, naming the size', () => {
    const n = 25_000;
    expect(((n * (n - 1)) / 2) * 8).toBeGreaterThan(MAX_CONDENSED_BYTES);
    err(() => linkage({ values: new Float64Array(n), rows: n, cols: 1 }), /clustering 25000 rows needs a 2\.33 GiB distance matrix.*limit is 1\.50 GiB, i\.e\. at most 2\d{4} rows/);
  });

  test('leafOrder / dendrogramCoords validate Z like scipy.is_valid_linkage', () => {
    err(() => leafOrder(new Float64Array(6)), /length 6; .*multiple of 4/);
    err(() => leafOrder([]), /empty/);
    err(() => leafOrder([[0, 1, 1]]), /Z\[0\] must be \[idx1, idx2, distance, count\]/);
    err(() => leafOrder([[0, 3, 1, 2], [1, 2, 2, 3]]), /Z\[0\]\[1\] = 3 uses cluster 3 before it is formed/);
    err(() => leafOrder([[0, 1, 1, 2], [0, 3, 2, 3]]), /cluster 0 is merged more than once/);
    err(() => leafOrder([[0, 0.5, 1, 2]]), /Z\[0\]\[1\] is number 0.5; cluster indices must be non-negative integers/);
    err(() => leafOrder([[0, 1, -1, 2]]), /Z\[0\]\[2\] is number -1; distances must be non-negative/);
    err(() => dendrogramCoords([[0, 1, Number.NaN, 2]]), /distances must be non-negative/);
    err(() => leafOrder('Z' as unknown as number[]), /Z must be a linkage matrix/);
  });

  test('zScore / standardScale axis', () => {
    const m: Matrix = { values: [1, 2, 3, 4], rows: 2, cols: 2, rowLabels: undefined, colLabels: undefined };
    err(() => zScore(m, -1 as 0), /z_score axis must be 0 \(standardise each row\) or 1 \(each column\), got number -1/);
    err(() => standardScale(m, '0' as unknown as 0), /standard_scale axis must be 0/);
  });
});

describe('timing (logged, not asserted)', () => {
  test('2000 × 500 average / euclidean', () => {
    const m = randomMatrix(2000, 500, 11);
    const t0 = performance.now();
    const y = pdist(m);
    const t1 = performance.now();
    const Z = linkage(m);
    const t2 = performance.now();
    const order = leafOrder(Z);
    const t3 = performance.now();
    console.log(
      `cluster timing 2000×500 average/euclidean: pdist ${(t1 - t0).toFixed(0)} ms, linkage (pdist + merge) ${(t2 - t1).toFixed(0)} ms, leafOrder ${(t3 - t2).toFixed(1)} ms`,
    );
    expect(y.length).toBe(1999000);
    expect(order.length).toBe(2000);
  }, 30_000);
});
