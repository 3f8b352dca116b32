// Pointer, wheel and double-click handling (view layer; the only module that touches DOM events). It reports
// gestures in CSS pixels relative to the element; heatmap.ts turns them into view changes.

export interface InputHandlers {
  /** Drag by (dxCss, dyCss) CSS pixels. */
  pan(dxCss: number, dyCss: number): void;
  /** Zoom by factor (> 1 zooms in) about the point (cssX, cssY) relative to the element's top-left; true if the view changed. */
  zoom(factor: number, cssX: number, cssY: number): boolean;
  reset(): void;
  /** Pointer at (cssX, cssY) with no button pressed. */
  hover(cssX: number, cssY: number): void;
  leave(): void;
  /** A press and release without dragging. */
  click(cssX: number, cssY: number): void;
}

/** A press that moves less than this (CSS px) before release is a click, not a drag. */
const CLICK_SLOP = 4;

export interface Input {
  destroy(): void;
}

/**
 * Calls `onChange` when the element's size or the device pixel ratio changes (a window moved to another screen,
 * browser zoom): ResizeObserver for the size, a `(resolution: Xdppx)` media query re-armed after each change.
 */
export function watchSize(el: HTMLElement, onChange: () => void): Input {
  const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => onChange()) : undefined;
  observer?.observe(el);
  let query: MediaQueryList | undefined;
  const arm = () => {
    query?.removeEventListener('change', onDpr);
    query = typeof matchMedia === 'function' ? matchMedia(`(resolution: ${devicePixelRatio}dppx)`) : undefined;
    query?.addEventListener('change', onDpr);
  };
  const onDpr = () => {
    arm();
    onChange();
  };
  arm();
  return {
    destroy() {
      observer?.disconnect();
      query?.removeEventListener('change', onDpr);
    },
  };
}

/** Wheel delta (pixels) that zooms by a factor e: 2^(-deltaY / 500) per event feels like most map viewers. */
const WHEEL_PIXELS_PER_DOUBLING = 500;

export function attachInput(el: HTMLElement, h: InputHandlers): Input {
  const pointers = new Map<number, { x: number; y: number }>();
  let pressAt: { x: number; y: number; moved: number } | undefined;
  const local = (e: { clientX: number; clientY: number }) => {
    const r = el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    el.setPointerCapture?.(e.pointerId);
    const p = local(e);
    pointers.set(e.pointerId, p);
    pressAt = pointers.size === 1 ? { ...p, moved: 0 } : undefined;
  };
  const onPointerMove = (e: PointerEvent) => {
    const prev = pointers.get(e.pointerId);
    const p = local(e);
    if (!prev) {
      h.hover(p.x, p.y);
      return;
    }
    if (pressAt) pressAt.moved = Math.max(pressAt.moved, Math.hypot(p.x - pressAt.x, p.y - pressAt.y));
    if (pointers.size === 1) {
      h.pan(p.x - prev.x, p.y - prev.y);
    } else if (pointers.size === 2) {
      // Pinch: zoom by the change in distance between the two pointers, about their midpoint.
      const other = [...pointers.entries()].find(([id]) => id !== e.pointerId)?.[1];
      if (other) {
        const before = Math.hypot(prev.x - other.x, prev.y - other.y);
        const after = Math.hypot(p.x - other.x, p.y - other.y);
        if (before > 0 && after > 0) h.zoom(after / before, (p.x + other.x) / 2, (p.y + other.y) / 2);
      }
    }
    pointers.set(e.pointerId, p);
  };
  const onPointerUp = (e: PointerEvent) => {
    const wasDown = pointers.delete(e.pointerId);
    if (wasDown && e.type === 'pointerup' && pressAt && pressAt.moved < CLICK_SLOP) {
      const p = local(e);
      h.click(p.x, p.y);
    }
    if (pointers.size === 0) pressAt = undefined;
  };
  const onPointerLeave = () => {
    if (pointers.size === 0) h.leave();
  };
  const onWheel = (e: WheelEvent) => {
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    // ctrlKey wheel events are trackpad pinches in Chromium and Firefox: same gesture, finer deltas.
    const pixels = e.deltaY * unit * (e.ctrlKey ? 5 : 1);
    const p = local(e);
    // Keep the page's scroll only when the view cannot zoom further that way (fully zoomed out, wheel down).
    if (h.zoom(2 ** (-pixels / WHEEL_PIXELS_PER_DOUBLING), p.x, p.y)) e.preventDefault();
  };
  const onDblClick = (e: MouseEvent) => {
    e.preventDefault();
    h.reset();
  };

  el.addEventListener('pointerdown', onPointerDown);
  el.addEventListener('pointermove', onPointerMove);
  el.addEventListener('pointerup', onPointerUp);
  el.addEventListener('pointercancel', onPointerUp);
  el.addEventListener('pointerleave', onPointerLeave);
  el.addEventListener('wheel', onWheel, { passive: false });
  el.addEventListener('dblclick', onDblClick);
  // Let the browser leave touch gestures to us (pinch zoom, drag pan) instead of scrolling the page.
  el.style.touchAction = 'none';
  return {
    destroy() {
      el.removeEventListener('pointerdown', onPointerDown);
      el.removeEventListener('pointermove', onPointerMove);
      el.removeEventListener('pointerup', onPointerUp);
      el.removeEventListener('pointercancel', onPointerUp);
      el.removeEventListener('pointerleave', onPointerLeave);
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('dblclick', onDblClick);
      pointers.clear();
    },
  };
}
