import { describe, expect, it } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { ColdContainerSource } from '../../src/docker/container-source.ts';
import { scenarioNamed } from '../../src/demos/registry.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { LABEL_POOL } from '../../src/docker/labels.ts';
import { buildContainerSpec } from '../../src/docker/policy.ts';
import { POOL_MAX_AGE_MS, WarmPool } from '../../src/docker/pool/pool.ts';
import { DemoRun } from '../../src/docker/run.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import { SandboxClosedError } from '../../src/docker/errors.ts';
import { IP_ADDR } from '../../src/demos/fixed-commands.ts';
import type { SandboxScenario } from '../../src/docker/scenario.ts';
import { FakeEngine, type FakeContainer } from './fakes/fake-engine.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, poolSize: 2, ...over });
const isPooled = (c: FakeContainer) => LABEL_POOL in c.spec.Labels;
const pooled = (engine: FakeEngine, network?: string) => [...engine.containers.values()].filter((c) => isPooled(c) && (!network || c.spec.HostConfig.NetworkMode === network));
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await delay(2);
  }
}

/** An engine that remembers which container each exec ran in. */
function recordingEngine(): { engine: FakeEngine; used: FakeContainer[] } {
  const engine = new FakeEngine();
  const used: FakeContainer[] = [];
  const answer = engine.onExec;
  engine.onExec = (container, cmd, options) => {
    used.push({ ...container }); // as it was when the demo used it
    return answer(container, cmd, options);
  };
  return { engine, used };
}

async function warmSandbox(over: Partial<SandboxConfig> = {}) {
  const { engine, used } = recordingEngine();
  const sandbox = createSandbox({ config: config(over), logger: silentLogger(), engine });
  await sandbox.start();
  await sandbox.poolReady();
  const idle = async () => (await sandbox.status()).demos.running === 0;
  return { engine, used, sandbox, idle };
}

class Gate {
  open!: () => void;
  readonly promise = new Promise<void>((resolve) => (this.open = resolve));
  /** Resolves once a run holds its container and waits here. */
  reached!: () => void;
  readonly arrived = new Promise<void>((resolve) => (this.reached = resolve));
}

/** A none-mode scenario that holds its container until the test opens the gate. */
function gatedScenario(gate: Promise<void> | Gate): SandboxScenario {
  return {
    name: 'gated',
    async run(ctx) {
      const box = await ctx.startContainer('demo-gated', { role: 'gated', network: { kind: 'none' } });
      if (gate instanceof Gate) gate.reached();
      await (gate instanceof Gate ? gate.promise : gate);
      await ctx.run(box, IP_ADDR);
      return {};
    },
  };
}

/** Lets every promise the in-memory engine has in flight settle (it uses no timers). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('warm pool (fake engine)', () => {
  it('hands each pre-started container to exactly one demo, removes it after, and refills in the background', async () => {
    const { engine, used, sandbox, idle } = await warmSandbox();
    expect(pooled(engine)).toHaveLength(6); // 2 × bridge, none, host
    expect((await sandbox.status()).pool).toEqual({ size: 2, kinds: { bridge: { ready: 2, creating: 0 }, none: { ready: 2, creating: 0 }, host: { ready: 2, creating: 0 } } });
    const before = new Set(pooled(engine, 'bridge').map((c) => c.id));

    const callsBefore = engine.calls.length;
    await sandbox.runDemo(scenarioNamed('bridge'), { userId: 'a' });
    const during = engine.calls.slice(callsBefore);
    expect(during.slice(0, during.lastIndexOf('feedScript'))).not.toContain('createContainer'); // the refill waits for the answer
    const first = used.at(-1)!;
    expect(before.has(first.id)).toBe(true);
    expect(first.running).toBe(true); // started before the demo asked for it

    await until(idle);
    await sandbox.poolReady();
    expect(engine.containers.has(first.id)).toBe(false);
    expect(pooled(engine, 'bridge')).toHaveLength(2);

    await sandbox.runDemo(scenarioNamed('bridge'), { userId: 'b' });
    expect(used.at(-1)!.id).not.toBe(first.id);
    expect(isPooled(used.at(-1)!)).toBe(true);
    await sandbox.shutdown();
  });

  it('builds pooled containers with the same policy as cold ones: only name, labels and wait time differ', async () => {
    const { engine, sandbox } = await warmSandbox();
    for (const box of pooled(engine)) {
      const kind = box.spec.HostConfig.NetworkMode as 'bridge' | 'none' | 'host';
      const cold = buildContainerSpec(config(), { role: kind, network: { kind } }, { runId: 'r', scenario: kind, expiresAt: Date.now() + 60_000 });
      const strip = ({ name: _n, Labels: _l, Cmd: _c, ...rest }: typeof cold) => rest;
      expect(strip(box.spec)).toEqual(strip(cold));
      expect(box.spec.Labels).toMatchObject({ 'netlab.managed': 'true', 'netlab.scenario': 'pool', 'netlab.role': kind, 'netlab.pool': expect.stringMatching(/^[0-9a-f]{10}$/) });
    }
    await sandbox.shutdown();
  });

  it('serves the container scenario’s target from the bridge pool and creates the joined one cold', async () => {
    const { used, sandbox } = await warmSandbox();
    await sandbox.runDemo(scenarioNamed('container'), { userId: 'a' });
    const joined = used.find((c) => c.spec.HostConfig.NetworkMode.startsWith('container:'));
    const target = used.find((c) => c.spec.HostConfig.NetworkMode === 'bridge');
    expect(isPooled(target!)).toBe(true);
    expect(isPooled(joined!)).toBe(false);
    expect(joined!.spec.HostConfig.NetworkMode).toBe(`container:${target!.id}`);
    await sandbox.shutdown();
  });

  it('falls back to cold creation when its kind is empty', async () => {
    const { engine, used } = recordingEngine();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const cfg = config({ poolSize: 1 });
    const pool = new WarmPool({ engine, config: cfg, logger: silentLogger(), fallback: new ColdContainerSource(engine, cfg) });
    pool.start();
    await pool.filled();
    const runner = new DemoRunner({ config: cfg, engine, logger: silentLogger(), source: pool });
    const runs = [runner.run(gatedScenario(gate), { userId: 'a' }), runner.run(gatedScenario(gate), { userId: 'b' })];
    await until(() => engine.containers.size === 4); // 3 pooled (one now taken) + 1 cold
    open();
    await Promise.all(runs);
    expect(used.map(isPooled).sort()).toEqual([false, true]);
    await runner.shutdown();
    await pool.drain();
    expect(engine.containers.size).toBe(0);
  });

  it('holds refills while demos run or wait, and restocks once the last one is cleaned up', async () => {
    const { engine, used } = recordingEngine();
    const gates = [new Gate(), new Gate()];
    const cfg = config({ poolSize: 1, hostScenario: false, maxConcurrent: 1 });
    const pool = new WarmPool({ engine, config: cfg, logger: silentLogger(), fallback: new ColdContainerSource(engine, cfg), pressure: () => runner.pressure });
    const runner: DemoRunner = new DemoRunner({ config: cfg, engine, logger: silentLogger(), source: pool, onSlotFree: () => pool.resume() });
    pool.start();
    await pool.filled();
    const creates = () => engine.calls.filter((c) => c === 'createContainer').length;
    const before = creates(); // bridge + none
    const first = runner.run(gatedScenario(gates[0]!), { userId: 'a' }); // takes the pooled none container
    const second = runner.run(gatedScenario(gates[1]!), { userId: 'b' }); // waits: one demo at a time
    await until(() => runner.stats.queued === 1);
    gates[0]!.open();
    await first;
    await gates[1]!.arrived; // the second demo runs now, cold: the first one's cleanup (and any refill it would start) is over
    await settled();
    expect(creates()).toBe(before + 1); // the second demo's own container; no refill meanwhile
    expect(pool.status().kinds.none).toEqual({ ready: 0, creating: 0 });
    gates[1]!.open();
    await second;
    expect(used.map(isPooled)).toEqual([true, false]); // the queued demo went cold: no refill raced it
    await runner.idle();
    await pool.filled(); // idle now: the pool restocks
    expect(creates()).toBe(before + 2);
    expect(pool.status().kinds.none).toEqual({ ready: 1, creating: 0 });
    await runner.shutdown();
    await pool.drain();
    expect(engine.containers.size).toBe(0);
  });

  it('falls back to cold creation when a pooled container is gone, and replaces it', async () => {
    const { engine, used, sandbox } = await warmSandbox({ poolSize: 1 });
    const [gone] = pooled(engine, 'none');
    engine.containers.delete(gone!.id); // as if `netlab sandbox reap --all` ran elsewhere
    const result = await sandbox.runDemo(scenarioNamed('none'), { userId: 'a' });
    expect(result.checks).toEqual({ onlyLo: true });
    expect(isPooled(used.at(-1)!)).toBe(false);
    await sandbox.poolReady();
    expect(pooled(engine, 'none')).toHaveLength(1);
    await sandbox.shutdown();
  });

  it('never hands out a container whose start failed; demos go cold until the engine recovers', async () => {
    const engine = new FakeEngine();
    const start = engine.startContainer.bind(engine);
    let failing = true;
    let failures = 0;
    engine.startContainer = async (id) => {
      if (!failing || !isPooled(engine.containers.get(id)!)) return start(id);
      failures++;
      throw new Error('start failed (fake)');
    };
    const sandbox = createSandbox({ config: config({ poolSize: 1 }), logger: silentLogger(), engine });
    await sandbox.start();
    await until(() => failures === 3);
    await sandbox.runDemo(scenarioNamed('none'), { userId: 'a' });
    expect(pooled(engine)).toEqual([]); // the failed ones were removed, none handed out
    failing = false;
    await sandbox.poolReady(); // after the back-off (1 s)
    expect(pooled(engine)).toHaveLength(3);
    await sandbox.shutdown();
  });

  it('is off at size 0: every demo is created cold and start-up creates nothing but the owner lease', async () => {
    const { engine, used, sandbox } = await warmSandbox({ poolSize: 0 });
    expect([...engine.containers.values()].map((c) => c.spec.Labels['netlab.scenario'])).toEqual(['lease']);
    expect((await sandbox.status()).pool.size).toBe(0);
    await sandbox.runDemo(scenarioNamed('bridge'), { userId: 'a' });
    expect(isPooled(used[0]!)).toBe(false);
    await sandbox.shutdown();
  });

  it('keeps no host containers when the organiser switched the host scenario off', async () => {
    const { engine, sandbox } = await warmSandbox({ hostScenario: false });
    expect(pooled(engine).map((c) => c.spec.HostConfig.NetworkMode).sort()).toEqual(['bridge', 'bridge', 'none', 'none']);
    expect(Object.keys((await sandbox.status()).pool.kinds)).toEqual(['bridge', 'none']);
    await sandbox.shutdown();
  });

  it('drains on shutdown, including a creation still in flight', async () => {
    const engine = new FakeEngine();
    const create = engine.createContainer.bind(engine);
    const inFlight = new Gate();
    engine.createContainer = async (spec) => {
      if (spec.Labels['netlab.scenario'] === 'pool') await inFlight.promise;
      return create(spec);
    };
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    await sandbox.start(); // one creation per kind starts and waits at the gate
    const shutdown = sandbox.shutdown();
    inFlight.open(); // the creations finish after the pool closed
    await shutdown;
    expect(engine.created.filter((spec) => spec.Labels['netlab.scenario'] === 'pool')).toHaveLength(3);
    await until(() => engine.containers.size === 0); // each was removed on arrival
    await sandbox.poolReady(); // resolves: a closed pool fills no more
  });

  it('replaces containers older than the maximum age; each waits through its time in the pool plus one deadline', async () => {
    const engine = new FakeEngine();
    const cfg = config({ poolSize: 1, hostScenario: false, deadlineMs: 1_000 });
    const pool = new WarmPool({ engine, config: cfg, logger: silentLogger(), fallback: new ColdContainerSource(engine, cfg), maxAgeMs: 150 });
    pool.start();
    await pool.filled();
    const first = pooled(engine);
    for (const box of first) {
      expect(Number(box.spec.Cmd[0]) * 1_000).toBeGreaterThanOrEqual(150 + 1_000);
      expect(Number(box.spec.Labels['netlab.expires'])).toBeGreaterThanOrEqual(Date.now() + 1_000);
    }
    await until(() => first.every((c) => !engine.containers.has(c.id)) && pooled(engine).length === 2);
    await pool.drain();
    expect(engine.containers.size).toBe(0);
  });

  it('replaces waiting containers that died behind its back (an engine restart), found by its audit', async () => {
    const engine = new FakeEngine();
    const cfg = config({ poolSize: 2, hostScenario: false });
    const pool = new WarmPool({ engine, config: cfg, logger: silentLogger(), fallback: new ColdContainerSource(engine, cfg) });
    pool.start();
    await pool.filled();
    const before = pooled(engine).map((c) => c.id);
    for (const c of pooled(engine).slice(0, 3)) c.running = false; // exited when the engine restarted
    expect(await pool.audit()).toBe(3);
    await until(() => pooled(engine).filter((c) => c.running).length === 4 && pooled(engine).length === 4);
    const after = pooled(engine).map((c) => c.id);
    expect(after.filter((id) => before.includes(id))).toHaveLength(1); // the one that lived stays
    expect(await pool.audit()).toBe(0);
    await pool.drain();
  });

  it('never hands out an aged container even before its timer fired', async () => {
    const engine = new FakeEngine();
    let now = Date.now();
    const cfg = config({ poolSize: 1, hostScenario: false });
    const pool = new WarmPool({ engine, config: cfg, logger: silentLogger(), fallback: new ColdContainerSource(engine, cfg), now: () => now });
    pool.start();
    await pool.filled();
    const [aged] = pooled(engine, 'none');
    now += POOL_MAX_AGE_MS + 1;
    const run = new DemoRun(engine, silentLogger(), { runId: 'r1', scenario: 'none', expiresAt: now + 60_000 });
    const { id } = await pool.acquire({ role: 'none', network: { kind: 'none' } }, run, new AbortController().signal);
    expect(id).not.toBe(aged!.id);
    expect(isPooled(engine.containers.get(id)!)).toBe(false);
    await until(() => !engine.containers.has(aged!.id));
    await run.stop();
    await pool.drain();
  });

  it('counts its containers as alive for the reaper, even with all: true', async () => {
    const { engine, sandbox } = await warmSandbox();
    expect(await sandbox.reap({ all: true })).toEqual({ containers: 0, networks: 0 });
    expect(pooled(engine)).toHaveLength(6);
    await sandbox.shutdown();
  });

  it('never has more containers alive than maxConcurrent × containers per demo + pool size × kinds', async () => {
    const engine = new FakeEngine();
    const [create, exec] = [engine.createContainer.bind(engine), engine.exec.bind(engine)];
    engine.createContainer = async (spec) => {
      await delay(3);
      return create(spec);
    };
    engine.exec = async (id, cmd, options) => {
      await delay(5);
      return exec(id, cmd, options);
    };
    const sandbox = createSandbox({ config: config({ maxConcurrent: 2, queueSize: 32, poolSize: 2 }), logger: silentLogger(), engine });
    await sandbox.start();
    await sandbox.poolReady();
    const names = ['bridge', 'none', 'host', 'container'] as const;
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => sandbox.runDemo(scenarioNamed(names[i % names.length]!), { userId: `m${i}` })));
    expect(results).toHaveLength(24);
    expect(engine.peakContainers).toBeLessThanOrEqual(2 * 2 + 2 * 3);
    await sandbox.shutdown();
    expect(engine.containers.size).toBe(0);
  });
});

/** A fake engine whose container removals wait until `release()` is called. */
function engineWithGatedRemoval(): { engine: FakeEngine; release: () => void } {
  const engine = new FakeEngine();
  const remove = engine.removeContainer.bind(engine);
  let release!: () => void;
  const removal = new Promise<void>((resolve) => (release = resolve));
  engine.removeContainer = async (id) => {
    await removal;
    return remove(id);
  };
  return { engine, release };
}

describe('answering before cleanup', () => {
  it('resolves while the containers are still being removed, keeps the slot until they are gone, and shutdown waits', async () => {
    const { engine, release } = engineWithGatedRemoval();
    const runner = new DemoRunner({ config: config({ maxConcurrent: 1 }), engine, logger: silentLogger() });
    const gated = gatedScenario(Promise.resolve());

    const result = await runner.run(gated, { userId: 'a' });
    expect(Object.keys(result.timingsMs)).toEqual(['queue', 'create', 'run', 'total']);
    expect(engine.containers.size).toBe(1); // still being removed
    expect(runner.stats.running).toBe(1); // and still counted
    const positions: number[] = [];
    const next = runner.run(gated, { userId: 'b', onQueued: (p) => positions.push(p) }).catch((e: unknown) => e);
    expect(positions).toEqual([1]);

    let shutDown = false;
    const shutdown = runner.shutdown().then(() => (shutDown = true));
    await settled();
    expect(shutDown).toBe(false); // everything else has settled; the removal still holds it
    release();
    await shutdown;
    expect(await next).toBeInstanceOf(SandboxClosedError); // queued behind the cleanup, then shut down
    expect(engine.containers.size).toBe(0);
  });

  it('lets the member ask again (after the cooldown) while their containers are still being removed', async () => {
    const { engine, release } = engineWithGatedRemoval();
    const runner = new DemoRunner({ config: config({ maxConcurrent: 2 }), engine, logger: silentLogger() });
    const gated = gatedScenario(Promise.resolve());
    await runner.run(gated, { userId: 'a' });
    const again = runner.run(gated, { userId: 'a' });
    release();
    await expect(again).resolves.toMatchObject({ scenario: 'gated' });
    await runner.shutdown();
  });
});
