// Keyboard navigation and the accessible summary (view layer). With the canvas focused (it gets tabIndex 0):
//
//   Arrow keys            pan by 10% of the view towards that side (→ shows what is further right)
//   + or =                zoom in about the centre of the view (×1.5)
//   - or _                zoom out about the centre (÷1.5)
//   0                     reset to the whole matrix
//   Shift + Arrow keys    move the focused cell to its neighbour on screen (the first press focuses the top-left
//                         visible cell); the view follows it and its tooltip is shown, so what hover shows is
//                         reachable without a pointer
//   Enter or Space        "click" the focused cell
//   Escape                hide the focused cell's tooltip (also on blur)
//
// Keys with Ctrl, Alt or Meta are left to the browser (Ctrl+0, Ctrl+= and Ctrl+- zoom the page). Like input.ts, this
// module works in screen space (CSS pixels, down and right) and only reports intents, with input.ts's signatures for
// pan, zoom and reset; heatmap.ts turns them into view changes in whatever data space it draws.

/** A rectangle in CSS pixels (client coordinates or relative to the element; the same for every rectangle passed). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Cell {
  row: number;
  col: number;
}

export interface KeyboardHandlers {
  /** Drag the content by (dxCss, dyCss) CSS pixels (as InputHandlers.pan): -10% of the width shows what is right. */
  pan(dxCss: number, dyCss: number): void;
  /** Zoom by factor (> 1 zooms in) about (cssX, cssY) relative to the element's top-left: here always its centre. */
  zoom(factor: number, cssX: number, cssY: number): void;
  reset(): void;
  /** Move the keyboard-focused cell to its neighbour on screen: dRow +1 the cell below, dCol +1 the cell to the right. */
  focusCell(dRow: number, dCol: number): void;
  /** Enter or Space: act on the focused cell as a click would. */
  activate?(): void;
  /** Escape, or the element lost focus: hide the focused cell's tooltip. */
  dismiss?(): void;
}

export interface Keyboard {
  destroy(): void;
}

/** Fraction of the view one arrow key press pans by. */
export const KEY_PAN_FRACTION = 0.1;
/** Zoom factor of one + or - press. */
export const KEY_ZOOM_FACTOR = 1.5;

/** The keys, as `aria-keyshortcuts` lists them. */
export const KEY_SHORTCUTS =
  'ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown + = - 0 Enter Space Escape';

/** Screen direction of each arrow: [right, down]. */
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * Makes `el` focusable (tabIndex 0 unless it already has a tabindex) and maps keys to `h` while it has the focus.
 * Handled keys call preventDefault so arrows do not also scroll the page.
 */
export function attachKeyboard(el: HTMLElement, h: KeyboardHandlers): Keyboard {
  const hadTabIndex = el.getAttribute('tabindex');
  const hadShortcuts = el.getAttribute('aria-keyshortcuts');
  if (hadTabIndex === null) el.tabIndex = 0;
  if (hadShortcuts === null) el.setAttribute('aria-keyshortcuts', KEY_SHORTCUTS);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return;
    const arrow = ARROWS[e.key];
    const box = el.getBoundingClientRect();
    if (arrow) {
      if (e.shiftKey) h.focusCell(arrow[1], arrow[0]);
      // Showing what lies to the right means dragging the content to the left.
      else h.pan(arrow[0] === 0 ? 0 : -arrow[0] * KEY_PAN_FRACTION * box.width, arrow[1] === 0 ? 0 : -arrow[1] * KEY_PAN_FRACTION * box.height);
    } else if (e.key === '+' || e.key === '=') h.zoom(KEY_ZOOM_FACTOR, box.width / 2, box.height / 2);
    else if (e.key === '-' || e.key === '_') h.zoom(1 / KEY_ZOOM_FACTOR, box.width / 2, box.height / 2);
    else if (e.key === '0') h.reset();
    else if ((e.key === 'Enter' || e.key === ' ') && h.activate) h.activate();
    else if (e.key === 'Escape' && h.dismiss) h.dismiss();
    else return;
    e.preventDefault();
  };
  const onBlur = () => h.dismiss?.();

  el.addEventListener('keydown', onKeyDown);
  el.addEventListener('blur', onBlur);
  return {
    destroy() {
      el.removeEventListener('keydown', onKeyDown);
      el.removeEventListener('blur', onBlur);
      if (hadTabIndex === null) el.removeAttribute('tabindex');
      if (hadShortcuts === null) el.removeAttribute('aria-keyshortcuts');
    },
  };
}

/**
 * The cell next to `from` on screen in the direction (dRow down, dCol right), found through `rectOf` (the cell's
 * rectangle on screen) so that it holds whichever way rows and columns run (imshow's origin 'lower', pcolormesh, an
 * inverted axis). `from` itself at the edge of the matrix.
 */
export function neighbourOnScreen(from: Cell, dRow: number, dCol: number, rows: number, cols: number, rectOf: (row: number, col: number) => Rect): Cell {
  const here = rectOf(from.row, from.col);
  const step = dRow !== 0 ? Math.sign(dRow) : Math.sign(dCol);
  if (step === 0) return from;
  for (const k of [step, -step]) {
    const cell = dRow !== 0 ? { row: from.row + k, col: from.col } : { row: from.row, col: from.col + k };
    if (cell.row < 0 || cell.row >= rows || cell.col < 0 || cell.col >= cols) continue;
    const there = rectOf(cell.row, cell.col);
    const moved = dRow !== 0 ? there.y + there.height / 2 - (here.y + here.height / 2) : there.x + there.width / 2 - (here.x + here.width / 2);
    if (Math.sign(moved) === step) return cell;
  }
  return from;
}

/**
 * The drag (CSS pixels, as KeyboardHandlers.pan) that brings `cell` fully into `viewport` moving it as little as
 * possible, or centres it when it is larger than the viewport; [0, 0] when it is already fully visible.
 */
export function dragIntoView(cell: Rect, viewport: Rect): [dx: number, dy: number] {
  // Rounding in the view maths leaves cells a hair outside: within 0.01 px counts as visible.
  const eps = 0.01;
  const axis = (lo: number, size: number, vlo: number, vsize: number) => {
    if (size > vsize + eps) return vlo + vsize / 2 - (lo + size / 2);
    if (lo < vlo - eps) return vlo - lo;
    if (lo + size > vlo + vsize + eps) return vlo + vsize - (lo + size);
    return 0;
  };
  return [axis(cell.x, cell.width, viewport.x, viewport.width), axis(cell.y, cell.height, viewport.y, viewport.height)];
}

/** A number for a screen reader: up to 4 significant digits, no exponent below 1e21, a real minus sign. */
function spoken(v: number): string {
  const s = String(Number(v.toPrecision(4)));
  return s.startsWith('-') ? `\u2212${s.slice(1)}` : s;
}

/**
 * A one-line description for `aria-label`, e.g. "Heatmap, 40 rows × 60 columns, values from −1.2 to 3.4", with the
 * title first when there is one ("Sales. Heatmap, …"). NaN limits (no finite value) say so.
 */
export function ariaSummary(rows: number, cols: number, vmin: number, vmax: number, title?: string): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  let range: string;
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) range = 'no finite values';
  else if (vmin === vmax) range = `every value ${spoken(vmin)}`;
  else range = `values from ${spoken(vmin)} to ${spoken(vmax)}`;
  const body = `Heatmap, ${count(rows, 'row', 'rows')} × ${count(cols, 'column', 'columns')}, ${range}`;
  const t = (title ?? '').trim();
  if (t === '') return body;
  return `${t}${/[.!?:]$/.test(t) ? '' : '.'} ${body}`;
}
