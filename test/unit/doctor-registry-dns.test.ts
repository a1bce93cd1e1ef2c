import { describe, expect, it } from 'vitest';
import { check, firstError, notes, on2010, summary } from './helpers/doctor.ts';

describe('registry mirrors', () => {
  it('needs a scheme', () => {
    const note = firstError('{"registry-mirrors": ["docker.m.daocloud.io"]}');
    expect(note?.dockerd).toBe('invalid mirror: unsupported scheme "" in "docker.m.daocloud.io"');
    expect(note?.text.zh).toContain('必须以 `https://`');
    expect(firstError('{"registry-mirrors": ["mirror.example:5000"]}')?.dockerd).toBe('invalid mirror: unsupported scheme "mirror.example" in "mirror.example:5000"');
    expect(firstError('{"registry-mirrors": ["192.168.1.10:5000"]}')?.dockerd).toBe('invalid mirror: "192.168.1.10:5000" is not a valid URI');
  });

  it('refuses a path before 24.0, a query or a password everywhere', () => {
    const path = '{"registry-mirrors": ["https://registry.example.com/v2/"]}';
    expect(firstError(path, on2010)?.dockerd).toBe('invalid mirror: path, query, or fragment at end of the URI "https://registry.example.com/v2/"');
    expect(check(path, { engine: '24.0' }).verdict).toBe('starts');
    expect(check('{"registry-mirrors": ["https://m.example/?x=1"]}').verdict).toBe('will-not-start');
    expect(firstError('{"registry-mirrors": ["https://me:secret@m.example"]}')?.dockerd).toBe('invalid mirror: username/password not allowed in URI "https://me:xxxxx@m.example"');
  });

  it('refuses a stray space and accepts a trailing slash', () => {
    expect(firstError('{"registry-mirrors": ["https://m.example "]}')?.text.en).toContain('contains a space');
    expect(summary('{"registry-mirrors": ["https://m.example/", "http://10.0.0.5:5000"]}')).toEqual([]);
  });

  it('warns about a placeholder left in from a guide', () => {
    expect(summary('{"registry-mirrors": ["https://<your-id>.mirror.aliyuncs.com"]}')).toEqual(['registry-mirrors:warning']);
    expect(summary('{"registry-mirrors": ["https://xxxx.mirror.aliyuncs.com"]}')).toEqual(['registry-mirrors:warning']);
  });
});

describe('insecure registries', () => {
  it('refuses a path, a bad port, another scheme and hyphens at the ends', () => {
    expect(firstError('{"insecure-registries": ["192.168.1.10:5000/v2"]}')?.dockerd).toBe(
      'insecure registry 192.168.1.10:5000/v2 is not valid: strconv.Atoi: parsing "5000/v2": invalid syntax',
    );
    expect(firstError('{"insecure-registries": ["reg.lan:70000"]}')?.dockerd).toBe('insecure registry reg.lan:70000 is not valid: invalid port "70000"');
    expect(firstError('{"insecure-registries": ["ftp://reg.lan"]}')?.dockerd).toBe("insecure registry ftp://reg.lan should not contain '://'");
    expect(firstError('{"insecure-registries": ["-reg"]}')?.dockerd).toBe('invalid index name (-reg). Cannot begin or end with a hyphen');
  });

  it('notes that dockerd strips http://, and accepts CIDRs', () => {
    expect(summary('{"insecure-registries": ["http://192.168.1.10:5000"]}')).toEqual(['insecure-registries:info']);
    expect(check('{"insecure-registries": ["http://192.168.1.10:5000", "10.0.0.0/8"]}').verdict).toBe('starts');
  });
});

describe('dns', () => {
  it('refuses anything but IP addresses, in dockerd’s words', () => {
    const port = firstError('{"dns": ["8.8.8.8:53"]}');
    expect(port?.dockerd).toBe('configuration validation from file failed: 8.8.8.8:53 is not an ip address');
    expect(port?.text.en).toContain('without a port');
    expect(firstError('{"dns": ["dns.google"]}')?.text.en).toContain('not a host name');
    expect(summary('{"dns": ["223.5.5.5", "2001:4860:4860::8888", " 8.8.4.4"]}')).toEqual([]);
  });

  it('warns about a loopback resolver', () => {
    expect(summary('{"dns": ["127.0.0.53"]}')).toEqual(['dns:warning']);
    expect(notes('{"dns": ["::1"]}')[0]?.text.zh).toContain('回环地址');
  });
});
