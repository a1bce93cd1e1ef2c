import { describe, expect, it } from 'vitest';
import { goQuoteChar, goScan } from '../../src/doctor/go-json-scan.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const scan = (s: string, mode: 'decoder' | 'unmarshal' = 'decoder') => goScan(bytes(s), mode);

describe("Go's JSON scanner, ported", () => {
  it('accepts a valid object in both modes', () => {
    expect(scan('{"mtu": 1400, "dns": ["8.8.8.8"], "ipv6": false, "x": null}')).toEqual({ ok: true, end: 59 });
    expect(scan(' {"a": {"b": [1, -2.5e3, true]}} \n', 'unmarshal')).toMatchObject({ ok: true });
  });

  it('words a missing comma as Go does, at the next key', () => {
    expect(scan('{"a": 1\n "b": 2}')).toEqual({ ok: false, message: `invalid character '"' after object key:value pair`, offset: 9 });
    expect(scan('["a" "b"]')).toMatchObject({ message: `invalid character '"' after array element` });
  });

  it('words trailing commas, comments, single quotes and a missing colon', () => {
    expect(scan('{"a": [1,]}')).toMatchObject({ message: "invalid character ']' looking for beginning of value" });
    expect(scan('{"a": 1,}')).toMatchObject({ message: "invalid character '}' looking for beginning of object key string" });
    expect(scan('{ // note\n}')).toMatchObject({ message: "invalid character '/' looking for beginning of object key string" });
    expect(scan("{'a': 1}")).toMatchObject({ message: "invalid character '\\'' looking for beginning of object key string" });
    expect(scan('{"a" 1}')).toMatchObject({ message: "invalid character '1' after object key" });
  });

  it('reads bytes, not characters: a BOM is ï, a typographic quote â', () => {
    expect(scan('\ufeff{}')).toMatchObject({ message: "invalid character 'ï' looking for beginning of value", offset: 0 });
    expect(scan('{“a”: 1}')).toMatchObject({ message: "invalid character 'â' looking for beginning of object key string" });
  });

  it('words literals, numbers, escapes and control characters', () => {
    expect(scan('{"a": True}')).toMatchObject({ message: "invalid character 'T' looking for beginning of value" });
    expect(scan('{"a": tru}')).toMatchObject({ message: "invalid character '}' in literal true (expecting 'e')" });
    expect(scan('{"a": 1.}')).toMatchObject({ message: "invalid character '}' after decimal point in numeric literal" });
    expect(scan('{"a": "C:\\docker"}')).toMatchObject({ message: "invalid character 'd' in string escape code" });
    expect(scan('{"a": "x\ty"}')).toMatchObject({ message: "invalid character '\\t' in string literal" });
  });

  it('decoder mode (Engine 20.10) stops after the first value and names EOF the Go way', () => {
    expect(scan('{"a": 1}\n{"b": 2}')).toEqual({ ok: true, end: 8 });
    expect(scan('')).toMatchObject({ ok: false, message: 'EOF' });
    expect(scan('  \n')).toMatchObject({ ok: false, message: 'EOF' });
    expect(scan('{"a": [1')).toMatchObject({ ok: false, message: 'unexpected EOF' });
  });

  it('unmarshal mode (Engine 23.0+) refuses text after the value', () => {
    expect(scan('{"a": 1}\n{"b": 2}', 'unmarshal')).toMatchObject({ ok: false, message: "invalid character '{' after top-level value", offset: 9 });
    expect(scan('{"a": [1', 'unmarshal')).toMatchObject({ ok: false, message: 'unexpected end of JSON input' });
  });

  it("quotes bytes like Go's quoteChar", () => {
    expect([0x27, 0x22, 0x5c, 0x0a, 0x01, 0x7f, 0xa0, 0xe2].map(goQuoteChar)).toEqual([
      `'\\''`, `'"'`, `'\\\\'`, `'\\n'`, `'\\x01'`, `'\\x7f'`, `'\\u00a0'`, `'â'`,
    ]);
  });
});
