// What a change of options requires (wiring, pure): compares two resolved option objects and says what must happen,
// so that update() applies exactly that and the rules are unit-tested in Node. Colour options never re-upload: only
// the mask (baked into the value textures), the tiling, the storage and the pyramid do.
import type { ColorScale } from '../core/scale';
import { offsetResolves, type Quantizer, type Storage, valueOffset } from '../core/storage';
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

/**
 * When the colour limits of an upload from memory are computed (src/render/loader.ts): 'first', one scan before it;
 * 'slices', linear limits of a progressive upload in slices before its first band (no single long task); 'bands', the
 * linear limits of the `first` upload at once of float32 values, a band ahead of the upload (the GPU process converts
 * the values while the main thread scans them) — unless a colour bar's ticks, which the layout makes room for, wait on
 * them: the canvas sized before its context would then be resized before the first frame, which costs more than the
 * overlap gains.
 */
export function limitsTiming(o: ResolvedOptions, first: boolean): 'first' | 'slices' | 'bands' {
  if (o.robust || !o.linearNorm) return 'first';
  if (o.progressive) return 'slices';
  const ticksKnown = !o.figure.cbar || (o.user.vmin !== undefined && o.user.vmin !== null && o.user.vmax !== undefined && o.user.vmax !== null);
  return first && o.storage === 'float32' && ticksKnown ? 'bands' : 'first';
}

/** Float storage (float32, float16) can hold values relative to an offset, so any linear colour range is drawable. */
export function offsetStorage(o: { storage: Storage }): boolean {
  return o.storage === 'float32' || o.storage === 'float16';
}

/** The offset to store the values with for `scale` (see valueOffset in core/storage.ts): `current` while it still
 * resolves the colour range, else a new one; 0 for other norms than linear and for quantised storage. */
export function offsetFor(scale: ColorScale, storage: Storage, current: number): number {
  if (scale.norm.kind !== 'linear' || !offsetStorage({ storage })) return 0;
  if (current !== 0 && offsetResolves(current, scale.vmin, scale.vmax, scale.lut.n)) return current;
  return valueOffset(scale.vmin, scale.vmax, scale.lut.n);
}

/** The values must go up again for `scale`: quantised storage encodes [vmin, vmax], and float storage's offset no
 * longer resolves the range (or the norm is no longer linear). */
export function needsReupload(values: { quant: Quantizer | undefined; valueOffset: number }, scale: ColorScale, storage: Storage): boolean {
  return needsRequantize(values.quant, scale.vmin, scale.vmax) || offsetFor(scale, storage, values.valueOffset) !== values.valueOffset;
}

/** Quantised storage encodes [vmin, vmax]: a new colour range needs a new upload. */
export function needsRequantize(quant: Quantizer | undefined, vmin: number, vmax: number): boolean {
  return quant !== undefined && (quant.lo !== vmin || quant.hi !== vmax);
}
