/**
 * A byte-for-byte port of the state machine in Go's encoding/json scanner (scanner.go, stream.go),
 * so that the doctor finds the same first syntax error as dockerd and words it the same way:
 * `invalid character '"' after object key:value pair`, `unexpected EOF`, …
 *
 * dockerd reads daemon.json in two ways. Engine 20.10 uses json.NewDecoder(…).Decode: it reads
 * the first JSON value and ignores whatever follows it; an empty file is `EOF`, a cut-off one
 * `unexpected EOF`. Engine 23.0 and later use json.Unmarshal (daemon/config/config.go): text
 * after the value is an error (`after top-level value`) and a cut-off file is `unexpected end of
 * JSON input`.
 */
export type GoReadMode = 'decoder' | 'unmarshal';

export type GoScanResult =
  | { readonly ok: true; readonly end: number }
  | { readonly ok: false; readonly message: string; readonly offset: number };

type Step = (c: number) => Outcome;
type Outcome = 'continue' | 'end' | 'endContainer' | { error: string };

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's quoteChar: how a byte appears in `invalid character …` (a Latin-1 reading of the byte). */
export function goQuoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  const known = named[c];
  if (known) return `'${known}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `'\\u${c.toString(16).padStart(4, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}

const ERR = (c: number, context: string): Outcome => ({ error: `invalid character ${goQuoteChar(c)} ${context}` });

/** One scanner run over `bytes`, following Go's parse-state stack. */
export function goScan(bytes: Uint8Array, mode: GoReadMode): GoScanResult {
  const stack: ('key' | 'value' | 'array')[] = [];
  let endTop = false;
  let step: Step;

  const literal = (rest: string, word: string): Step => {
    const expect = (i: number): Step => (c) => {
      if (i === rest.length) return endValue(c);
      const want = rest.charCodeAt(i);
      if (c === want) {
        step = expect(i + 1);
        return 'continue';
      }
      return ERR(c, `in literal ${word} (expecting '${rest[i]}')`);
    };
    return expect(0);
  };

  const beginValue: Step = (c) => {
    if (isSpace(c)) return 'continue';
    if (c === 0x7b) return push('key', beginStringOrEmpty);
    if (c === 0x5b) return push('array', beginValueOrEmpty);
    if (c === 0x22) return go(inString);
    if (c === 0x2d) return go(neg);
    if (c === 0x30) return go(zero);
    if (c === 0x74) return go(literal('rue', 'true'));
    if (c === 0x66) return go(literal('alse', 'false'));
    if (c === 0x6e) return go(literal('ull', 'null'));
    if (c >= 0x31 && c <= 0x39) return go(one);
    return ERR(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => (isSpace(c) ? 'continue' : c === 0x5d ? endValue(c) : beginValue(c));
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return 'continue';
    if (c === 0x7d) {
      stack[stack.length - 1] = 'value';
      return endValue(c);
    }
    return beginString(c);
  };
  const beginString: Step = (c) => (isSpace(c) ? 'continue' : c === 0x22 ? go(inString) : ERR(c, 'looking for beginning of object key string'));
  const endTopStep: Step = (c) => (isSpace(c) ? 'end' : ERR(c, 'after top-level value'));
  const endValue: Step = (c) => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      endTop = true;
      step = endTopStep;
      return endTopStep(c);
    }
    if (isSpace(c)) return go(endValue);
    if (top === 'key') {
      if (c === 0x3a) {
        stack[stack.length - 1] = 'value';
        return go(beginValue);
      }
      return ERR(c, 'after object key');
    }
    if (top === 'value') {
      if (c === 0x2c) {
        stack[stack.length - 1] = 'key';
        return go(beginString);
      }
      if (c === 0x7d) return pop();
      return ERR(c, 'after object key:value pair');
    }
    if (c === 0x2c) return go(beginValue);
    if (c === 0x5d) return pop();
    return ERR(c, 'after array element');
  };
  const inString: Step = (c) => {
    if (c === 0x22) return go(endValue);
    if (c === 0x5c) return go(inStringEsc);
    if (c < 0x20) return ERR(c, 'in string literal');
    return 'continue';
  };
  const inStringEsc: Step = (c) => {
    if ([0x62, 0x66, 0x6e, 0x72, 0x74, 0x5c, 0x2f, 0x22].includes(c)) return go(inString);
    if (c === 0x75) return go(escU(0));
    return ERR(c, 'in string escape code');
  };
  const escU = (n: number): Step => (c) => (isHex(c) ? go(n === 3 ? inString : escU(n + 1)) : ERR(c, 'in \\u hexadecimal character escape'));
  const neg: Step = (c) => (c === 0x30 ? go(zero) : c >= 0x31 && c <= 0x39 ? go(one) : ERR(c, 'in numeric literal'));
  const one: Step = (c) => (isDigit(c) ? 'continue' : zero(c));
  const zero: Step = (c) => (c === 0x2e ? go(dot) : c === 0x65 || c === 0x45 ? go(exp) : endValue(c));
  const dot: Step = (c) => (isDigit(c) ? go(dot0) : ERR(c, 'after decimal point in numeric literal'));
  const dot0: Step = (c) => (isDigit(c) ? 'continue' : c === 0x65 || c === 0x45 ? go(exp) : endValue(c));
  const exp: Step = (c) => (c === 0x2b || c === 0x2d ? go(expSign) : expSign(c));
  const expSign: Step = (c) => (isDigit(c) ? go(exp0) : ERR(c, 'in exponent of numeric literal'));
  const exp0: Step = (c) => (isDigit(c) ? 'continue' : endValue(c));

  function go(next: Step): Outcome {
    step = next;
    return 'continue';
  }
  function push(state: 'key' | 'array', next: Step): Outcome {
    stack.push(state);
    step = next;
    return 'continue';
  }
  function pop(): Outcome {
    stack.pop();
    step = stack.length === 0 ? endTopStep : endValue;
    if (stack.length === 0) endTop = true;
    return 'endContainer';
  }

  step = beginValue;
  for (let i = 0; i < bytes.length; i++) {
    const outcome = step(bytes[i] as number);
    if (typeof outcome === 'object') return { ok: false, message: outcome.error, offset: i };
    // The decoder stops right after a closing bracket that ends the top-level value.
    if (mode === 'decoder' && (outcome === 'end' || (outcome === 'endContainer' && endTop))) {
      return { ok: true, end: outcome === 'end' ? i : i + 1 };
    }
  }
  // End of input: a space completes a pending number or literal, as Go's eof() does.
  if (!endTop) {
    const outcome = step(0x20);
    if (typeof outcome === 'object' || !endTop) {
      const empty = bytes.every((b) => isSpace(b));
      if (mode === 'decoder') return { ok: false, message: empty ? 'EOF' : 'unexpected EOF', offset: bytes.length };
      return { ok: false, message: 'unexpected end of JSON input', offset: bytes.length };
    }
  }
  return { ok: true, end: bytes.length };
}
