// heatmap() and densitymap() outside a browser (issue 15.7): a clear HeatglError that a browser DOM with WebGL or
// Canvas2D is needed, not a ReferenceError.
import { expect, test } from 'vitest';
import { HeatglError } from '../../src/core/errors';
import { densitymap } from '../../src/densitymap';
import { heatmap } from '../../src/heatmap';

test('heatmap() in Node says that it needs a browser DOM', () => {
  expect(typeof document).toBe('undefined');
  expect(() => heatmap({} as HTMLElement, [[1, 2]])).toThrow(HeatglError);
  expect(() => heatmap({} as HTMLElement, [[1, 2]])).toThrow(/heatmap\(\) needs a browser DOM with WebGL or Canvas2D/);
});

test('densitymap() in Node says the same', () => {
  expect(() => densitymap({} as HTMLElement, { x: [1], y: [2] })).toThrow(/densitymap\(\) needs a browser DOM with WebGL or Canvas2D/);
});
