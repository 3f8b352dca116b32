// The gallery's drop zone: a CSV, TSV, NPY or Arrow file dropped on the card (or picked with the button) is read in
// the page, nothing is uploaded, and drawn with heatmap() in the card, with the read and parse times in the status
// line and the loader's error message in the card for a file it cannot read. The region below is shown on the page.
import { type CsvProgress, type DataMatrix, type Heatmap, heatmap } from 'heatgl';

// #region dropzone
import { fromArrow, fromCSV, fromNpy } from 'heatgl';

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const startsWith = (bytes: Uint8Array, magic: number[]) =>
  magic.every((b, i) => bytes[i] === b);

export async function readTable(
  name: string,
  bytes: Uint8Array, // new Uint8Array(await file.arrayBuffer())
  coerce: boolean, // non-numbers → NaN instead of an error
  onProgress: (p: CsvProgress) => void,
): Promise<DataMatrix> {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, NPY_MAGIC) || ext === 'npy') return fromNpy(bytes);
  const arrow = ['arrow', 'arrows', 'feather'].includes(ext);
  if (startsWith(bytes, ARROW_MAGIC) || arrow) {
    return fromArrow(bytes, { coerce }); // IPC file or stream
  }
  if (!['csv', 'tsv', 'tab', 'txt'].includes(ext)) {
    throw new Error(`${name}: not a CSV, TSV, NPY or Arrow file`);
  }
  const tsv = ext === 'tsv' || ext === 'tab';
  return fromCSV(bytes, { coerce, onProgress, ...(tsv && { delimiter: '\t' }) });
}
// #endregion

function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`gallery markup lacks ${selector}`);
  return el;
}

const ms = (t: number) => `${t < 10 ? t.toFixed(1) : t.toFixed(0)} ms`;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Wires the drop zone card; `onHeatmap` receives each new heatmap (for window.gallery). */
export function dropZone(card: HTMLElement, onHeatmap: (hm: Heatmap) => void): void {
  const plot = find(card, '.plot');
  const hint = find(card, '.drop-hint');
  const status = find(card, '.status');
  const input = find<HTMLInputElement>(card, 'input[type=file]');
  const coerce = find<HTMLInputElement>(card, '.drop-coerce');
  let live: Heatmap | null = null;
  let busy = 0;

  const say = (text: string, error = false) => {
    status.textContent = text;
    card.classList.toggle('failed', error);
  };

  async function show(file: File): Promise<void> {
    const job = ++busy;
    say(`reading ${file.name} (${size(file.size)})…`);
    try {
      const t0 = performance.now();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const t1 = performance.now();
      const data = await readTable(file.name, bytes, coerce.checked, ({ bytes: done }) => {
        if (job === busy) say(`parsing ${file.name}… ${Math.round((100 * done) / bytes.length)}%`);
      });
      const t2 = performance.now();
      if (job !== busy) return; // a newer file was dropped meanwhile
      live?.destroy();
      live = null;
      const hm = heatmap(plot, data);
      live = hm;
      hint.hidden = true;
      plot.classList.add('has-figure');
      onHeatmap(hm);
      const shape = `${data.rows.toLocaleString('en')} × ${data.cols.toLocaleString('en')}`;
      const line = `${file.name}: ${shape} · read ${ms(t1 - t0)} · parse ${ms(t2 - t1)}`;
      say(line);
      const off = hm.on('render', () => {
        off();
        say(`${line} · first frame ${ms(performance.now() - t2)}`);
      });
    } catch (err) {
      if (job !== busy) return;
      // Leave no figure behind that could be taken for this file's.
      live?.destroy();
      live = null;
      hint.hidden = false;
      plot.classList.remove('has-figure');
      console.warn(err);
      say(`Could not draw ${file.name}: ${err instanceof Error ? err.message : String(err)}`, true);
    }
  }

  find(card, '.drop-pick').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void show(file);
    input.value = '';
  });

  // Highlight while a file is dragged over the card; depth counts enter/leave pairs of child elements.
  let depth = 0;
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;
  card.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    card.classList.add('dragging');
  });
  card.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  card.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) card.classList.remove('dragging');
  });
  card.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    card.classList.remove('dragging');
    const file = e.dataTransfer?.files[0];
    if (file) void show(file);
  });
  // A file dropped anywhere else on the page must not make the browser navigate away to it.
  for (const type of ['dragover', 'drop'] as const) {
    window.addEventListener(type, (e) => {
      if (!card.contains(e.target as Node) && e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'none';
      }
    });
  }
}
