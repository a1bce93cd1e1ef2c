import { describe, expect, it } from 'vitest';
import { check, firstError, notes, on2010, summary } from './helpers/doctor.ts';

describe('daemon.json syntax', () => {
  it('reports a syntax error with line and column and the usual slip', () => {
    const note = firstError('{\n  "registry-mirrors": ["https://a.example"]\n  "log-driver": "json-file"\n}');
    expect(note?.text.en).toMatch(/^Line 3, column 3: A comma is missing, probably at the end of line 2\./);
    expect(note?.text.zh).toMatch(/^第 3 行第 3 列：缺少逗号，多半是在第 2 行末尾。/);
    expect(note?.dockerd).toBe(`invalid character '"' after object key:value pair`);
  });

  it('counts columns in characters, after Chinese text too', () => {
    expect(firstError('{"labels": ["说明=一"],, }')?.text.en).toMatch(/^Line 1, column 21:/);
  });

  it('names comments, trailing commas, single and typographic quotes, a cut-off file', () => {
    expect(firstError('{\n // mirror\n}')?.text.en).toContain('JSON has no comments');
    expect(firstError('{"dns": ["8.8.8.8",]}')?.text.en).toContain('no trailing comma');
    expect(firstError("{'mtu': 1400}")?.text.en).toContain('not single quotes');
    expect(firstError('{“mtu”: 1400}')?.text.zh).toContain('中文或排版引号');
    const cut = firstError('{"mtu": 1400');
    expect(cut?.text.en).toContain('ends too early');
    expect(cut?.text.en).toContain('`invalid JSON: unexpected end of JSON input`');
    expect(cut?.dockerd).toBe('unexpected EOF');
  });

  it('still checks the keys behind a syntax error', () => {
    expect(summary('{\n // note\n "mtu": "1500"\n}')).toEqual(['(json):error', 'mtu:error']);
  });

  it('a BOM stops only Engine 20.10', () => {
    const text = '\ufeff{"mtu": 1400}';
    expect(summary(text)).toEqual(['(json):warning']);
    expect(check(text, on2010).verdict).toBe('will-not-start');
    expect(check(text, { engine: '27.5.1' }).verdict).toBe('starts');
  });

  it('an empty file stops Engine 20.10 (EOF) and is fine from 23.0', () => {
    expect(firstError('', on2010)?.dockerd).toBe('EOF');
    expect(check('  \n', { engine: '24' }).verdict).toBe('starts');
    expect(check('').verdict).toBe('starts-with-warnings');
  });

  it('a second object is ignored by 20.10 and refused from 23.0', () => {
    const text = '{"mtu": 1400}\n{"debug": true}';
    expect(check(text, on2010).verdict).toBe('starts-with-warnings');
    expect(check(text, { engine: '23.0' }).verdict).toBe('will-not-start');
    expect(notes(text)[0]?.text.en).toContain("`invalid JSON: invalid character '{' after top-level value`");
  });

  it('the whole file must be an object', () => {
    expect(firstError('["mtu"]')?.dockerd).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(check('null').verdict).toBe('starts');
  });
});
