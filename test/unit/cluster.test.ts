import { describe, expect, test } from 'vitest';
import { dendrogramCoords, leafOrder, linkage, linkageFromDistances, pdist, standardScale, zScore } from '../../src/core/cluster';
import type { Matrix } from '../../src/core/matrix';
import { type ClusterInput, clusterFixture, toF64 } from '../fixtures/cluster/load';

const fx = clusterFixture();
const matrix = (inp: ClusterInput): Matrix => ({ values: toF64(inp.values), rows: inp.rows, cols: inp.cols, rowLabels: undefined, colLabels: undefined });
const input = (name: string): Matrix => matrix(fx.inputs[name] as ClusterInput);

function transpose(m: Matrix, values: ArrayLike<number> = m.values): Matrix {
  const t = new Float64Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) t[c * m.rows + r] = values[r * m.cols + c] as number;
  return { values: t, rows: m.cols, cols: m.rows, rowLabels: undefined, colLabels: undefined };
}

/** |a - b| ≤ tol · max(1, |b|) elementwise, NaN only where expected NaN (null). */
function expectClose(actual: ArrayLike<number>, expected: readonly (number | null)[], tol: number, what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i];
    if (e === null || e === undefined) {
      expect(Number.isNaN(a), `${what}[${i}] should be NaN, got ${a}`).toBe(true);
      continue;
    }
    if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) expect.fail(`${what}[${i}] = ${a}, expected ${e} (tol ${tol})`);
  }
}

/** Indices and counts exact, distances to 1e-9 relative. */
function expectZ(actual: Float64Array, expected: readonly number[], what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let k = 0; k < expected.length / 4; k++) {
    const row = Array.from(actual.subarray(k * 4, k * 4 + 4));
    const exp = expected.slice(k * 4, k * 4 + 4);
    if (row[0] !== exp[0] || row[1] !== exp[1] || row[3] !== exp[3] || !(Math.abs((row[2] as number) - (exp[2] as number)) <= 1e-9 * Math.max(1e-300, Math.abs(exp[2] as number)))) {
      expect.fail(`${what} row ${k}: got [${row.join(', ')}], scipy [${exp.join(', ')}]`);
    }
  }
}

describe('pdist matches scipy.spatial.distance.pdist', () => {
  for (const c of fx.pdist) {
    test(`${c.input} ${c.metric}`, () => {
      expectClose(pdist(input(c.input), c.metric), c.y, 1e-12, 'y');
    });
  }
});

describe('linkage matches scipy.cluster.hierarchy.linkage + dendrogram leaves', () => {
  let exactRows = 0;
  for (const c of fx.linkage) {
    const inp = fx.inputs[c.input] as ClusterInput;
    test(`${c.input} ${c.method}/${c.metric}${c.ties ? ' (ties)' : ''}`, () => {
      const Z = linkage(input(c.input), { method: c.method, metric: c.metric });
      expectZ(Z, c.Z, 'Z');
      if (Z.every((v, i) => v === c.Z[i])) exactRows++;
      expect(leafOrder(Z)).toEqual(c.leaves);
      expect(leafOrder(c.Z)).toEqual(c.leaves);
      if (c.icoord && c.dcoord) {
        const coords = dendrogramCoords(Z);
        expect(coords.leaves).toEqual(c.leaves);
        expect(coords.icoord).toEqual(c.icoord);
        expectClose(coords.dcoord.flat(), c.dcoord.flat(), 1e-9, 'dcoord');
        expect(dendrogramCoords(c.Z).dcoord).toEqual(c.dcoord);
      }
      // Precomputed distances give the same tree.
      if (inp.rows <= 60) expectZ(linkageFromDistances(pdist(input(c.input), c.metric), inp.rows, c.method), c.Z, 'Z from distances');
    });
  }
  // Same summation order and Lance–Williams operand order as Debian's scipy build: every Z is bit-identical.
  test('every Z is bit-identical to scipy', () => {
    expect(exactRows).toBe(fx.linkage.length);
  });
});

describe('seaborn.clustermap: data2d, dendrogram_row/col linkage and reordered_ind', () => {
  for (const c of fx.seaborn) {
    const name = `${c.input} ${c.method}/${c.metric} z_score=${c.z_score} standard_scale=${c.standard_scale}`;
    test(name, () => {
      const m = input(c.input);
      let values: Float64Array = m.values as Float64Array;
      if (c.z_score !== null) values = zScore(m, c.z_score);
      if (c.standard_scale !== null) values = standardScale(m, c.standard_scale);
      expectClose(values, c.data2d, 1e-12, 'data2d');
      // Cluster seaborn's own data2d so that the linkage check is independent of z-score rounding.
      const data2d: Matrix = { ...m, values: toF64(c.data2d) };
      const rowZ = linkage(data2d, { method: c.method, metric: c.metric });
      expectZ(rowZ, c.rowZ, 'row Z');
      expect(leafOrder(rowZ)).toEqual(c.rowLeaves);
      const colZ = linkage(transpose(data2d), { method: c.method, metric: c.metric });
      expectZ(colZ, c.colZ, 'col Z');
      expect(leafOrder(colZ)).toEqual(c.colLeaves);
      // And from our own standardised values.
      const ours: Matrix = { ...m, values };
      expect(leafOrder(linkage(ours, { method: c.method, metric: c.metric }))).toEqual(c.rowLeaves);
      expect(leafOrder(linkage(transpose(ours), { method: c.method, metric: c.metric }))).toEqual(c.colLeaves);
    });
  }
});

describe('zScore / standardScale match seaborn ClusterGrid (pandas: ddof=1, NaN skipped)', () => {
  for (const c of fx.normalize) {
    test(`${c.input} axis ${c.axis}`, () => {
      const m = input(c.input);
      expectClose(zScore(m, c.axis), c.zScore, 1e-12, 'zScore');
      expectClose(standardScale(m, c.axis), c.standardScale, 1e-12, 'standardScale');
    });
  }
  test('axis 0 standardises rows, axis 1 columns; ddof = 1', () => {
    const m: Matrix = { values: Float64Array.of(1, 2, 3, 10, 20, 60), rows: 2, cols: 3, rowLabels: undefined, colLabels: undefined };
    // pandas: ClusterGrid.z_score(df, 0) = [-1, 0, 1, -0.7559289460184545, -0.37796447300922725, 1.1338934190276817]
    expectClose(zScore(m, 0), [-1, 0, 1, -0.7559289460184545, -0.37796447300922725, 1.1338934190276817], 1e-15, 'z');
    expect(Array.from(standardScale(m, 1))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(() => zScore(m, 2 as 0)).toThrow(/z_score axis must be 0 .* or 1/);
  });
});
