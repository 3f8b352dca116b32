// Kendall's tau-b (pure), computed like scipy.stats.kendalltau (which pandas' corr('kendall') calls):
// dense ranks, discordant pairs by counting inversions in O(n log n), tie corrections, result clipped to ±1.

function denseRanks(values: ArrayLike<number>, order: Int32Array): Int32Array {
  const ranks = new Int32Array(values.length);
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    if (i === 0 || values[order[i]] !== values[order[i - 1]]) rank++;
    ranks[order[i]] = rank;
  }
  return ranks;
}

function tiePairs(ranks: Int32Array, maxRank: number): number {
  const counts = new Float64Array(maxRank + 1);
  for (let i = 0; i < ranks.length; i++) counts[ranks[i]]++;
  let pairs = 0;
  for (const c of counts) if (c > 1) pairs += (c * (c - 1)) / 2;
  return pairs;
}

/** Kendall's tau-b of two equal-length samples without NaN; NaN when either is constant or n < 2. */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return Number.NaN;
  const byY = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (y[a] < y[b] ? -1 : y[a] > y[b] ? 1 : 0));
  const yr = denseRanks(y, byY);
  const maxY = yr[byY[n - 1]];
  // Stable order by x, then by y rank: within an x tie no pair counts as discordant.
  const byX = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : yr[a] - yr[b]));
  const xr = denseRanks(x, byX);
  const maxX = xr[byX[n - 1]];

  // Discordant pairs = inversions of the y ranks in x order (Fenwick tree over y ranks).
  const tree = new Float64Array(maxY + 1);
  let dis = 0;
  for (let i = 0; i < n; i++) {
    const r = yr[byX[i]];
    let atMost = 0;
    for (let k = r; k > 0; k -= k & -k) atMost += tree[k];
    dis += i - atMost;
    for (let k = r; k <= maxY; k += k & -k) tree[k]++;
  }

  // Joint ties: runs equal in both x and y (adjacent after the sort).
  let ntie = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && xr[byX[i]] === xr[byX[i - 1]] && yr[byX[i]] === yr[byX[i - 1]]) run++;
    else {
      ntie += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const xtie = tiePairs(xr, maxX);
  const ytie = tiePairs(yr, maxY);
  const tot = (n * (n - 1)) / 2;
  if (xtie === tot || ytie === tot) return Number.NaN;
  const conMinusDis = tot - xtie - ytie + ntie - 2 * dis;
  const tau = conMinusDis / Math.sqrt(tot - xtie) / Math.sqrt(tot - ytie);
  return Math.min(1, Math.max(-1, tau));
}
