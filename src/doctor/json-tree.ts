/**
 * A forgiving JSON reader that keeps where every key and value sits in the text. It reads past
 * the slips people make in daemon.json (comments, trailing commas, a missing comma, single or
 * typographic quotes, a byte order mark) so the doctor can still check the keys once the syntax
 * error has been reported; the Go-compatible scanner (go-json-scan.ts) decides what dockerd says.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[]; readonly at: number }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'number'; readonly raw: string; readonly value: number; readonly at: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly at: number }
  | { readonly kind: 'null'; readonly at: number };

export interface JsonEntry {
  readonly key: string;
  readonly keyAt: number;
  readonly value: JsonNode;
}

export interface LenientRead {
  readonly value: JsonNode;
  /** Character offset just after the first top-level value. */
  readonly end: number;
}

const OPEN_QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '‘': '’', '’': '’' };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw new SyntaxError(`unreadable JSON at ${this.pos}`);
  }

  skip(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) return;
      if (c === '\ufeff' || /\s/.test(c)) this.pos++;
      else if (t.startsWith('//', this.pos) || c === '#') {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl < 0 ? t.length : nl + 1;
      } else if (t.startsWith('/*', this.pos)) {
        const close = t.indexOf('*/', this.pos + 2);
        this.pos = close < 0 ? t.length : close + 2;
      } else return;
    }
  }

  value(): JsonNode {
    this.skip();
    const at = this.pos;
    const c = this.text[at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c !== undefined && c in OPEN_QUOTES) return { kind: 'string', value: this.string(), at };
    const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(at))?.[0];
    if (!word) this.fail();
    this.pos += word.length;
    if (word === 'true' || word === 'false') return { kind: 'bool', value: word === 'true', at };
    if (word === 'null') return { kind: 'null', at };
    return { kind: 'number', raw: word, value: Number(word), at };
  }

  string(): string {
    const close = OPEN_QUOTES[this.text[this.pos] as string] as string;
    let out = '';
    this.pos++;
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined || c === '\n') this.fail();
      if (c === close || (close === '”' && c === '“') || (close === '’' && c === '‘')) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++];
      if (e === 'u') {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else {
        const map: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '/': '/', '\\': '\\', '"': '"', "'": "'" };
        const mapped = map[e ?? ''];
        if (mapped === undefined) this.fail();
        out += mapped;
      }
    }
  }

  key(): string {
    const c = this.text[this.pos];
    if (c !== undefined && c in OPEN_QUOTES) return this.string();
    const bare = /^[A-Za-z0-9_.-]+/.exec(this.text.slice(this.pos))?.[0];
    if (!bare) this.fail();
    this.pos += bare.length;
    return bare;
  }

  object(): JsonNode {
    const at = this.pos++;
    const entries: JsonEntry[] = [];
    for (;;) {
      this.skip();
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return { kind: 'object', entries, at };
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === undefined) this.fail();
      const keyAt = this.pos;
      const key = this.key();
      this.skip();
      if (this.text[this.pos] === ':' || this.text[this.pos] === '：') this.pos++;
      else this.fail();
      entries.push({ key, keyAt, value: this.value() });
    }
  }

  array(): JsonNode {
    const at = this.pos++;
    const items: JsonNode[] = [];
    for (;;) {
      this.skip();
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos++;
        return { kind: 'array', items, at };
      }
      if (c === ',' || c === '，') {
        this.pos++;
        continue;
      }
      if (c === undefined) this.fail();
      items.push(this.value());
    }
  }
}

/** The first top-level value, read leniently; undefined when even a forgiving reader is lost. */
export function readLeniently(text: string): LenientRead | undefined {
  const reader = new Reader(text);
  try {
    const value = reader.value();
    return { value, end: reader.pos };
  } catch {
    return undefined;
  }
}

/** 1-based line and column (in characters) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
  return { line, column };
}
