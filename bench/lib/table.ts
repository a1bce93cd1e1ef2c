/** Plain-text tables for the terminal: numbers right-aligned, CJK counted as two columns. */

export type Cell = string | number | boolean | null | undefined;

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x1f300 ? 2 : 1;
  }
  return width;
}

/** Cuts text to at most `width` display columns, with an ellipsis when cut. */
export function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function fmt(value: Cell, digits = 1): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '–';
    if (Number.isInteger(value)) return String(value);
    return value.toFixed(digits);
  }
  return value;
}

const pad = (text: string, width: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

/** Renders rows under a title; numeric columns are right-aligned. */
export function renderTable(title: string, headers: readonly string[], rows: readonly (readonly Cell[])[], digits = 1): string {
  const cells = rows.map((row) => headers.map((_, i) => fmt(row[i], digits)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] === null || row[i] === undefined));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]!))));
  const line = (values: readonly string[]) => values.map((v, i) => pad(v, widths[i]!, numeric[i]!)).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [title, line(headers), rule, ...cells.map(line)].join('\n');
}
