// Linkage methods and their Lance–Williams distance updates (pure), written with exactly the operations and
// operand order of scipy's _hierarchy_distance_update.pxi so results agree bit for bit.

export type LinkageMethod = 'single' | 'complete' | 'average' | 'weighted' | 'centroid' | 'median' | 'ward';

export const LINKAGE_METHODS: readonly LinkageMethod[] = ['single', 'complete', 'average', 'weighted', 'centroid', 'median', 'ward'];

/** Methods scipy only accepts with the Euclidean metric (they treat distances as Euclidean geometry). */
export const EUCLIDEAN_METHODS: readonly LinkageMethod[] = ['centroid', 'median', 'ward'];

/** scipy's method numbering (_LINKAGE_METHODS): 0 single, 1 complete, 2 average, 3 centroid, 4 median, 5 ward, 6 weighted. */
export type MethodCode = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const CODES: Record<LinkageMethod, MethodCode> = { single: 0, complete: 1, average: 2, centroid: 3, median: 4, ward: 5, weighted: 6 };

export function methodCode(method: LinkageMethod): MethodCode {
  return CODES[method];
}

/**
 * Distance from cluster i to the merge of x and y, given d(x,i), d(y,i), d(x,y) and the three cluster sizes.
 * Ward, centroid and median work on (unsquared) Euclidean distances and square/sqrt inside, as scipy does.
 */
export function newDistance(method: MethodCode, dxi: number, dyi: number, dxy: number, nx: number, ny: number, ni: number): number {
  switch (method) {
    case 0:
      return Math.min(dxi, dyi);
    case 1:
      return Math.max(dxi, dyi);
    case 2:
      return (nx * dxi + ny * dyi) / (nx + ny);
    case 3:
      return Math.sqrt((nx * dxi * dxi + ny * dyi * dyi - (nx * ny * dxy * dxy) / (nx + ny)) / (nx + ny));
    case 4:
      return Math.sqrt(0.5 * (dxi * dxi + dyi * dyi) - 0.25 * dxy * dxy);
    case 5: {
      const t = 1.0 / (nx + ny + ni);
      return Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
    }
    default:
      return 0.5 * (dxi + dyi);
  }
}
