// What a change of options requires (wiring, pure): compares two resolved option objects and says what must happen,
// so that update() applies exactly that and the rules are unit-tested in Node. Colour options never re-upload: only
// the mask (baked into the value textures), the tiling, the storage and the pyramid do.
import type { Quantizer } from '../core/storage';
import type { ResolvedOptions } from './resolve';

export interface ChangePlan {
  /** The data limits must be computed again: the mask changed, or robust asks for percentiles not computed yet. */
  limits: boolean;
  /** The value textures must be made and uploaded again. */
  reupload: boolean;
  /** The data space changed (grid, extent, axis direction): the view goes back to the full extent. */
  resetView: boolean;
}

/** What going from `prev` to `next` requires; `maskGiven` says the call gave a mask (a new mask, or the same array
 * edited in place), `havePercentiles` whether the current limits hold robust's percentiles. */
export function planChanges(prev: ResolvedOptions, next: ResolvedOptions, maskGiven: boolean, havePercentiles: boolean): ChangePlan {
  const a = prev.space;
  const b = next.space;
  return {
    limits: maskGiven || (next.robust && !havePercentiles),
    reupload:
      maskGiven ||
      next.tileSize !== prev.tileSize ||
      next.halo !== prev.halo ||
      next.storage !== prev.storage ||
      (next.reduce === 'nearest') !== (prev.reduce === 'nearest'),
    resetView: a.x0 !== b.x0 || a.x1 !== b.x1 || a.y0 !== b.y0 || a.y1 !== b.y1 || a.xFlip !== b.xFlip || a.yDown !== b.yDown,
  };
}

/** Quantised storage encodes [vmin, vmax]: a new colour range needs a new upload. */
export function needsRequantize(quant: Quantizer | undefined, vmin: number, vmax: number): boolean {
  return quant !== undefined && (quant.lo !== vmin || quant.hi !== vmax);
}
