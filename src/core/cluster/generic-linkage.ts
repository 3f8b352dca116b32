// Müllner's generic clustering algorithm (pure), as scipy's `fast_linkage` runs it for centroid and median:
// nearest-neighbour candidates with lower bounds in a binary heap (scipy's Heap, same sifts so ties agree).
// Rows come out in merge order — not sorted — since these methods can produce inversions.
import { fail } from '../errors';
import { rowBases } from './condensed';
import { type MethodCode, newDistance } from './lance-williams';

/** scipy's _structures.pxi Heap: keys 0..size-1 with values; min at the root; ties resolved by position. */
class Heap {
  private readonly indexByKey: Int32Array;
  private readonly keyByIndex: Int32Array;
  private readonly values: Float64Array;
  private size: number;

  constructor(values: Float64Array) {
    this.size = values.length;
    this.indexByKey = new Int32Array(this.size);
    this.keyByIndex = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      this.indexByKey[i] = i;
      this.keyByIndex[i] = i;
    }
    this.values = values.slice();
    for (let i = Math.floor(this.size / 2) - 1; i >= 0; i--) this.siftDown(i);
  }

  minKey(): number {
    return this.keyByIndex[0] as number;
  }

  minValue(): number {
    return this.values[0] as number;
  }

  removeMin(): void {
    this.swap(0, this.size - 1);
    this.size -= 1;
    this.siftDown(0);
  }

  changeValue(key: number, value: number): void {
    const index = this.indexByKey[key] as number;
    const old = this.values[index] as number;
    this.values[index] = value;
    if (value < old) this.siftUp(index);
    else this.siftDown(index);
  }

  private siftUp(index: number): void {
    let parent = (index - 1) >> 1;
    while (index > 0 && (this.values[parent] as number) > (this.values[index] as number)) {
      this.swap(index, parent);
      index = parent;
      parent = (index - 1) >> 1;
    }
  }

  private siftDown(index: number): void {
    let child = (index << 1) + 1;
    while (child < this.size) {
      if (child + 1 < this.size && (this.values[child + 1] as number) < (this.values[child] as number)) child += 1;
      if ((this.values[index] as number) > (this.values[child] as number)) {
        this.swap(index, child);
        index = child;
        child = (index << 1) + 1;
      } else {
        break;
      }
    }
  }

  private swap(i: number, j: number): void {
    const v = this.values[i] as number;
    this.values[i] = this.values[j] as number;
    this.values[j] = v;
    const ki = this.keyByIndex[i] as number;
    const kj = this.keyByIndex[j] as number;
    this.keyByIndex[i] = kj;
    this.keyByIndex[j] = ki;
    this.indexByKey[ki] = j;
    this.indexByKey[kj] = i;
  }
}

/** Linkage by the generic algorithm on condensed distances D (overwritten); Z in merge order. */
export function genericLinkage(D: Float64Array, n: number, method: MethodCode, tick?: (merges: number) => void): Float64Array {
  const rb = rowBases(n);
  const idx = (i: number, j: number): number => (i < j ? (rb[i] as number) + j : (rb[j] as number) + i);
  const Z = new Float64Array((n - 1) * 4);
  const size = new Int32Array(n).fill(1);
  const clusterId = new Int32Array(n);
  for (let i = 0; i < n; i++) clusterId[i] = i;
  const neighbor = new Int32Array(n - 1);
  const minDist = new Float64Array(n - 1);

  // Nearest active cluster with a higher index than x: [y, distance], first minimum wins.
  let foundY = -1;
  let foundDist = 0;
  const findMinDist = (x: number): void => {
    let currentMin = Number.POSITIVE_INFINITY;
    let y = -1;
    const base = rb[x] as number;
    for (let i = x + 1; i < n; i++) {
      if (size[i] === 0) continue;
      const dist = D[base + i] as number;
      if (dist < currentMin) {
        currentMin = dist;
        y = i;
      }
    }
    if (y === -1) fail('linkage found no neighbour closer than infinity; the distances must be finite');
    foundY = y;
    foundDist = currentMin;
  };

  for (let x = 0; x < n - 1; x++) {
    findMinDist(x);
    neighbor[x] = foundY;
    minDist[x] = foundDist;
  }
  const heap = new Heap(minDist);

  let x = 0;
  let y = 0;
  let dist = 0;
  for (let k = 0; k < n - 1; k++) {
    // At most n - k lower-bound refreshes to find the closest pair (scipy's fixed-size loop).
    for (let i = 0; i < n - k; i++) {
      x = heap.minKey();
      dist = heap.minValue();
      y = neighbor[x] as number;
      if (dist === D[idx(x, y)]) break;
      findMinDist(x);
      y = foundY;
      dist = foundDist;
      neighbor[x] = y;
      minDist[x] = dist;
      heap.changeValue(x, dist);
    }
    heap.removeMin();

    let idX = clusterId[x] as number;
    let idY = clusterId[y] as number;
    const nx = size[x] as number;
    const ny = size[y] as number;
    if (idX > idY) {
      const t = idX;
      idX = idY;
      idY = t;
    }
    Z[k * 4] = idX;
    Z[k * 4 + 1] = idY;
    Z[k * 4 + 2] = dist;
    Z[k * 4 + 3] = nx + ny;
    size[x] = 0;
    size[y] = nx + ny;
    clusterId[y] = n + k;

    for (let z = 0; z < n; z++) {
      const nz = size[z] as number;
      if (nz === 0 || z === y) continue;
      const iy = idx(z, y);
      D[iy] = newDistance(method, D[idx(z, x)] as number, D[iy] as number, dist, nx, ny, nz);
    }
    // Reassign neighbour candidates from x to y (a guess, corrected lazily).
    for (let z = 0; z < x; z++) {
      if (size[z] !== 0 && neighbor[z] === x) neighbor[z] = y;
    }
    // Update lower bounds.
    for (let z = 0; z < y; z++) {
      if (size[z] === 0) continue;
      const d = D[(rb[z] as number) + y] as number;
      if (d < (minDist[z] as number)) {
        neighbor[z] = y;
        minDist[z] = d;
        heap.changeValue(z, d);
      }
    }
    if (y < n - 1) {
      findMinDist(y);
      neighbor[y] = foundY;
      minDist[y] = foundDist;
      heap.changeValue(y, foundDist);
    }
    tick?.(k + 1);
  }
  return Z;
}
