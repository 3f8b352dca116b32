// Keyboard navigation and the accessible summary (view layer). With the canvas focused (it gets tabIndex 0):
//
//   Arrow keys            pan by 10% of the visible span (the view moves that way: → shows columns further right)
//   + or =                zoom in about the centre of the view (×1.5)
//   - or _                zoom out about the centre (÷1.5)
//   0                     reset to the whole matrix
//   Shift + Arrow keys    move the focused cell by one (the first press focuses the top-left visible cell); the view
//                         follows it and its tooltip is shown, so what hover shows is reachable without a pointer
//   Enter or Space        "click" the focused cell
//   Escape                hide the focused cell's tooltip (also on blur)
//
// Keys with Ctrl, Alt or Meta are left to the browser (Ctrl+0, Ctrl+= and Ctrl+- zoom the page). Like input.ts, this
// module only reports intents; heatmap.ts turns them into view changes.

/** A view in cell coordinates, as `Heatmap.getView()` returns it. */
export interface KeyboardView {
  x: readonly [number, number];
  y: readonly [number, number];
}

export interface KeyboardHandlers {
  /** Move the view by (dxCells, dyCells) cells: positive dx shows columns further right, positive dy rows further down. */
  pan(dxCells: number, dyCells: number): void;
  /** Zoom by factor (> 1 zooms in) about the centre of the view. */
  zoom(factor: number): void;
  reset(): void;
  /** Move the keyboard-focused cell by (dRow, dCol); (0, 0) just focuses one. */
  focusCell(dRow: number, dCol: number): void;
  /** The current view, to size the pan step (10% of the visible span). */
  view(): KeyboardView;
  /** Enter or Space: act on the focused cell as a click would. */
  activate?(): void;
  /** Escape, or the element lost focus: hide the focused cell's tooltip. */
  dismiss?(): void;
}

export interface Keyboard {
  destroy(): void;
}

/** Fraction of the visible span one arrow key press pans by. */
export const KEY_PAN_FRACTION = 0.1;
/** Zoom factor of one + or - press. */
export const KEY_ZOOM_FACTOR = 1.5;

/** The keys, as `aria-keyshortcuts` lists them. */
export const KEY_SHORTCUTS =
  'ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown + = - 0 Enter Space Escape';

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
    if (arrow) {
      if (e.shiftKey) h.focusCell(arrow[1], arrow[0]);
      else {
        const v = h.view();
        h.pan(arrow[0] * KEY_PAN_FRACTION * (v.x[1] - v.x[0]), arrow[1] * KEY_PAN_FRACTION * (v.y[1] - v.y[0]));
      }
    } else if (e.key === '+' || e.key === '=') h.zoom(KEY_ZOOM_FACTOR);
    else if (e.key === '-' || e.key === '_') h.zoom(1 / KEY_ZOOM_FACTOR);
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
 * The next keyboard-focused cell: `from` moved by (dRow, dCol) and kept inside the matrix, or, with nothing focused yet,
 * the top-left visible cell. `view` is the view that shows it, shifted as little as possible (same size), or null when
 * the cell is already fully visible.
 */
export function stepFocus(
  from: { row: number; col: number } | null,
  dRow: number,
  dCol: number,
  rows: number,
  cols: number,
  current: KeyboardView,
): { row: number; col: number; view: { x: [number, number]; y: [number, number] } | null } {
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  const row = from ? clamp(from.row + dRow, rows) : clamp(Math.floor(current.y[0]), rows);
  const col = from ? clamp(from.col + dCol, cols) : clamp(Math.floor(current.x[0]), cols);
  const scroll = (lo: number, hi: number, cell: number): [number, number] => {
    const span = hi - lo;
    // A cell wider than the view cannot be fully visible: centre it instead.
    if (span <= 1) return [cell + 0.5 - span / 2, cell + 0.5 + span / 2];
    if (cell < lo) return [cell, cell + span];
    if (cell + 1 > hi) return [cell + 1 - span, cell + 1];
    return [lo, hi];
  };
  const x = scroll(current.x[0], current.x[1], col);
  const y = scroll(current.y[0], current.y[1], row);
  const moved = x[0] !== current.x[0] || x[1] !== current.x[1] || y[0] !== current.y[0] || y[1] !== current.y[1];
  return { row, col, view: moved ? { x, y } : null };
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
