import { describe, expect, test } from 'vitest';
import { centerColormap, colormapNames, getColormap, lutIndex } from '../../src/core/colormaps';
import { colormapFixture } from '../fixtures/load';

const fixture = colormapFixture();

describe('named colormaps match matplotlib within 1/255 per channel (fixtures from matplotlib)', () => {
  for (const [name, { n, samples }] of Object.entries(fixture)) {
    test(name, () => {
      const cm = getColormap(name);
      expect(cm.n).toBe(n);
      for (const [t, r, g, b, a] of samples) {
        const k = lutIndex(t, cm.n) * 4;
        const got = Array.from(cm.rgba.subarray(k, k + 4));
        const want = [r, g, b, a].map((x) => x * 255);
        for (let ch = 0; ch < 4; ch++) expect(Math.abs((got[ch] as number) - (want[ch] as number)), `${name} t=${t} channel ${ch}`).toBeLessThanOrEqual(1);
      }
    });
  }
});

describe('colormap registry', () => {
  test('has every name asked for, and every colormap-package name', () => {
    const names = colormapNames();
    for (const name of 'viridis plasma inferno magma cividis rocket mako flare crest icefire vlag Blues Greens Reds Greys Purples Oranges YlGnBu YlOrRd RdBu RdYlBu BrBG PiYG PRGn coolwarm bwr seismic Spectral twilight turbo'.split(' ')) {
      expect(names).toContain(name);
      expect(getColormap(`${name}_r`).n).toBe(getColormap(name).n);
    }
    for (const name of ['jet', 'bluered', 'portland', 'rainbow-soft', 'cubehelix', 'greys', 'alpha', 'salinity']) {
      const cm = getColormap(name);
      expect(cm.rgba.length).toBe(cm.n * 4);
    }
  });
  test('the colormap package\'s own viridis is not used for the matplotlib name', () => {
    // matplotlib's viridis[128] is (33, 145, 140); the package's 9-stop approximation differs there.
    const cm = getColormap('viridis');
    const want = fixture.viridis?.samples.find(([t]) => t === 0.5);
    expect(want).toBeDefined();
    expect(Array.from(cm.rgba.subarray(128 * 4, 128 * 4 + 3))).toEqual(want?.slice(1, 4).map((x) => Math.round(x * 255)));
  });
  test('unknown names are an error listing the valid names', () => {
    expect(() => getColormap('viridiss')).toThrow(/unknown colormap "viridiss"; valid names .*viridis.*rocket/);
    expect(() => getColormap('nope_r')).toThrow(/unknown colormap "nope_r"/);
  });
  test('a list of colours is a ListedColormap: one LUT entry each', () => {
    const cm = getColormap(['red', '#00ff00', 'rgb(0, 0, 255)', [1, 1, 0]]);
    expect(cm.n).toBe(4);
    expect(Array.from(cm.rgba)).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 0, 255]);
    expect(() => getColormap([])).toThrow(/empty/);
    expect(() => getColormap(['red', 'notacolour'])).toThrow(/cmap\[1\] "notacolour" is not a colour/);
  });
  test('lutIndex follows matplotlib: floor(t*N), 1 → N-1, clamped', () => {
    expect(lutIndex(0, 256)).toBe(0);
    expect(lutIndex(1, 256)).toBe(255);
    expect(lutIndex(0.5, 256)).toBe(128);
    expect(lutIndex(-0.1, 256)).toBe(0);
    expect(lutIndex(7, 256)).toBe(255);
    expect(lutIndex(Number.NaN, 256)).toBe(0);
    expect(lutIndex(0.999, 5)).toBe(4);
    expect(lutIndex(0.2, 5)).toBe(1);
  });
  test('centerColormap on a symmetric range keeps the colormap', () => {
    const cm = getColormap('RdBu');
    const c = centerColormap(cm, -2, 2, 0);
    expect(c.n).toBe(256);
    expect(Array.from(c.rgba)).toEqual(Array.from(cm.rgba));
  });
});
