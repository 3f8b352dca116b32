// The observations or clusters still active, as a doubly linked list in increasing index order (pure): scans skip
// the merged ones but still visit candidates in scipy's order.

/** `next[i]` / `prev[i]` of 0..n-1 all active: -1 ends the list both ways; the head is 0. */
export function activeList(n: number): { next: Int32Array; prev: Int32Array } {
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  return { next, prev };
}
