// Quoted user values in the element's and the fmt option's messages are cut like every other (issue 16.13): an
// attribute or a fmt of a megabyte gave a megabyte of message (the src URL: test/browser/element-quote.test.ts).
import { expect, test } from 'vitest';
import { toMatrix } from '../../src/core/matrix';
import { QUOTE_MAX } from '../../src/core/errors';
import { optionsFromAttributes } from '../../src/element';
import { checkAll } from '../../src/heatmap-options';
import { heatglMessage } from '../support/heatgl-error';

const huge = 'n'.repeat(2 ** 20);

const message = heatglMessage;

/** An element with the given attributes, as optionsFromAttributes reads it. */
const element = (attrs: Record<string, string>) => ({ localName: 'heat-map', getAttribute: (n: string) => attrs[n] ?? null }) as unknown as Element;

test('<heat-map> attributes: a huge value is quoted cut', () => {
  const vmin = message(() => optionsFromAttributes(element({ vmin: `x${huge}` })));
  expect(vmin).toBe(`<heat-map> attribute vmin="x${'n'.repeat(QUOTE_MAX - 1)}…" is not a number`);
  const ticks = message(() => optionsFromAttributes(element({ xticklabels: huge })));
  expect(ticks.length).toBeLessThan(200);
  expect(ticks).toMatch(/^<heat-map> attribute xticklabels="n+…" must be auto/);
});

test("fmt 'd' on non-integers: a huge fmt is quoted cut", () => {
  // A valid spec (zero padding, 'd') of 64 Ki characters.
  const fmt = `${'0'.repeat(2 ** 16)}d`;
  const m = toMatrix([[1.5, 2]]);
  const msg = message(() => checkAll({ annot: true, fmt }, m));
  expect(msg.length).toBeLessThan(200);
  expect(msg).toMatch(/^fmt "0+…" cannot format cell \(0, 0\) = 1.5/);
});
