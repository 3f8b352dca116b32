// Browser side of `heatgl render` (served by bin/heatgl.mjs's vite dev server in headless Chromium): fetches the
// input bytes the CLI read, parses them with heatgl's loaders, draws the heatmap or clustermap and posts the PNG back.
// Every outcome is a plain object: { ok: true, … } or { ok: false, stage: 'input' | 'options' | 'render', message }.
import * as heatgl from 'heatgl-cli-lib';

const now = () => performance.now();

/** JSON input: number[][] (null = NaN) or { values, rows, cols, rowLabels?, colLabels? }. */
function fromJSON(bytes) {
  let v;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`the JSON could not be parsed: ${e.message}`);
  }
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object' && 'values' in v && 'rows' in v && 'cols' in v) return v;
  throw new Error('JSON data must be number[][] or { "values": [...], "rows": n, "cols": m }');
}

async function parse(bytes, format, loader) {
  if (format === 'csv' || format === 'tsv') return heatgl.fromCSV(bytes, loader);
  if (format === 'npy') return heatgl.fromNpy(bytes);
  if (format === 'arrow') {
    const { indexCol, coerce } = loader;
    return heatgl.fromArrow(bytes, { ...(indexCol !== undefined ? { indexCol: String(indexCol) } : {}), ...(coerce ? { coerce } : {}) });
  }
  return fromJSON(bytes);
}

function summary(m) {
  let nan = 0;
  let inf = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const v = m.values;
  for (let i = 0; i < v.length; i++) {
    const x = +v[i];
    if (Number.isNaN(x)) nan++;
    else if (!Number.isFinite(x)) inf++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { rows: m.rows, cols: m.cols, nan, inf, min: min <= max ? min : null, max: min <= max ? max : null };
}

/** Options the library rejects are the user's (exit 2); a missing WebGL or Canvas2D is a rendering failure. */
const stageOf = (e) => (e?.name === 'HeatglError' && !/WebGL|Canvas2D|OES_texture_float/.test(e.message) ? 'options' : 'render');
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

window.heatglRender = async (job) => {
  const ms = {};
  let t = now();
  const res = await fetch('/__heatgl/input');
  const bytes = new Uint8Array(await res.arrayBuffer());
  ms.transfer = now() - t;

  t = now();
  let matrix;
  try {
    const data = await parse(bytes, job.format, job.loader);
    matrix = heatgl.toMatrix(data);
  } catch (e) {
    return { ok: false, stage: 'input', message: messageOf(e), ms };
  }
  ms.parse = now() - t;
  const info = summary(matrix);
  if (job.clustermap && info.nan + info.inf > 0) {
    return { ok: false, stage: 'input', message: `--clustermap needs finite values, but the data has ${info.nan} NaN and ${info.inf} infinite cells`, info, ms };
  }

  t = now();
  const box = document.createElement('div');
  box.style.cssText = `position:absolute;left:0;top:0;width:${job.width}px;height:${job.height}px;`;
  document.body.append(box);
  let canvas;
  let blob;
  try {
    if (job.clustermap) {
      const cm = heatgl.clustermap(box, matrix, { ...job.options, interactive: false, tooltip: false });
      await cm.ready;
      ms.cluster = now() - t;
      cm.heatmap.render();
      ms.render = now() - t;
      t = now();
      canvas = cm.toCanvas({ scale: job.scale });
      blob = await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
    } else {
      const hm = heatgl.heatmap(box, matrix, { ...job.options, interactive: false, tooltip: false, progressive: false });
      hm.render();
      ms.render = now() - t;
      t = now();
      blob = await hm.toBlob({ scale: job.scale });
    }
  } catch (e) {
    return { ok: false, stage: stageOf(e), message: messageOf(e), info, ms };
  }
  const png = new Uint8Array(await blob.arrayBuffer());
  // The PNG's own size (IHDR), which is what was written.
  const dims = new DataView(png.buffer, 16, 8);
  const width = dims.getUint32(0);
  const height = dims.getUint32(4);
  ms.encode = now() - t;
  const posted = await fetch('/__heatgl/output', { method: 'POST', body: png });
  if (!posted.ok) return { ok: false, stage: 'render', message: `could not hand the PNG to the CLI: HTTP ${posted.status}` };
  return { ok: true, info, ms, width, height, bytes: png.length };
};

window.heatglReady = true;
