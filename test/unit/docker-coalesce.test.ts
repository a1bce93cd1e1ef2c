// Shared live runs (coalesce.ts) at the sandbox interface, on the fake engine: members asking for
// the same scenario at once share one real run and each get its output; a later ask gets a fresh
// run; the member rules still hold for each member; the engine's limits count runs, not members.
import { describe, expect, it } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { IP_ADDR } from '../../src/demos/fixed-commands.ts';
import { presentDemo } from '../../src/demos/present.ts';
import { RunCoalescer } from '../../src/docker/coalesce.ts';
import { combineSandboxes } from '../../src/docker/engines.ts';
import { CooldownError, DemoAlreadyRunningError, SandboxBusyError } from '../../src/docker/errors.ts';
import { LABEL_SCENARIO } from '../../src/docker/labels.ts';
import { LEASE } from '../../src/docker/owner.ts';
import type { DemoResult } from '../../src/docker/result.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import type { SandboxScenario } from '../../src/docker/scenario.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, poolSize: 0, shareWindowMs: 1_500, ...over });

class Gate {
  readonly waiting: (() => void)[] = [];
  wait = () => new Promise<void>((resolve) => this.waiting.push(resolve));
  releaseAll = () => this.waiting.splice(0).forEach((release) => release());
}

function scenario(name: string, gate?: Gate): SandboxScenario {
  return {
    name,
    async run(ctx) {
      const box = await ctx.startContainer(`demo-${name}`, { role: name, network: { kind: 'none' } });
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

function oneEngine(over: Partial<SandboxConfig> = {}) {
  const engine = new FakeEngine();
  const engines = [createSandbox({ name: 'a', engine, config: config({ ...over, userCooldownMs: 0 }), logger: silentLogger() })];
  const sandbox = combineSandboxes({ engines, config: config(over), logger: silentLogger() });
  const demoContainers = () => engine.created.filter((spec) => spec.Labels[LABEL_SCENARIO] !== LEASE).length;
  return { engine, sandbox, demoContainers };
}

describe('shared live runs', () => {
  it('gives every member who asks while a run is going that run’s real output, labelled with their classmates', async () => {
    const { engine, sandbox, demoContainers } = oneEngine();
    engine.outputs['ip addr'] = '1: lo: <LOOPBACK,UP>\n    inet 127.0.0.1/8 scope host lo\n';
    await sandbox.start();
    const gate = new Gate();
    const bridge = scenario('bridge', gate);
    const first = sandbox.runDemo(bridge, { userId: 'u0' });
    await until(() => gate.waiting.length === 1);
    const others = ['u1', 'u2', 'u3', 'u4'].map((userId) => sandbox.runDemo(bridge, { userId }));
    gate.releaseAll();
    const results = await Promise.all([first, ...others]);
    expect(demoContainers()).toBe(1);
    expect(new Set(results.map((r) => r.runId)).size).toBe(1);
    expect(results.map((r) => r.sharedWith)).toEqual([4, 4, 4, 4, 4]);
    expect(results.every((r) => r.containers[0]?.outputs['ip addr']?.includes('inet 127.0.0.1/8'))).toBe(true);
    await sandbox.shutdown();
  });

  it('starts a fresh run for a member who asks once the output is in', async () => {
    const { sandbox, demoContainers } = oneEngine();
    await sandbox.start();
    const none = scenario('none');
    const a = await sandbox.runDemo(none, { userId: 'u1' });
    const b = await sandbox.runDemo(none, { userId: 'u2' });
    expect(a.runId).not.toBe(b.runId);
    expect([a.sharedWith, b.sharedWith]).toEqual([undefined, undefined]);
    expect(demoContainers()).toBe(2);
    await sandbox.shutdown();
  });

  it('never shares between different scenarios', async () => {
    const { sandbox, demoContainers } = oneEngine();
    await sandbox.start();
    const gate = new Gate();
    const runs = [sandbox.runDemo(scenario('bridge', gate), { userId: 'u1' }), sandbox.runDemo(scenario('none', gate), { userId: 'u2' })];
    await until(() => gate.waiting.length === 2);
    gate.releaseAll();
    const [bridge, none] = await Promise.all(runs);
    expect(bridge!.runId).not.toBe(none!.runId);
    expect(demoContainers()).toBe(2);
    await sandbox.shutdown();
  });

  it('keeps one demo per member and each member’s own cooldown', async () => {
    const { sandbox } = oneEngine({ userCooldownMs: 60_000 });
    await sandbox.start();
    const gate = new Gate();
    const bridge = scenario('bridge', gate);
    const first = sandbox.runDemo(bridge, { userId: 'u1' });
    await until(() => gate.waiting.length === 1);
    const joined = sandbox.runDemo(bridge, { userId: 'u2' });
    await expect(sandbox.runDemo(bridge, { userId: 'u1' })).rejects.toBeInstanceOf(DemoAlreadyRunningError);
    gate.releaseAll();
    await Promise.all([first, joined]);
    await expect(sandbox.runDemo(bridge, { userId: 'u1' })).rejects.toBeInstanceOf(CooldownError);
    await expect(sandbox.runDemo(bridge, { userId: 'u2' })).rejects.toBeInstanceOf(CooldownError);
    await sandbox.shutdown();
  });

  it('lets members join a run that waits for a slot, while another scenario hears busy', async () => {
    const { sandbox, demoContainers } = oneEngine({ maxConcurrent: 1, queueSize: 1 });
    await sandbox.start();
    const gate = new Gate();
    const holding = sandbox.runDemo(scenario('host', gate), { userId: 'h' });
    await until(() => gate.waiting.length === 1);
    const positions: number[] = [];
    const waiting = ['u1', 'u2', 'u3'].map((userId) => sandbox.runDemo(scenario('bridge'), { userId, onQueued: (p) => positions.push(p) }));
    await until(() => positions.length === 3);
    await expect(sandbox.runDemo(scenario('none'), { userId: 'u4' })).rejects.toBeInstanceOf(SandboxBusyError);
    gate.releaseAll();
    const results = await Promise.all([holding, ...waiting]);
    expect(positions).toEqual([1, 1, 1]);
    expect(results.slice(1).map((r) => r.sharedWith)).toEqual([2, 2, 2]);
    expect(demoContainers()).toBe(2);
    await sandbox.shutdown();
  });

  it('goes on for the others when one member gives up, and stops when all of them have', async () => {
    const { engine, sandbox } = oneEngine();
    await sandbox.start();
    const gate = new Gate();
    const bridge = scenario('bridge', gate);
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = sandbox.runDemo(bridge, { userId: 'u1', signal: leaving.signal });
    await until(() => gate.waiting.length === 1);
    const second = sandbox.runDemo(bridge, { userId: 'u2', signal: staying.signal });
    await new Promise(setImmediate); // u2 has joined
    leaving.abort(new Error('u1 left'));
    await expect(first).rejects.toThrow('u1 left');
    gate.releaseAll();
    const result = await second;
    expect(result.sharedWith).toBeUndefined(); // the one who left is not counted
    const alone = sandbox.runDemo(scenario('none', gate), { userId: 'u3', signal: staying.signal });
    await until(() => gate.waiting.length === 1);
    staying.abort(new Error('u3 left'));
    await expect(alone).rejects.toThrow('u3 left');
    await sandbox.idle();
    expect([...engine.containers.values()].filter((c) => c.spec.Labels[LABEL_SCENARIO] === 'none')).toEqual([]);
    await sandbox.shutdown();
  });
});

describe('the sharing window', () => {
  function fakeRuns() {
    let clock = 0;
    const started: ((result: DemoResult) => void)[] = [];
    const coalescer = new RunCoalescer({
      windowMs: 1_500,
      now: () => clock,
      run: (s, request) =>
        new Promise<DemoResult>((resolve) => {
          request.onStart?.();
          started.push(resolve);
        }),
    });
    const result = (runId: string): DemoResult => ({ scenario: 'bridge', runId, containers: [], checks: {}, timingsMs: { queue: 0, create: 1, run: 1, total: 2 }, truncated: false, warmContainers: 0 });
    return { coalescer, started, result, advance: (ms: number) => (clock += ms) };
  }

  it('closes a run to newcomers once it has been going for the window', async () => {
    const { coalescer, started, result, advance } = fakeRuns();
    const bridge = scenario('bridge');
    const a = coalescer.run(bridge, { userId: 'a' });
    await Promise.resolve();
    advance(1_500);
    const b = coalescer.run(bridge, { userId: 'b' }); // at the window's edge: still shared
    advance(1);
    const c = coalescer.run(bridge, { userId: 'c' }); // past it: a run of its own
    await until(() => started.length === 2);
    started[0]!(result('r1'));
    started[1]!(result('r2'));
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect([ra.runId, rb.runId, rc.runId]).toEqual(['r1', 'r1', 'r2']);
    expect([ra.sharedWith, rb.sharedWith, rc.sharedWith]).toEqual([1, 1, undefined]);
    expect(rb.timingsMs.total).toBe(1); // b's own wait, not the run's
  });

  it('does nothing but pass through when the window is 0', async () => {
    let runs = 0;
    const coalescer = new RunCoalescer({ windowMs: 0, run: async () => ({ scenario: 'x', runId: `r${++runs}`, containers: [], checks: {}, timingsMs: { queue: 0, create: 0, run: 0, total: 0 }, truncated: false, warmContainers: 0 }) });
    const results = await Promise.all([coalescer.run(scenario('x'), { userId: 'a' }), coalescer.run(scenario('x'), { userId: 'b' })]);
    expect(results.map((r) => r.runId)).toEqual(['r1', 'r2']);
  });
});

describe('the shared-run label', () => {
  it('names the run and the number of classmates in both languages', () => {
    const report = { scenario: 'bridge', runId: 'abc123', containers: [], checks: {}, timingsMs: { queue: 0, create: 1, run: 1, total: 2 }, truncated: false, warmContainers: 1, annotations: [] };
    expect(presentDemo({ ...report, sharedWith: 29 }, 'en').body).toContain('Shared live run with 29 classmates (run abc123)');
    expect(presentDemo({ ...report, sharedWith: 1 }, 'en').body).toContain('Shared live run with 1 classmate (run abc123)');
    expect(presentDemo({ ...report, sharedWith: 29 }, 'zh').body).toContain('与 29 位同学共享的一次实时运行（run abc123）');
    expect(presentDemo(report, 'en').body).not.toContain('Shared live run');
    expect(presentDemo(report, 'zh').body).not.toContain('共享');
  });
});
