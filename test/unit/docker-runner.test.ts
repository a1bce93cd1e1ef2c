import { describe, expect, it, vi } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { batchParts, FakeEngine } from './fakes/fake-engine.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import { DemoRun } from '../../src/docker/run.ts';
import { buildContainerSpec } from '../../src/docker/policy.ts';
import { IP_ADDR, IP_ROUTE } from '../../src/demos/fixed-commands.ts';
import type { SandboxScenario } from '../../src/docker/scenario.ts';
import { CooldownError, DemoAlreadyRunningError, DemoCommandFailedError, DemoTimeoutError, SandboxBusyError, SandboxClosedError } from '../../src/docker/errors.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, ...over });

/** Each run parks at the gate until the test lets it through. */
class Gate {
  readonly waiting: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  releaseOne(): void {
    this.waiting.shift()?.();
  }
  releaseAll(): void {
    this.waiting.splice(0).forEach((release) => release());
  }
}

function gatedScenario(gate: Gate): SandboxScenario {
  return {
    name: 'gated',
    async run(ctx) {
      const box = await ctx.startContainer('demo-gated', { role: 'gated', network: { kind: 'none' } });
      await gate.wait();
      await ctx.run(box, IP_ADDR);
      return { done: true };
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function setup(over: Partial<SandboxConfig> = {}, now?: () => number) {
  const engine = new FakeEngine();
  const gate = new Gate();
  const runner = new DemoRunner({ config: config(over), engine, logger: silentLogger(), ...(now ? { now } : {}) });
  return { engine, gate, runner, gated: gatedScenario(gate) };
}

describe('demo runner (fake engine)', () => {
  it('runs at most maxConcurrent demos, queues the rest with their positions and refuses beyond the queue', async () => {
    const { engine, gate, runner, gated } = setup({ maxConcurrent: 2, queueSize: 2 });
    const positions: Record<string, number[]> = { u3: [], u4: [] };
    const r1 = runner.run(gated, { userId: 'u1' });
    const r2 = runner.run(gated, { userId: 'u2' });
    const r3 = runner.run(gated, { userId: 'u3', onQueued: (p) => positions.u3!.push(p) });
    const r4 = runner.run(gated, { userId: 'u4', onQueued: (p) => positions.u4!.push(p) });
    await until(() => gate.waiting.length === 2);
    expect(runner.stats).toEqual({ running: 2, queued: 2 });
    expect(engine.containers.size).toBe(2);
    expect(positions).toEqual({ u3: [1], u4: [2] });

    const busy = await runner.run(gated, { userId: 'u5' }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(SandboxBusyError);
    expect((busy as SandboxBusyError).retryAfterSec).toBeGreaterThanOrEqual(1);

    gate.releaseOne();
    await r1;
    await until(() => gate.waiting.length === 2);
    expect(positions.u4).toEqual([2, 1]);
    expect(engine.containers.size).toBe(2);
    gate.releaseAll();
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    const results = await Promise.all([r2, r3, r4]);
    expect(results.map((r) => r.checks.done)).toEqual([true, true, true]);
    expect(results[1]!.timingsMs.queue).toBeGreaterThan(0);
    expect(engine.containers.size).toBe(0);
  });

  it('allows one running or queued demo per member', async () => {
    const { gate, runner, gated } = setup({ maxConcurrent: 1, queueSize: 4 });
    const first = runner.run(gated, { userId: 'alice' });
    await expect(runner.run(gated, { userId: 'alice' })).rejects.toBeInstanceOf(DemoAlreadyRunningError);
    const queued = runner.run(gated, { userId: 'bob' });
    await expect(runner.run(gated, { userId: 'bob' })).rejects.toBeInstanceOf(DemoAlreadyRunningError);
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    await first;
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    await queued;
  });

  it('applies a per-member cooldown after a demo ends', async () => {
    let now = 1_000_000;
    const { gate, runner, gated } = setup({ userCooldownMs: 10_000 }, () => now);
    const run = runner.run(gated, { userId: 'alice' });
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    await run;
    const cooling = await runner.run(gated, { userId: 'alice' }).catch((e: unknown) => e);
    expect(cooling).toBeInstanceOf(CooldownError);
    expect((cooling as CooldownError).retryAfterSec).toBe(10);
    now += 10_001;
    const again = runner.run(gated, { userId: 'alice' });
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    await expect(again).resolves.toMatchObject({ scenario: 'gated' });
  });

  it('kills and removes everything when the deadline passes, then throws DemoTimeoutError', async () => {
    vi.useFakeTimers();
    try {
      const { engine, runner, gated } = setup({ deadlineMs: 1_000 });
      const outcome = runner.run(gated, { userId: 'u' }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(999);
      expect(engine.containers.size).toBe(1); // parked at the gate, not yet timed out
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toBeInstanceOf(DemoTimeoutError);
      await runner.idle(); // removal goes on after the answer
      expect(engine.containers.size).toBe(0);
      expect(runner.stats).toEqual({ running: 0, queued: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers at the deadline whatever the engine does, and its cleanup holds the slot only for its budget', async () => {
    vi.useFakeTimers();
    try {
      const engine = new FakeEngine();
      engine.removeContainer = () => new Promise(() => undefined); // the engine hangs on every removal
      engine.listContainers = () => new Promise(() => undefined);
      const gate = new Gate();
      const runner = new DemoRunner({ config: config({ deadlineMs: 1_000, maxConcurrent: 1 }), engine, logger: silentLogger(), cleanupBudgetMs: 5_000 });
      const outcome = runner.run(gatedScenario(gate), { userId: 'u' }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await outcome).toBeInstanceOf(DemoTimeoutError); // answered, though nothing was removed
      expect(runner.stats.running).toBe(1); // the slot still counts the containers being removed
      const again = runner.run(gatedScenario(gate), { userId: 'u' }).catch((e: unknown) => e); // the member may ask again at once: queued behind the cleanup
      await vi.advanceTimersByTimeAsync(0);
      expect(runner.stats).toEqual({ running: 1, queued: 1 });
      await vi.advanceTimersByTimeAsync(5_000); // the budget is spent: the slot is free, the run counts as unclean
      expect(runner.stats).toEqual({ running: 1, queued: 0 });
      expect(runner.uncleanRunIds.size).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await again).toBeInstanceOf(DemoTimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failed demo before its containers are removed', async () => {
    const engine = new FakeEngine();
    let releaseRemoval!: () => void;
    const removal = new Promise<void>((resolve) => (releaseRemoval = resolve));
    const remove = engine.removeContainer.bind(engine);
    engine.removeContainer = async (id) => {
      await removal;
      return remove(id);
    };
    engine.onExec = () => ({ stdout: '', stderr: 'ip: boom', exitCode: 1, truncated: false });
    const failing: SandboxScenario = {
      name: 'failing',
      run: async (ctx) => {
        await ctx.run(await ctx.startContainer('demo-failing', { role: 'failing', network: { kind: 'none' } }), IP_ADDR);
        return {};
      },
    };
    const runner = new DemoRunner({ config: config(), engine, logger: silentLogger() });
    await expect(runner.run(failing, { userId: 'u' })).rejects.toBeInstanceOf(DemoCommandFailedError);
    expect(engine.containers.size).toBe(1); // still there: removal waits for the engine
    releaseRemoval();
    await runner.idle();
    expect(engine.containers.size).toBe(0);
  });

  it('removes a container whose create was still in flight at the deadline', async () => {
    const { engine, runner, gated } = setup({ deadlineMs: 1_000 });
    let finishCreate!: () => void;
    const created = new Promise<void>((resolve) => (finishCreate = resolve));
    const create = engine.createContainer.bind(engine);
    engine.createContainer = async (spec) => {
      await created; // still in flight when the deadline passes
      return create(spec);
    };
    await expect(runner.run(gated, { userId: 'u' })).rejects.toBeInstanceOf(DemoTimeoutError);
    expect(engine.calls).not.toContain('createContainer');
    finishCreate();
    await until(() => engine.calls.includes('createContainer'));
    await until(() => engine.calls.includes('removeContainer') && engine.containers.size === 0);
  });

  it('tolerates a failure only in the commands a batch names, and still fails on the others', async () => {
    const batchFailing = (failing: string) => (_container: unknown, cmd: readonly string[]) => ({
      // One part per command, as command-batch.ts prints them: the named command exits 1.
      stdout: batchParts(cmd[2] ?? '')
        .map((part) => `out\n__netlab_exit__ ${part.includes(failing) ? 1 : 0}\n`)
        .join(''),
      stderr: '',
      exitCode: 0,
      truncated: false,
    });
    const scenario: SandboxScenario = {
      name: 'batch',
      async run(ctx) {
        const box = await ctx.startContainer('demo-batch', { role: 'batch', network: { kind: 'none' } });
        const [addr, route] = await ctx.runAll(box, [IP_ADDR, IP_ROUTE], { allowFailure: [IP_ROUTE] });
        return { addr: addr.exitCode ?? -1, route: route.exitCode ?? -1 };
      },
    };
    const tolerant = setup();
    tolerant.engine.onExec = batchFailing('route');
    const result = await tolerant.runner.run(scenario, { userId: 'u' });
    expect(result.checks).toEqual({ addr: 0, route: 1 });
    const strict = setup();
    strict.engine.onExec = batchFailing("'addr'");
    const error = await strict.runner.run(scenario, { userId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoCommandFailedError);
    expect((error as DemoCommandFailedError).message).toContain('ip addr');
  });

  it('cleans up when a scenario fails and passes the error on', async () => {
    const engine = new FakeEngine();
    engine.onExec = () => ({ stdout: '', stderr: 'ip: boom', exitCode: 1, truncated: false });
    const failing: SandboxScenario = { name: 'failing', run: async (ctx) => {
      const box = await ctx.startContainer('demo-failing', { role: 'failing', network: { kind: 'none' } });
      await ctx.run(box, IP_ADDR);
      return {};
    } };
    const runner = new DemoRunner({ config: config(), engine, logger: silentLogger() });
    const error = await runner.run(failing, { userId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoCommandFailedError);
    expect((error as DemoCommandFailedError).stderr).toBe('ip: boom');
    await runner.idle();
    expect(engine.containers.size).toBe(0);
    expect(engine.calls).toContain('removeContainer');
  });

  it('lets a queued member leave the line through their signal', async () => {
    const { gate, runner, gated } = setup({ maxConcurrent: 1, queueSize: 4 });
    const running = runner.run(gated, { userId: 'a' });
    const controller = new AbortController();
    const leaving = runner.run(gated, { userId: 'b', signal: controller.signal });
    const positions: number[] = [];
    const staying = runner.run(gated, { userId: 'c', onQueued: (p) => positions.push(p) });
    controller.abort(new Error('member left'));
    await expect(leaving).rejects.toThrow('member left');
    expect(positions).toEqual([2, 1]);
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    await running;
    await until(() => gate.waiting.length === 1);
    gate.releaseAll();
    await staying;
  });

  it('shutdown cancels queued demos, stops running ones and refuses new ones', async () => {
    const { engine, gate, runner, gated } = setup({ maxConcurrent: 1, queueSize: 4 });
    const running = runner.run(gated, { userId: 'a' });
    const queued = runner.run(gated, { userId: 'b' });
    await until(() => gate.waiting.length === 1);
    await runner.shutdown();
    await expect(running).rejects.toBeInstanceOf(SandboxClosedError);
    await expect(queued).rejects.toBeInstanceOf(SandboxClosedError);
    await expect(runner.run(gated, { userId: 'c' })).rejects.toBeInstanceOf(SandboxClosedError);
    expect(engine.containers.size).toBe(0);
  });
});

describe('a demo run as a value', () => {
  it('removes its containers and networks on `await using`, even when the body throws, and stop() is idempotent', async () => {
    const engine = new FakeEngine();
    const identity = { runId: 'r1', scenario: 'none', expiresAt: Date.now() + 60_000 };
    let escaped: DemoRun | undefined;
    await expect(
      (async () => {
        await using run = new DemoRun(engine, silentLogger(), identity);
        escaped = run;
        const { id } = await engine.createContainer(buildContainerSpec(config(), { role: 'x', network: { kind: 'none' } }, identity));
        await run.adoptContainer(id);
        await run.adoptNetwork((await engine.createNetwork({ name: 'netlab-r1-net', driver: 'bridge', attachable: false, labels: {} })).id);
        throw new Error('assertion failed');
      })(),
    ).rejects.toThrow('assertion failed');
    expect(engine.containers.size).toBe(0);
    expect(engine.networks.size).toBe(0);
    await escaped!.stop();
    expect(escaped!.clean).toBe(true);
    // Anything adopted after stop is removed on arrival.
    const late = await engine.createContainer(buildContainerSpec(config(), { role: 'y', network: { kind: 'none' } }, identity));
    expect(await escaped!.adoptContainer(late.id)).toBe(false);
    expect(engine.containers.size).toBe(0);
  });
});
