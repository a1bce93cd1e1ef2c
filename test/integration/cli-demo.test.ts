// `netlab demo <scenario> --json` and `netlab networks --json` on the real engine: the result
// object's documented shape, and the p2p link that works.
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { managedResources, requireEngine } from './engine.ts';

let engine: Awaited<ReturnType<typeof requireEngine>>;

async function netlab(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: new Writable({ write: (c, _e, d) => ((out += String(c)), d()) }),
    stderr: new Writable({ write: (c, _e, d) => ((err += String(c)), d()) }),
    stdin: Readable.from([]),
    env: { LOG_LEVEL: 'silent' },
  });
  return { code, out, err };
}

beforeAll(async () => {
  engine = await requireEngine();
});

afterAll(async () => {
  expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
});

describe('netlab demo --json', () => {
  it('p2p prints a working link: 0% loss, each side only lo and its veth end', async () => {
    const { code, out, err } = await netlab(['demo', 'p2p', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['scenario', 'containers', 'checks', 'timingsMs']));
    expect(result.scenario).toBe('p2p');
    expect(result.checks.packetLoss).toBe(0);
    expect(result.containers).toHaveLength(2);
    for (const c of result.containers) {
      expect(c).toMatchObject({ name: expect.any(String), networkMode: 'none', outputs: { 'ip addr': expect.any(String) } });
      const interfaces = [...(c.outputs['ip addr'] as string).matchAll(/^\d+: ([^:@]+)/gm)].map((m) => m[1]);
      expect(interfaces).toHaveLength(2);
      expect(interfaces[0]).toBe('lo');
    }
  });

  it('prints an explained, human-readable result without --json', async () => {
    const { code, out } = await netlab(['demo', 'none', '--lang', 'en']);
    expect(code).toBe(0);
    expect(out).toContain('1: lo:');
    expect(out).toMatch(/loopback/i);
  });
});

describe('netlab networks --json', () => {
  it('lists the three default networks with their drivers, naming the engine', async () => {
    const { code, out } = await netlab(['networks', '--json']);
    expect(code).toBe(0);
    const listing = JSON.parse(out) as { engine: string; networks: { name: string; driver: string }[] };
    expect(listing.engine).toBe('local');
    const drivers = Object.fromEntries(listing.networks.map((r) => [r.name, r.driver]));
    expect(drivers).toMatchObject({ bridge: 'bridge', host: 'host', none: 'null' });
  });
});
