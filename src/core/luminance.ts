// Annotation text colour (pure), as seaborn chooses it: relative luminance of the cell colour (seaborn.utils.
// relative_luminance, sRGB → linear, Rec. 709 weights); dark grey ".15" above 0.408, white otherwise.

/** Relative luminance of a straight RGB colour in 0..1. */
export function relativeLuminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** matplotlib's ".15" grey. */
export const ANNOT_DARK = 'rgb(38, 38, 38)';
export const ANNOT_LIGHT = 'rgb(255, 255, 255)';

/** seaborn's automatic annotation colour for a cell colour given as straight RGB in 0..1. */
export function annotationColor(r: number, g: number, b: number): string {
  return relativeLuminance(r, g, b) > 0.408 ? ANNOT_DARK : ANNOT_LIGHT;
}
