// Average ranks (pure), like pandas' rank_1d(ties_method='average', na_option='keep'): ties share the mean
// of their 1-based positions, NaN stays NaN, ±Infinity are ranked like any other value.

export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) idx.push(i);
  idx.sort((a, b) => values[a] - values[b] || a - b);
  let groupStart = 0;
  let sumRanks = 0;
  for (let i = 0; i < idx.length; i++) {
    sumRanks += i + 1;
    // -Infinity - -Infinity is NaN, so compare with === rather than subtracting.
    if (i + 1 === idx.length || values[idx[i + 1]] !== values[idx[i]]) {
      const rank = sumRanks / (i + 1 - groupStart);
      for (let j = groupStart; j <= i; j++) out[idx[j]] = rank;
      groupStart = i + 1;
      sumRanks = 0;
    }
  }
  return out;
}
