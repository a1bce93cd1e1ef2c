// Several sandbox engines behind one Sandbox (fake engines): placement by free capacity, member
// rules across engines, failover when an engine stops answering, the breaker taking it out and
// its probe bringing it back, and /networks naming the engine it lists.
import { describe, expect, it } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { IP_ADDR } from '../../src/demos/fixed-commands.ts';
import { combineSandboxes } from '../../src/docker/engines.ts';
import { LABEL_SCENARIO } from '../../src/docker/labels.ts';
import { LEASE } from '../../src/docker/owner.ts';
import { CooldownError, DemoAlreadyRunningError, DemoTimeoutError, EngineUnavailableError, SandboxUnavailableError } from '../../src/docker/errors.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import type { SandboxScenario } from '../../src/docker/scenario.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

// Sharing is off here: these tests are about separate runs (docker-coalesce.test.ts covers shared ones).
const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, poolSize: 0, shareWindowMs: 0, ...over });

class Gate {
  readonly waiting: (() => void)[] = [];
  wait = () => new Promise<void>((resolve) => this.waiting.push(resolve));
  releaseAll = () => this.waiting.splice(0).forEach((release) => release());
}

/** A one-container scenario; with a gate, it holds its slot until the test lets it go. */
function scenario(gate?: Gate, needsSwarmManager = false): SandboxScenario {
  return {
    name: 'probe',
    needsSwarmManager,
    async run(ctx) {
      const box = await ctx.startContainer('demo-probe', { role: 'probe', network: { kind: 'none' } });
      await gate?.wait();
      await ctx.run(box, IP_ADDR);
      return { done: true };
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function twoEngines(over: Partial<SandboxConfig> = {}) {
  const a = new FakeEngine();
  const b = new FakeEngine();
  const engineConfig = config({ ...over, userCooldownMs: 0 });
  const breaker = { probeIntervalMs: 20, maxProbeIntervalMs: 20 };
  const engines = [createSandbox({ name: 'a', engine: a, config: engineConfig, logger: silentLogger(), breaker }), createSandbox({ name: 'b', engine: b, config: engineConfig, logger: silentLogger(), breaker })];
  const sandbox = combineSandboxes({ engines, config: config(over), logger: silentLogger() });
  // Demo containers only: each engine also holds this process's owner lease.
  const demos = (engine: FakeEngine) => engine.created.filter((spec) => spec.Labels[LABEL_SCENARIO] !== LEASE).length;
  const created = () => [demos(a), demos(b)];
  return { a, b, sandbox, created };
}

describe('several sandbox engines', () => {
  it('places each demo on the engine with the most free capacity', async () => {
    const { sandbox, created } = twoEngines({ maxConcurrent: 2, queueSize: 4 });
    await sandbox.start();
    const gate = new Gate();
    const runs = ['u1', 'u2', 'u3', 'u4'].map((userId) => sandbox.runDemo(scenario(gate), { userId }));
    await until(() => gate.waiting.length === 4);
    expect(created()).toEqual([2, 2]);
    const fifth = sandbox.runDemo(scenario(gate), { userId: 'u5' }); // both full: it waits on one of them
    await until(() => sandbox.engines.some((e) => e.load().queued === 1));
    expect(sandbox.engines.map((e) => e.load().queued).sort()).toEqual([0, 1]);
    gate.releaseAll();
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    const results = await Promise.all([...runs, fifth]);
    const perEngine = ['a', 'b'].map((name) => results.filter((r) => r.engine === name).length);
    expect(perEngine).toEqual(created());
    expect([...perEngine].sort()).toEqual([2, 3]);
    await sandbox.shutdown();
  });

  it('keeps one demo per member and the cooldown across engines', async () => {
    const { sandbox } = twoEngines({ userCooldownMs: 60_000 });
    await sandbox.start();
    const gate = new Gate();
    const first = sandbox.runDemo(scenario(gate), { userId: 'u1' });
    await until(() => gate.waiting.length === 1);
    await expect(sandbox.runDemo(scenario(), { userId: 'u1' })).rejects.toBeInstanceOf(DemoAlreadyRunningError);
    gate.releaseAll();
    await first;
    await expect(sandbox.runDemo(scenario(), { userId: 'u1' })).rejects.toBeInstanceOf(CooldownError);
    await sandbox.shutdown();
  });

  it('runs a demo on another engine when its engine stops answering, takes that engine out, and brings it back once it answers', async () => {
    const { a, sandbox, created } = twoEngines();
    await sandbox.start();
    a.dead = true;
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await sandbox.runDemo(scenario(), { userId: `u${i}` }));
    expect(results.every((r) => r.engine === 'b' && r.checks['done'] === true)).toBe(true);
    const [engineA] = sandbox.engines;
    expect(engineA!.breaker().state).toBe('open');
    const callsWhileOut = a.calls.length;
    await sandbox.runDemo(scenario(), { userId: 'u-out' });
    expect(a.calls.length).toBe(callsWhileOut); // an engine that is out is not even tried
    a.dead = false;
    await until(() => engineA!.breaker().state === 'closed');
    const onA = created()[0]!;
    const after = await Promise.all([sandbox.runDemo(scenario(), { userId: 'v1' }), sandbox.runDemo(scenario(), { userId: 'v2' })]);
    expect(after.map((r) => r.engine).sort()).toEqual(['a', 'b']);
    expect(created()[0]).toBe(onA + 1);
    await sandbox.shutdown();
  });

  it('keeps the member’s deadline end to end when a demo moves to another engine', async () => {
    const { a, b, sandbox, created } = twoEngines({ deadlineMs: 3_000 });
    await sandbox.start();
    const timeLeft: number[] = [];
    // The first exec, wherever it runs, loses its engine after 600 ms; the retry's exec hangs.
    const handler = (engine: FakeEngine) => async (_container: unknown, _cmd: unknown, options: { timeoutMs: number }) => {
      timeLeft.push(options.timeoutMs);
      if (timeLeft.length > 1) return new Promise<never>(() => {});
      await new Promise((resolve) => setTimeout(resolve, 600));
      engine.dead = true;
      throw new EngineUnavailableError('unix:///fake.sock', 'exec: ECONNRESET (fake)');
    };
    a.onExec = handler(a);
    b.onExec = handler(b);
    const error = await sandbox.runDemo(scenario(), { userId: 'u1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoTimeoutError);
    expect(created()).toEqual([1, 1]); // it did move: one attempt on each engine
    expect(timeLeft).toHaveLength(2);
    // The retry's commands get what is left of the first attempt's 3 s, not a fresh 3 s.
    expect(timeLeft[0]).toBeGreaterThan(3_000 - 600);
    expect(timeLeft[1]).toBeLessThanOrEqual(3_000 - 600);
    a.dead = false;
    b.dead = false;
    await sandbox.shutdown();
  });

  it('does not move a demo whose deadline is nearly spent: the member hears why at once', async () => {
    const { a, b, sandbox, created } = twoEngines({ deadlineMs: 1_500 });
    await sandbox.start();
    const handler = (engine: FakeEngine) => async () => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      engine.dead = true;
      throw new EngineUnavailableError('unix:///fake.sock', 'exec: ECONNRESET (fake)');
    };
    a.onExec = handler(a);
    b.onExec = handler(b);
    const error = await sandbox.runDemo(scenario(), { userId: 'u1', deadlineAt: Date.now() + 1_200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect(created().reduce((x, y) => x + y)).toBe(1); // 400 ms left after the failure: no second attempt
    a.dead = false;
    b.dead = false;
    await sandbox.shutdown();
  });

  it('does not start a moved demo whose time ran out while it waited for the other engine', async () => {
    const { a, b, sandbox, created } = twoEngines({ deadlineMs: 4_000, maxConcurrent: 1 });
    await sandbox.start();
    const gate = new Gate();
    const held = sandbox.runDemo(scenario(gate), { userId: 'holder' }); // takes engine a's only slot
    await until(() => gate.waiting.length === 1);
    let execs = 0;
    const handler = (engine: FakeEngine) => async () => {
      if (execs++ > 0) return { stdout: '', stderr: '', exitCode: 0, truncated: false };
      await new Promise((resolve) => setTimeout(resolve, 600));
      engine.dead = true;
      throw new EngineUnavailableError('unix:///fake.sock', 'exec: ECONNRESET (fake)');
    };
    a.onExec = handler(a);
    b.onExec = handler(b);
    const started = Date.now();
    const moved = sandbox.runDemo(scenario(), { userId: 'u1' }).catch((e: unknown) => e);
    // The retry waits in a's queue; a frees its slot only when less than a second is left.
    await until(() => sandbox.engines[0]!.load().queued === 1);
    await until(() => Date.now() - started >= 3_100, 5_000);
    gate.releaseAll();
    expect(await moved).toBeInstanceOf(DemoTimeoutError);
    expect((await held).engine).toBe('a');
    expect(created()).toEqual([1, 1]); // the holder's container on a, the first attempt's on b: none for the retry
    b.dead = false;
    await sandbox.shutdown();
  });

  it('refuses at once, with the earliest retry, when every engine is out', async () => {
    const { a, b, sandbox } = twoEngines();
    a.dead = true;
    b.dead = true;
    const report = await sandbox.start();
    expect(report.ok).toBe(false);
    expect(report.engines.map((e) => [e.name, e.breaker.state])).toEqual([
      ['a', 'open'],
      ['b', 'open'],
    ]);
    const error = await sandbox.runDemo(scenario(), { userId: 'u1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxUnavailableError);
    expect((error as SandboxUnavailableError).retryAfterSec).toBe(1);
    await sandbox.shutdown();
  });

  it('counts demos placed in the same tick, so a burst is spread by the load it adds', async () => {
    const { a, sandbox, created } = twoEngines({ maxConcurrent: 2, queueSize: 4 });
    await sandbox.start();
    const gate = new Gate();
    const first = sandbox.runDemo(scenario(gate), { userId: 'u0' });
    await until(() => gate.waiting.length === 1);
    const busy = a.created.some((spec) => spec.Labels[LABEL_SCENARIO] === 'probe') ? 'a' : 'b';
    // One engine has one free slot, the other two: three demos asked at once take 1 + 2.
    const burst = ['u1', 'u2', 'u3'].map((userId) => sandbox.runDemo(scenario(gate), { userId }));
    await until(() => gate.waiting.length === 4);
    expect(created()).toEqual([2, 2]);
    expect(sandbox.engines.map((e) => e.load().queued)).toEqual([0, 0]);
    gate.releaseAll();
    const results = await Promise.all([first, ...burst]);
    expect(results.filter((r) => r.engine === busy)).toHaveLength(2);
    await sandbox.shutdown();
  });

  it('lists the networks of an engine that answers, naming it', async () => {
    const { a, sandbox } = twoEngines();
    a.dead = true;
    await sandbox.start();
    const listing = await sandbox.networks();
    expect(listing.engine).toBe('b');
    expect(listing.networks.map((n) => n.name)).toEqual(['bridge', 'host', 'none']);
    await sandbox.shutdown();
  });

  it('sends a scenario that needs a swarm manager to the engine that is one', async () => {
    const { b, sandbox, created } = twoEngines();
    b.swarmManager = true;
    await sandbox.start();
    expect(sandbox.swarmManager).toBe(true);
    for (let i = 0; i < 3; i++) expect((await sandbox.runDemo(scenario(undefined, true), { userId: `u${i}` })).engine).toBe('b');
    expect(created()).toEqual([0, 3]);
    await sandbox.shutdown();
  });
});
