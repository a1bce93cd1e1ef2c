import { describe, expect, it } from 'vitest';
import { checkDaemonJson } from '../../src/doctor/index.ts';

describe('the doctor’s report', () => {
  it('serialises to exactly the CLI’s --json shape', () => {
    const report = checkDaemonJson('{"mtu": "1500", "registry-mirror": ["https://m.example"]}');
    const json = JSON.parse(JSON.stringify(report)) as unknown;
    expect(json).toEqual({
      verdict: 'will-not-start',
      problems: [
        { key: 'mtu', severity: 'error', message: expect.stringContaining('cannot unmarshal string into Go struct field Config.mtu of type int') },
        { key: 'registry-mirror', severity: 'warning', message: expect.stringContaining('write `registry-mirrors`') },
      ],
    });
    expect(Object.keys((json as { problems: object[] }).problems[0] as object)).toEqual(['key', 'severity', 'message']);
  });

  it('says starts, starts with warnings or will not start', () => {
    expect(checkDaemonJson('{"mtu": 1450}').verdict).toBe('starts');
    expect(checkDaemonJson('{"dns": ["127.0.0.53"]}').verdict).toBe('starts-with-warnings');
    expect(checkDaemonJson('{"foo": 1}').verdict).toBe('will-not-start');
    expect(checkDaemonJson('{"insecure-registries": ["http://10.0.0.5:5000"]}').verdict).toBe('starts');
  });

  it('weighs for the member’s Engine when given, for every release otherwise', () => {
    const text = '{"ipv6": true}';
    expect(checkDaemonJson(text).detail.engine).toEqual({ from: '20.10', to: '29.7' });
    expect(checkDaemonJson(text, { engine: '20.10.24+dfsg1' }).verdict).toBe('will-not-start');
    expect(checkDaemonJson(text, { engine: 'v28.5.2' }).verdict).toBe('starts');
    expect(checkDaemonJson(text, { engine: '27' }).detail.engine).toEqual({ from: '27.0', to: '27.5' });
    expect(checkDaemonJson(text, { engine: '19.03' }).detail).toMatchObject({ unknownEngine: true, engine: { from: '20.10', to: '29.7' } });
  });

  it('lists errors first, in the order dockerd meets them', () => {
    const report = checkDaemonJson('{"dns": ["1.1.1.1:53"], "bip": "10.0.0.1", "registry-mirrors": ["m.example"], "mtu": "x", "hosts": []}');
    expect(report.problems.map((p) => `${p.key}:${p.severity}`)).toEqual(['mtu:error', 'dns:error', 'registry-mirrors:error', 'bip:error', 'hosts:warning']);
  });

  it('keeps one error per key when a later stage would repeat it', () => {
    expect(checkDaemonJson('{"default-address-pools": {"base": "10.0.0.0/16", "size": 24}}').problems).toHaveLength(1);
  });

  it('explains every key of the file, once, in both languages', () => {
    const keys = checkDaemonJson('{"bip": "10.50.0.1/24", "foo": 1, "registry-mirror": [], "bip": "10.50.0.1/24", "bip6": ""}').detail.keys;
    expect(keys.map((k) => [k.key, k.known])).toEqual([['bip', true], ['foo', false], ['registry-mirror', false], ['bip6', true]]);
    expect(keys[3]?.text.en).toContain('(Engine 28.0 and later.)');
    for (const k of keys) expect(k.text.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
