// CSV framing (pure): guesses the delimiter and line ending from the first line, and cuts a stream of text
// pieces at record boundaries (newlines outside quotes) so each block can be parsed on its own.

export type Newline = '\n' | '\r\n' | '\r';

const CANDIDATES = ['\t', ',', ';'] as const;

/** The first line of `text`, stopping at a newline outside double quotes. */
function firstLine(text: string): string {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuote = !inQuote;
    else if (!inQuote && (ch === 10 || ch === 13)) return text.slice(0, i);
  }
  return text;
}

/** Tab, comma or semicolon: whichever occurs most (outside quotes) in the first line; comma on a tie or none. */
export function guessDelimiter(text: string): string {
  const line = firstLine(text);
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let inQuote = false;
  for (const ch of line) {
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [ch, n] of counts) {
    if (n > bestCount || (n === bestCount && n > 0 && ch === ',')) {
      best = ch;
      bestCount = n;
    }
  }
  return best;
}

/** The line ending of the first line break outside quotes (\n when the text has none). */
export function guessNewline(text: string): Newline {
  const line = firstLine(text);
  if (line.length === text.length) return '\n';
  if (text.charCodeAt(line.length) === 10) return '\n';
  return text.charCodeAt(line.length + 1) === 10 ? '\r\n' : '\r';
}

/**
 * Accumulates text and hands back whole records. Quote state is tracked by parity, which RFC 4180's doubled
 * quotes ("") preserve, so a newline inside a quoted field never splits a record.
 */
export class RecordSplitter {
  private pending = '';
  private inQuote = false;
  private readonly nl: number;
  private readonly crlf: boolean;

  constructor(newline: Newline) {
    this.nl = newline === '\r' ? 13 : 10;
    this.crlf = newline === '\r\n';
  }

  /** Adds text; returns the complete records seen so far (without the final line ending), or null if none. */
  push(text: string): string | null {
    let cut = -1;
    if (!this.inQuote && text.indexOf('"') < 0) {
      cut = text.lastIndexOf(this.nl === 10 ? '\n' : '\r');
    } else {
      let inQuote = this.inQuote;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 34) inQuote = !inQuote;
        else if (ch === this.nl && !inQuote) cut = i;
      }
      this.inQuote = inQuote;
    }
    if (cut < 0) {
      this.pending += text;
      return null;
    }
    let head = this.pending + text.slice(0, cut);
    this.pending = text.slice(cut + 1);
    if (this.crlf && head.charCodeAt(head.length - 1) === 13) head = head.slice(0, -1);
    return head;
  }

  /** The last record when the text did not end with a line ending (null if it did). */
  flush(): string | null {
    let rest = this.pending;
    this.pending = '';
    if (this.crlf && rest.charCodeAt(rest.length - 1) === 13) rest = rest.slice(0, -1);
    return rest.length > 0 ? rest : null;
  }

  /** True when text after the last record boundary is held. */
  get holdsText(): boolean {
    return this.pending !== '';
  }

  /** True when the text ended inside an open quote. */
  get unterminatedQuote(): boolean {
    return this.inQuote;
  }
}
