// Pointer, keyboard, hover and tooltip of a heatmap (wiring layer): turns the gestures of src/view/input.ts and
// src/view/keyboard.ts into view changes through the view controller, and the cell under the pointer into `hover`
// and `click` events and the tooltip.
import { formatNumber } from '../core/format';
import type { Matrix } from '../core/matrix';
import type { ResolvedOptions } from '../options/resolve';
import { createTooltip, type Tooltip } from '../overlay/tooltip';
import type { CellInfo, ClientRect, HoverInfo } from '../types';
import type { ViewController } from '../view/controller';
import { attachInput, type Input } from '../view/input';
import { attachKeyboard, dragIntoView, neighbourOnScreen } from '../view/keyboard';

/** What the pointer reads of the data: its shape and labels (an in-memory matrix, or a streamed source's). */
export type PointerMatrix = Pick<Matrix, 'rows' | 'cols' | 'rowLabels' | 'colLabels'>;

/** Where hover and click go: the heatmap's event emitter. */
export interface PointerEvents {
  emit(name: 'hover', info: HoverInfo | null): void;
  emit(name: 'click', info: HoverInfo): void;
}

export interface PointerDeps {
  view: ViewController;
  events: PointerEvents;
  /** The axes' size in CSS pixels (the canvas). */
  axesSize(): { width: number; height: number };
  cellAt(clientX: number, clientY: number): CellInfo | null;
  cellToClient(row: number, col: number): ClientRect;
  matrix(): PointerMatrix;
  options(): Pick<ResolvedOptions, 'interactive' | 'tooltip' | 'fmt'>;
  /** Said after the value in the default tooltip (a streamed cell whose stored value is still loading). */
  valueNote?(info: HoverInfo): string;
}

export class HeatmapPointer {
  private readonly tooltip: Tooltip;
  private readonly input: Input | undefined;
  private readonly keyboard: Input | undefined;
  private hovered: HoverInfo | null = null;
  /** Last pointer position over the canvas (CSS px), to refresh the hover when the view moves under it. */
  private pointer: { x: number; y: number } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly element: HTMLElement,
    private readonly d: PointerDeps,
  ) {
    this.tooltip = createTooltip(element);
    this.tooltip.element.setAttribute('aria-live', 'polite');
    if (!d.options().interactive) return;
    const pan = (dx: number, dy: number) => {
      const { width, height } = d.axesSize();
      d.view.pan(dx, dy, width, height);
    };
    const zoom = (f: number, x: number, y: number) => {
      const { width, height } = d.axesSize();
      return d.view.zoom(f, x, y, width, height);
    };
    this.input = attachInput(canvas, {
      pan,
      zoom,
      reset: () => d.view.reset(),
      hover: (x, y) => this.hoverAt(x, y),
      leave: () => this.hoverAt(Number.NaN, Number.NaN),
      click: (x, y) => {
        const info = this.hoverInfo(x, y);
        if (info) d.events.emit('click', info);
      },
    });
    this.keyboard = attachKeyboard(canvas, {
      pan,
      zoom,
      reset: () => d.view.reset(),
      focusCell: (dRow, dCol) => this.focusCell(dRow, dCol),
      activate: () => this.hovered && d.events.emit('click', this.hovered),
      dismiss: () => this.hoverAt(Number.NaN, Number.NaN),
    });
  }

  /** The view moved under a resting pointer: show the cell now under it. */
  refresh(): void {
    if (this.pointer) this.hoverAt(this.pointer.x, this.pointer.y);
  }

  /** Cell info with labels for a point given in CSS pixels relative to the canvas. */
  hoverInfo(cssX: number, cssY: number): HoverInfo | null {
    const r = this.canvas.getBoundingClientRect();
    const clientX = r.left + cssX;
    const clientY = r.top + cssY;
    const cell = Number.isFinite(cssX) ? this.d.cellAt(clientX, clientY) : null;
    if (!cell) return null;
    const m = this.d.matrix();
    const rowLabel = m.rowLabels?.[cell.row] ?? String(cell.row);
    const colLabel = m.colLabels?.[cell.col] ?? String(cell.col);
    return { ...cell, rowLabel, colLabel, clientX, clientY };
  }

  private tooltipText(info: HoverInfo): string {
    const o = this.d.options();
    if (typeof o.tooltip === 'function') return String(o.tooltip(info));
    let value: string;
    try {
      value = formatNumber(info.value, o.fmt);
    } catch {
      // fmt 'd' on a non-integer: show the value the way Python's repr would rather than nothing.
      value = formatNumber(info.value, '');
    }
    const m = this.d.matrix();
    const where = m.rowLabels || m.colLabels ? `${info.rowLabel}, ${info.colLabel}` : `row ${info.row}, column ${info.col}`;
    return `${where}\n${info.masked ? `${value} (masked)` : value}${this.d.valueNote?.(info) ?? ''}`;
  }

  /** Shift+arrow keys: moves the hovered cell to its neighbour on screen (the first press takes the top-left visible
   * cell), scrolls it into view and shows it as the pointer would. */
  private focusCell(dRow: number, dCol: number): void {
    const { rows, cols } = this.d.matrix();
    const cell = this.hovered ? neighbourOnScreen(this.hovered, dRow, dCol, rows, cols, (r, c) => this.d.cellToClient(r, c)) : this.hoverInfo(0.5, 0.5);
    if (!cell) return;
    const box = this.canvas.getBoundingClientRect();
    const [dx, dy] = dragIntoView(this.d.cellToClient(cell.row, cell.col), box);
    this.pointer = null;
    if (dx !== 0 || dy !== 0) {
      const { width, height } = this.d.axesSize();
      this.d.view.pan(dx, dy, width, height);
    }
    const c = this.d.cellToClient(cell.row, cell.col);
    this.hoverAt(c.x - box.left + c.width / 2, c.y - box.top + c.height / 2);
  }

  private hoverAt(cssX: number, cssY: number): void {
    this.pointer = Number.isFinite(cssX) ? { x: cssX, y: cssY } : null;
    const info = this.hoverInfo(cssX, cssY);
    const changed = info?.row !== this.hovered?.row || info?.col !== this.hovered?.col;
    this.hovered = info;
    if (info && this.d.options().tooltip !== false) {
      const fig = this.element.getBoundingClientRect();
      this.tooltip.show(this.tooltipText(info), info.clientX - fig.left, info.clientY - fig.top);
    } else {
      this.tooltip.hide();
    }
    if (changed) this.d.events.emit('hover', info);
  }

  destroy(): void {
    this.input?.destroy();
    this.keyboard?.destroy();
    this.tooltip.destroy();
  }
}
