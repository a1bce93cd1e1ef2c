import { describe, expect, it } from 'vitest';
import { check, firstError, notes, on2010, only, summary } from './helpers/doctor.ts';

const UNKNOWN = "the following directives don't match any configuration option: ";

describe('daemon.json keys', () => {
  it('refuses an unknown key with dockerd’s words, and suggests the right one', () => {
    const note = firstError('{"registry-mirros": []}');
    expect(note?.dockerd).toBe(`${UNKNOWN}registry-mirros`);
    expect(note?.text.en).toContain('Did you mean `registry-mirrors`?');
    expect(firstError('{"Debug": true}')?.text.zh).toContain('应写成 `debug`');
    expect(firstError('{"auths": {"registry.example": {"auth": "eA=="}}}')?.text.en).toContain('~/.docker/config.json');
    expect(notes('{"auths": {}}')[0]?.text.en).toContain('~/.docker/config.json');
  });

  it('lists every unknown name in one message, as dockerd does', () => {
    expect(firstError('{"foo": 1, "bar": 2}')?.dockerd).toBe(`${UNKNOWN}bar, foo`);
  });

  it('reads the keys inside an object that is not one of dockerd’s whole-object options', () => {
    expect(firstError('{"default-address-pools": {"base": "10.10.0.0/16", "size": 24}}')?.dockerd).toBe(`${UNKNOWN}base, size`);
    expect(check('{"log-opts": {"max-size": "10m"}}').verdict).toBe('starts');
    expect(check('{"nothing": {"debug": true}}').verdict).toBe('starts-with-warnings');
  });

  it('says which releases know a new key', () => {
    const text = '{"host-gateway-ips": ["10.50.0.1"]}';
    expect(summary(text)).toEqual(['host-gateway-ips:warning']);
    expect(notes(text)[0]?.text.en).toContain('exists only in Engine 28.0 and later');
    expect(check(text, on2010).verdict).toBe('will-not-start');
    expect(check(text, { engine: '28.1' }).verdict).toBe('starts');
    expect(firstError('{"proxies": {"http-proxy": "http://p:3128"}}', on2010)?.dockerd).toBe(`${UNKNOWN}http-proxy`);
  });

  it('says which releases removed a deprecated key', () => {
    const text = '{"graph": "/data/docker"}';
    expect(check(text, on2010).verdict).toBe('starts-with-warnings');
    expect(check(text, { engine: '24.0' }).verdict).toBe('will-not-start');
    expect(notes(text)[0]?.text.en).toMatch(/deprecated since Engine 20\.10 and removed in 24\.0\. Use `data-root`/);
    expect(check('{"api-cors-header": "*"}', { engine: '27.0' }).verdict).toBe('starts-with-warnings');
    expect(check('{"api-cors-header": "*"}', { engine: '29.0' }).verdict).toBe('will-not-start');
  });

  it('warns that a flag’s own name is accepted but never read', () => {
    const mirror = only('{"registry-mirror": ["https://a.example"]}', 'registry-mirror', 'warning');
    expect(mirror[0]?.text.en).toContain('write `registry-mirrors`');
    expect(check('{"label": ["a=b"]}').verdict).toBe('starts-with-warnings');
  });

  it('notes a key that a newer release ignores', () => {
    const text = '{"allow-nondistributable-artifacts": ["r.example"]}';
    expect(check(text, on2010).verdict).toBe('starts');
    expect(summary(text, { engine: '28.2' })).toEqual(['allow-nondistributable-artifacts:warning', 'allow-nondistributable-artifacts:warning']);
  });

  it('warns about a repeated key', () => {
    expect(summary('{"mtu": 1400, "mtu": 1450}')).toEqual(['mtu:warning']);
  });
});
