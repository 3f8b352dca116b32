// Error messages quote user values cut to a readable length (issue 16.13): one quoted a 1 MiB column name.
import { Float64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, test } from 'vitest';
import { getColormap } from '../../src/core/colormaps';
import { clip, describe as describeValue, QUOTE_MAX, quote, quoteList } from '../../src/core/errors';
import { selectTicks } from '../../src/core/ticks';
import { corr } from '../../src/data/corr';
import { fromArrow } from '../../src/data/arrow';
import { fromCSVSync } from '../../src/data/csv';
import { pivot } from '../../src/data/pivot';
import { heatglMessage } from '../support/heatgl-error';

const huge = 'n'.repeat(2 ** 20);

const message = heatglMessage;

describe('quote, clip, quoteList', () => {
  test('short values are quoted whole, long ones cut with an ellipsis', () => {
    expect(quote('abc')).toBe('"abc"');
    expect(quote('x'.repeat(QUOTE_MAX))).toBe(`"${'x'.repeat(QUOTE_MAX)}"`);
    expect(quote('x'.repeat(QUOTE_MAX + 1))).toBe(`"${'x'.repeat(QUOTE_MAX)}…"`);
    expect(quote('a"b\nc')).toBe('"a\\"b\\nc"');
    expect(clip(huge).length).toBe(QUOTE_MAX + 1);
    expect(describeValue(huge).length).toBeLessThan(50);
    expect(describeValue(() => huge)).toBe('a function');
  });
  test('a surrogate pair is never cut in half', () => {
    expect(clip('😀'.repeat(50))).toBe(`${'😀'.repeat(QUOTE_MAX / 2)}…`);
    expect(clip(`x${'😀'.repeat(50)}`)).toBe(`x${'😀'.repeat(QUOTE_MAX / 2 - 1)}…`);
  });
  test('long lists name the first 20 and count the rest', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    expect(quoteList(names)).toBe(`${names.slice(0, 20).map((n) => `"${n}"`).join(', ')}, … and 980 more`);
    expect(quoteList(['a', 'b'])).toBe('"a", "b"');
  });
});

describe('every loader cuts what it quotes', () => {
  const manyNames = Array.from({ length: 100_000 }, (_, i) => `column number ${i}`);
  const cases: [string, () => unknown][] = [
    ['fromCSV bad cell under a 1 MiB column name', () => fromCSVSync(`k,${huge}\nx,abc\n`)],
    ['fromCSV bad cell holding 1 MiB', () => fromCSVSync(`k,a\nx,${huge}\n`)],
    ['fromCSV unknown indexCol among 100 k columns', () => fromCSVSync(`${manyNames.join(',')}\n${manyNames.map(() => '1').join(',')}\n`, { indexCol: huge })],
    ['fromCSV indexCol name without header', () => fromCSVSync('1,2\n', { header: false, indexCol: huge })],
    ['fromCSV bad delimiter', () => fromCSVSync('a,b\n', { delimiter: `"${huge}` })],
    ['pivot unknown column', () => pivot({ [huge]: [1], b: [2] }, { index: huge.slice(1), columns: 'b', values: 'b' })],
    ['pivot unknown record field', () => pivot([{ [huge]: 1 }], { index: huge.slice(1), columns: huge, values: huge })],
    ['pivot unequal columns', () => pivot({ [huge]: [1], [`${huge}x`]: [1, 2] }, { index: huge, columns: huge, values: huge })],
    ['corr unequal columns', () => corr({ [huge]: [1, 2], [`${huge}x`]: [1] })],
    ['fromArrow unknown column', () => fromArrow(new Table({ [huge]: vectorFromArray([1, 2], new Float64()) }), { columns: [`${huge}x`] })],
    ['fromArrow unknown indexCol', () => fromArrow(new Table({ a: vectorFromArray([1, 2], new Float64()) }), { indexCol: huge })],
    ['unknown colormap', () => getColormap(huge)],
    ['tick label spec', () => selectTicks(3, huge as never, 100, 10)],
  ];
  test.each(cases)('%s', (_, run) => {
    const m = message(run);
    expect(m.length).toBeLessThan(1500);
    expect(m).toContain('…');
  });
});
