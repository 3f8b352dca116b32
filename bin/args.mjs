// Command line parsing for bin/heatgl.mjs (pure: no I/O). Unknown flags and bad values are UsageErrors (exit 2).

export class UsageError extends Error {
  name = 'UsageError';
}

export const USAGE = `Usage: heatgl render <file> -o <out.png> [options]

Renders a heatmap of a matrix file to a PNG through headless Chromium (WebGL), as heatgl draws it in a page.

Input: .csv, .tsv, .npy, .arrow (.arrows, .feather) or .json (number[][] or { values, rows, cols, rowLabels?, colLabels? }).
CSV/TSV: the first line is the header and the first column holds the row labels unless told otherwise.

Options:
  -o, --output <file>        PNG to write (required)
      --format <f>           csv | tsv | npy | arrow | json (default: from the file extension)
      --cmap <name>          colormap (matplotlib/seaborn name; _r reverses). Default rocket, or icefire with --center
      --vmin <n>             lower end of the colour scale
      --vmax <n>             upper end of the colour scale
      --center <n>           value at the colormap's centre
      --robust               2nd/98th percentiles for the limits not given
      --annot                write each cell's value
      --fmt <spec>           Python format spec for annotations (default .2g)
      --linewidths <n>       lines between cells, CSS pixels
      --linecolor <color>    colour of those lines (default white)
      --no-cbar              no colour bar
      --square               square cells
      --title <text>         figure title
      --xlabel <text>        x axis label
      --ylabel <text>        y axis label
      --xticklabels <v>      auto | true | false | n (every n-th label)
      --yticklabels <v>      auto | true | false | n
      --width <px>           figure width in CSS pixels (default 800)
      --height <px>          figure height in CSS pixels (default 600)
      --scale <n>            output pixels per CSS pixel (default 1): the PNG is width*scale × height*scale
      --clustermap           cluster rows and columns (seaborn.clustermap) and draw the dendrograms
      --method <m>           clustermap linkage method (default average)
      --metric <m>           clustermap distance metric (default euclidean)
      --no-header            CSV/TSV: the first line is data
      --index-col <c>        CSV/TSV: position or name of the row-label column; Arrow: name of that column
      --no-index             CSV/TSV: no row-label column
      --coerce               read non-numeric cells as NaN instead of failing
      --timeout <s>          give up after this many seconds (default 120)
  -q, --quiet                no report on stderr
  -h, --help                 this help
  -v, --version              heatgl's version

Reports what it read (rows × columns, NaN count, value range) and the time of each step on stderr.
Exit status: 0 written, 2 usage error (unknown option, missing file, bad option value), 3 the input file could not
be read as a matrix (the loader's message), 4 rendering failed.`;

/** name → [kind, aliases]; kind: 'string' | 'number' | 'boolean' | 'ticks' */
const SPEC = {
  output: ['string', ['o']],
  format: ['string'],
  cmap: ['string'],
  vmin: ['number'],
  vmax: ['number'],
  center: ['number'],
  robust: ['boolean'],
  annot: ['boolean'],
  fmt: ['string'],
  linewidths: ['number'],
  linecolor: ['string'],
  'no-cbar': ['boolean'],
  square: ['boolean'],
  title: ['string'],
  xlabel: ['string'],
  ylabel: ['string'],
  xticklabels: ['ticks'],
  yticklabels: ['ticks'],
  width: ['number'],
  height: ['number'],
  scale: ['number'],
  clustermap: ['boolean'],
  method: ['string'],
  metric: ['string'],
  'no-header': ['boolean'],
  'index-col': ['string'],
  'no-index': ['boolean'],
  coerce: ['boolean'],
  timeout: ['number'],
  quiet: ['boolean', ['q']],
  help: ['boolean', ['h']],
  version: ['boolean', ['v']],
};

const ALIASES = Object.fromEntries(Object.entries(SPEC).flatMap(([name, [, aliases]]) => (aliases ?? []).map((a) => [a, name])));

export const FORMATS = ['csv', 'tsv', 'npy', 'arrow', 'json'];

/** The format a file name implies, or undefined. */
export function formatOfPath(path) {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'npy') return 'npy';
  if (ext === 'arrow' || ext === 'arrows' || ext === 'feather' || ext === 'ipc') return 'arrow';
  if (ext === 'json') return 'json';
  return undefined;
}

function parseValue(name, kind, raw) {
  if (kind === 'string') return raw;
  if (kind === 'number') {
    const v = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(raw)}`);
    return v;
  }
  const s = raw.trim().toLowerCase();
  if (s === 'auto') return 'auto';
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^\d+$/.test(s) && Number(s) >= 1) return Number(s);
  throw new UsageError(`--${name} must be auto, true, false or a whole number n >= 1, got ${JSON.stringify(raw)}`);
}

/**
 * Parses the arguments after `node heatgl.mjs`. Returns { help } or { version } or
 * { command: 'render', file, output, format, width, height, scale, timeout, quiet, clustermap, options, loader }.
 * Option values may start with "-" (--vmin -1).
 */
export function parseArgs(argv) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = arg.indexOf('=');
    const key = long ? arg.slice(2, eq > 0 ? eq : undefined) : arg.slice(1);
    const name = long ? (Object.hasOwn(SPEC, key) ? key : undefined) : Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
    if (name === undefined) throw new UsageError(`unknown option ${long ? `--${key}` : arg}`);
    const [kind] = SPEC[name];
    if (kind === 'boolean') {
      if (long && eq > 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let raw;
    if (long && eq > 0) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length) raw = argv[++i];
    else throw new UsageError(`--${name} needs a value`);
    flags[name] = parseValue(name, kind, raw);
  }
  if (flags.help) return { help: true };
  if (flags.version) return { version: true };
  const [command, file, ...extra] = positional;
  if (command === undefined) throw new UsageError('no command: expected "heatgl render <file> -o <out.png>"');
  if (command === 'help') return { help: true };
  if (command !== 'render') throw new UsageError(`unknown command ${JSON.stringify(command)}: the command is "render"`);
  if (file === undefined) throw new UsageError('render needs an input file');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}: render takes one input file`);
  if (flags.output === undefined) throw new UsageError('render needs -o <out.png>');
  const format = flags.format ?? formatOfPath(file);
  if (format === undefined) throw new UsageError(`cannot tell the format of ${JSON.stringify(file)} from its extension: pass --format ${FORMATS.join('|')}`);
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  const positive = (name, fallback, max) => {
    const v = flags[name] ?? fallback;
    if (!(v > 0) || v > max) throw new UsageError(`--${name} must be a number > 0 and <= ${max}, got ${v}`);
    return v;
  };
  const width = positive('width', 800, 16384);
  const height = positive('height', 600, 16384);
  const scale = positive('scale', 1, 16);
  if (width * scale > 32767 || height * scale > 32767) throw new UsageError(`the PNG would be ${width * scale}×${height * scale} pixels; browsers draw at most 32767 per side`);
  if (flags['no-index'] && flags['index-col'] !== undefined) throw new UsageError('--no-index and --index-col cannot both be given');

  const options = {};
  for (const name of ['cmap', 'vmin', 'vmax', 'center', 'fmt', 'linewidths', 'linecolor', 'title', 'xlabel', 'ylabel', 'xticklabels', 'yticklabels']) {
    if (flags[name] !== undefined) options[name] = flags[name];
  }
  if (flags.robust) options.robust = true;
  if (flags.annot) options.annot = true;
  if (flags.square) options.square = true;
  if (flags['no-cbar']) options.cbar = false;
  if (flags.method !== undefined || flags.metric !== undefined) {
    if (!flags.clustermap) throw new UsageError('--method and --metric need --clustermap');
    if (flags.method !== undefined) options.method = flags.method;
    if (flags.metric !== undefined) options.metric = flags.metric;
  }
  const loader = {};
  if (flags['no-header']) loader.header = false;
  if (flags['no-index']) loader.indexCol = false;
  const indexCol = flags['index-col'];
  if (indexCol !== undefined) loader.indexCol = format !== 'arrow' && /^\d+$/.test(indexCol) ? Number(indexCol) : indexCol;
  if (flags.coerce) loader.coerce = true;
  if (format === 'tsv') loader.delimiter = '\t';
  return {
    command,
    file,
    output: flags.output,
    format,
    width,
    height,
    scale,
    timeout: positive('timeout', 120, 3600),
    quiet: flags.quiet === true,
    clustermap: flags.clustermap === true,
    options,
    loader,
  };
}
