// Hover tooltip (overlay layer): a positioned element whose content is set with textContent, never HTML, so labels
// from user data cannot inject markup.

export interface Tooltip {
  readonly element: HTMLDivElement;
  show(text: string, x: number, y: number): void;
  hide(): void;
  destroy(): void;
}

export function createTooltip(parent: HTMLElement): Tooltip {
  const el = document.createElement('div');
  el.className = 'heatgl-tooltip';
  el.setAttribute('role', 'tooltip');
  el.style.cssText =
    'position:absolute;display:none;pointer-events:none;z-index:2;white-space:pre;padding:4px 7px;border-radius:3px;' +
    'background:rgba(255,255,255,0.95);color:#222;box-shadow:0 1px 4px rgba(0,0,0,0.3);font:12px/1.35 sans-serif;';
  parent.appendChild(el);
  return {
    element: el,
    show(text, x, y) {
      el.textContent = text;
      el.style.display = 'block';
      // Keep the box inside the figure: flip to the other side of the pointer near the right/bottom edges.
      const pw = parent.clientWidth;
      const ph = parent.clientHeight;
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      const left = x + 14 + w > pw ? x - 14 - w : x + 14;
      const top = y + 14 + h > ph ? y - 14 - h : y + 14;
      el.style.left = `${Math.max(0, left)}px`;
      el.style.top = `${Math.max(0, top)}px`;
    },
    hide() {
      el.style.display = 'none';
    },
    destroy() {
      el.remove();
    },
  };
}
