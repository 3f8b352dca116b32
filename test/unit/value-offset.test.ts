// Float storage relative to an offset (issue 16.3): when float32 cannot resolve a linear colour range at its magnitude
// the values are stored less the range's midpoint, the shader's linear limits shift by the same offset, and a later
// colour range or norm that the stored offset no longer serves asks for a new upload.
import { expect, test } from 'vitest';
import { offsetParams, shaderParams } from '../../src/core/norms';
import { dataLimits, resolveScale } from '../../src/core/scale';
import { offsetResolves, valueOffset } from '../../src/core/storage';
import { needsReupload, offsetFor } from '../../src/options/changes';

const epoch = dataLimits([1.7e12, 1.7e12 + 500, 1.7e12 + 1000], undefined, false);

test('an offset only where float32 cannot resolve the range', () => {
  expect(valueOffset(0, 1, 256)).toBe(0);
  expect(valueOffset(-1e6, 1e6, 256)).toBe(0);
  expect(valueOffset(1.7e12, 1.7e12 + 1000, 256)).toBe(1.7e12 + 500);
  expect(offsetResolves(0, 1.7e12, 1.7e12 + 1000, 256)).toBe(false);
  expect(offsetResolves(1.7e12 + 500, 1.7e12, 1.7e12 + 1000, 256)).toBe(true);
});

test('resolveScale accepts the narrow range only for offset storage; the offset follows norm and storage', () => {
  expect(() => resolveScale(epoch, {})).toThrow(/too narrow for its magnitude/);
  const scale = resolveScale(epoch, {}, true);
  expect(offsetFor(scale, 'float32', 0)).toBe(1.7e12 + 500);
  expect(offsetFor(scale, 'float16', 0)).toBe(1.7e12 + 500);
  expect(offsetFor(scale, 'uint8', 0)).toBe(0);
  // A stored offset that still resolves the range is kept; one that does not is replaced.
  expect(offsetFor(scale, 'float32', 1.7e12 + 400)).toBe(1.7e12 + 400);
  expect(offsetFor(scale, 'float32', 0)).not.toBe(0);
  expect(needsReupload({ quant: undefined, valueOffset: 1.7e12 + 500 }, scale, 'float32')).toBe(false);
  expect(needsReupload({ quant: undefined, valueOffset: 0 }, scale, 'float32')).toBe(true);
  const small = resolveScale(dataLimits([0, 1], undefined, false), {}, true);
  expect(needsReupload({ quant: undefined, valueOffset: 1.7e12 + 500 }, small, 'float32')).toBe(true);
  const log = resolveScale(dataLimits([1, 10], undefined, false), { norm: 'log' }, true);
  expect(offsetFor(log, 'float32', 5)).toBe(0);
});

test('the linear shader limits shift by the offset; other norms never', () => {
  const scale = resolveScale(epoch, {}, true);
  const p = offsetParams(shaderParams(scale.norm), 1.7e12 + 500);
  expect([p.a, p.b, p.vmin, p.vmax]).toEqual([-500, 1000, -500, 500]);
  const log = shaderParams(resolveScale(dataLimits([1, 10], undefined, false), { norm: 'log' }).norm);
  expect(offsetParams(log, 7)).toBe(log);
});
