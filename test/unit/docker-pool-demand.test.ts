// A warm pool that follows demand (fake engine, fake clock): recent requests per kind decide
// what is refilled while demos run and a slot is free; members waiting stop refills; a kind
// nobody asks for waits until the engine is idle; the pool size stays the bound per kind.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { IP_ADDR } from '../../src/demos/fixed-commands.ts';
import { ColdContainerSource } from '../../src/docker/container-source.ts';
import { LABEL_POOL } from '../../src/docker/labels.ts';
import { DEMAND_FLOOR_PER_SEC, DemandMeter } from '../../src/docker/pool/demand.ts';
import { WarmPool } from '../../src/docker/pool/pool.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import type { SandboxScenario } from '../../src/docker/scenario.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, ...over });

/** Lets every promise the in-memory engine has in flight settle (it uses no timers). */
const settled = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

class Gate {
  open!: () => void;
  readonly promise = new Promise<void>((resolve) => (this.open = resolve));
  reached!: () => void;
  readonly arrived = new Promise<void>((resolve) => (this.reached = resolve));
}

function gated(kind: 'bridge' | 'none', gate: Gate): SandboxScenario {
  return {
    name: `gated-${kind}`,
    async run(ctx) {
      const box = await ctx.startContainer(`demo-${kind}`, { role: kind, network: { kind } });
      gate.reached();
      await gate.promise;
      await ctx.run(box, IP_ADDR);
      return {};
    },
  };
}

function plain(kind: 'bridge' | 'none'): SandboxScenario {
  return {
    name: `plain-${kind}`,
    async run(ctx) {
      await ctx.run(await ctx.startContainer(`demo-${kind}`, { role: kind, network: { kind } }), IP_ADDR);
      return {};
    },
  };
}

function warm(over: Partial<SandboxConfig> = {}) {
  const engine = new FakeEngine();
  const cfg = config({ poolSize: 2, maxConcurrent: 4, hostScenario: false, ...over });
  const pool: WarmPool = new WarmPool({ engine, config: cfg, logger: silentLogger(), fallback: new ColdContainerSource(engine, cfg), pressure: () => runner.pressure });
  const runner: DemoRunner = new DemoRunner({ config: cfg, engine, logger: silentLogger(), source: pool, onSlotFree: () => pool.resume() });
  const ready = (kind: 'bridge' | 'none' | 'host') => pool.status().kinds[kind]?.ready ?? 0;
  const pooledAlive = () => [...engine.containers.values()].filter((c) => LABEL_POOL in c.spec.Labels).length;
  return { engine, pool, runner, ready, pooledAlive };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('demand per kind', () => {
  it('is an EWMA of the last minute: it rises with requests and decays without them', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const meter = new DemandMeter<'bridge' | 'none'>();
    expect(meter.target('bridge', 4)).toBe(0); // nobody asked: nothing kept while busy
    for (let i = 0; i < 60; i++) {
      meter.record('bridge'); // one a second for a minute
      vi.advanceTimersByTime(1_000);
    }
    expect(meter.ratePerSec('bridge')).toBeGreaterThan(0.6);
    expect(meter.ratePerSec('bridge')).toBeLessThan(1);
    expect(meter.target('bridge', 4)).toBe(2); // 1 + ceil(0.63 × 1.5 s)
    for (let i = 0; i < 240; i++) {
      meter.record('bridge'); // three more minutes: the rate nears 1/s
      vi.advanceTimersByTime(1_000);
    }
    expect(meter.target('bridge', 4)).toBe(3); // 1 + ceil(0.98 × 1.5 s)
    expect(meter.target('bridge', 2)).toBe(2); // never above the pool size
    expect(meter.target('none', 4)).toBe(0);
    vi.advanceTimersByTime(5 * 60_000); // five quiet minutes
    expect(meter.ratePerSec('bridge')).toBeLessThan(DEMAND_FLOOR_PER_SEC);
    expect(meter.target('bridge', 4)).toBe(0);
  });
});

describe('a warm pool that follows demand', () => {
  it('refills the kind members use while another demo still runs, when a slot is free', async () => {
    const { runner, pool, ready } = warm();
    pool.start();
    await pool.filled();
    const holding = new Gate();
    const running = runner.run(gated('bridge', holding), { userId: 'teacher' }); // keeps the engine busy
    await holding.arrived;
    await runner.run(plain('none'), { userId: 'a' }); // takes a pooled none container
    await runner.run(plain('none'), { userId: 'b' });
    await settled();
    expect(runner.pressure).toBe('headroom');
    // Both kinds asked for were restocked, one container at a time, while a demo still runs.
    expect([ready('none'), ready('bridge')]).toEqual([2, 2]);
    holding.open();
    await running;
    await runner.shutdown();
    await pool.drain();
  });

  it('does not refill while members wait for a slot, and restocks once one is free', async () => {
    const { engine, runner, pool, ready } = warm({ maxConcurrent: 1, poolSize: 1 });
    pool.start();
    await pool.filled();
    const first = new Gate();
    const a = runner.run(gated('none', first), { userId: 'a' });
    await first.arrived;
    const creates = () => engine.calls.filter((c) => c === 'createContainer').length;
    const before = creates();
    const second = new Gate();
    const b = runner.run(gated('none', second), { userId: 'b' }); // waits: one at a time
    await settled();
    expect(runner.pressure).toBe('saturated');
    first.open();
    await a;
    await second.arrived; // b runs cold; nobody waits, but its slot is the only one: still saturated
    await settled();
    expect(creates()).toBe(before + 1); // b's own container and no refill
    second.open();
    await b;
    await runner.idle();
    await pool.filled();
    expect(ready('none')).toBe(1);
    await runner.shutdown();
    await pool.drain();
  });

  it('leaves a kind nobody asks for until the engine is idle, and never exceeds the pool size', async () => {
    const { engine, runner, pool, ready, pooledAlive } = warm({ poolSize: 2, hostScenario: true });
    pool.start();
    await pool.filled();
    const hostBox = [...engine.containers.values()].find((c) => LABEL_POOL in c.spec.Labels && c.spec.HostConfig.NetworkMode === 'host')!;
    const holding = new Gate();
    const running = runner.run(gated('bridge', holding), { userId: 'teacher' });
    await holding.arrived;
    hostBox.running = false; // died behind the pool's back
    expect(await pool.audit()).toBe(1);
    await settled();
    expect(runner.pressure).toBe('headroom');
    expect(ready('host')).toBe(1); // nobody asked for host lately: no engine time for it while busy
    holding.open();
    await running;
    await runner.idle();
    await pool.filled(); // idle: every kind fills up again
    expect([ready('bridge'), ready('none'), ready('host')]).toEqual([2, 2, 2]);
    expect(pooledAlive()).toBe(6);
    await runner.shutdown();
    await pool.drain();
  });
});
