// How fast one member may go, on a fake clock: bursts then a steady pace, per member; a
// classmate pinged at most once per cooldown per server; /networks asks the engine once for
// everyone pressing it at the same time.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { listNetworks, NETWORKS_CACHE_MS } from '../../src/demos/run-demo.ts';
import { MentionCooldown, TokenBuckets } from '../../src/discord/rate-limit.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

describe('token buckets', () => {
  it('allow a burst, then one per refill interval, per member', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillMs: 1_000 }, () => now);
    expect([1, 2, 3, 4].map(() => buckets.take('a'))).toEqual([0, 0, 0, 1]);
    expect(buckets.take('b')).toBe(0); // another member has a full bucket
    now += 999;
    expect(buckets.take('a')).toBe(1);
    now += 1;
    expect(buckets.take('a')).toBe(0);
    now += 10_000; // a quiet member is back to a full burst, never more
    expect([1, 2, 3, 4].map(() => buckets.take('a'))).toEqual([0, 0, 0, 1]);
  });
});

describe('mention cooldown', () => {
  it('pings a classmate at most once per cooldown in one server', () => {
    let now = 0;
    const mentions = new MentionCooldown(60_000, () => now);
    expect(mentions.mayPing('g1', 'u1')).toBe(true);
    expect(mentions.mayPing('g1', 'u1')).toBe(false);
    expect(mentions.mayPing('g2', 'u1')).toBe(true); // another server
    expect(mentions.mayPing('g1', 'u2')).toBe(true); // another classmate
    now += 60_000;
    expect(mentions.mayPing('g1', 'u1')).toBe(true);
  });
});

describe('/networks under load', () => {
  it('asks the engine once for 500 presses at the same time, and again only after the cache time', async () => {
    let now = 0;
    const engine = new FakeEngine();
    const sandbox = createSandbox({ config: loadConfig({}).sandbox, logger: silentLogger(), engine });
    const lists = () => engine.calls.filter((c) => c === 'listNetworks').length;
    const answers = await Promise.all(Array.from({ length: 500 }, () => listNetworks(sandbox, () => now)));
    expect(answers.every((listing) => listing.networks.some((r) => r.name === 'bridge'))).toBe(true);
    expect(lists()).toBe(1);
    now += NETWORKS_CACHE_MS - 1;
    await listNetworks(sandbox, () => now);
    expect(lists()).toBe(1);
    now += 1;
    await listNetworks(sandbox, () => now);
    expect(lists()).toBe(2);
  });

  it('does not keep a failure: the next press asks the engine again', async () => {
    const engine = new FakeEngine();
    const sandbox = createSandbox({ config: loadConfig({}).sandbox, logger: silentLogger(), engine });
    engine.dead = true;
    await expect(listNetworks(sandbox)).rejects.toMatchObject({ id: 'engine-unavailable' });
    engine.dead = false;
    const listing = await listNetworks(sandbox);
    expect(listing.networks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'bridge' })]));
  });
});
