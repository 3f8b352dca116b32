// The SVG recording context in Node (no DOM: text keeps SVG's dominant-baseline): paths are transformed as a canvas
// transforms them, text is escaped text, clips are clipPaths (nested ones intersect), transformed elements carry
// their matrix while their clip stays in figure coordinates.
import { expect, test } from 'vitest';
import { SvgContext, escapeXml, svgDocument } from '../../src/export/svg-context';

test('paths, rectangles and strokes in figure coordinates', () => {
  const ctx = new SvgContext();
  ctx.translate(10, 20);
  ctx.beginPath();
  ctx.moveTo(0, 0);
  ctx.lineTo(5, 0);
  ctx.lineWidth = 2;
  ctx.lineCap = 'square';
  ctx.strokeStyle = 'rgba(255, 0, 0, 1)';
  ctx.stroke();
  ctx.fillStyle = '#00f';
  ctx.fillRect(1, 2, -3, 4);
  expect(ctx.elements[0]).toBe('<path d="M10 20L15 20" fill="none" stroke="rgba(255, 0, 0, 1)" stroke-width="2" stroke-linecap="square"/>');
  expect(ctx.elements[1]).toBe('<rect x="-2" y="2" width="3" height="4" fill="#00f" transform="matrix(1 0 0 1 10 20)"/>');
});

test('text is escaped text; rotated text carries its matrix; save/restore', () => {
  const ctx = new SvgContext();
  ctx.font = '12px "DejaVu Sans"';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.save();
  ctx.translate(50, 60);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('a < b & "c"', 0, 0);
  ctx.restore();
  ctx.fillText('', 0, 0);
  ctx.fillText('plain', 1, 2);
  expect(ctx.elements.length).toBe(2);
  expect(ctx.elements[0]).toContain('>a &lt; b &amp; &quot;c&quot;</text>');
  expect(ctx.elements[0]).toContain('text-anchor="end" dominant-baseline="central"');
  expect(ctx.elements[0]).toContain('transform="matrix(0 -1 1 0 50 60)"');
  expect(ctx.elements[1]).not.toContain('transform');
  expect(escapeXml(`<'>`)).toBe('&lt;&#39;&gt;');
});

test('clips become clipPaths; a clip inside a clip intersects; transformed elements are wrapped', () => {
  const ctx = new SvgContext();
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, 10, 10);
  ctx.clip();
  ctx.beginPath();
  ctx.rect(5, 5, 10, 10);
  ctx.clip();
  ctx.translate(3, 3);
  ctx.fillRect(0, 0, 1, 1);
  ctx.restore();
  ctx.fillRect(0, 0, 1, 1);
  expect(ctx.defs.length).toBe(2);
  const [outer, inner] = ctx.defs.map((d) => /id="([^"]+)"/.exec(d)?.[1]);
  expect(ctx.defs[1]).toContain(`clip-path="url(#${outer})"`);
  expect(ctx.elements[0]).toBe(`<g clip-path="url(#${inner})"><rect x="0" y="0" width="1" height="1" fill="#000" transform="matrix(1 0 0 1 3 3)"/></g>`);
  expect(ctx.elements[1]).toBe('<rect x="0" y="0" width="1" height="1" fill="#000"/>');
  const doc = svgDocument(20.5, 10, ctx.group(), 'white');
  expect(doc).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="20.5" height="10" viewBox="0 0 20.5 10">/);
  expect(doc).toContain('<defs><clipPath');
  // Two recordings never share clip ids (nested SVGs in one document).
  const other = new SvgContext();
  other.beginPath();
  other.rect(0, 0, 1, 1);
  other.clip();
  expect(other.defs[0]).not.toContain(`id="${outer}"`);
});
