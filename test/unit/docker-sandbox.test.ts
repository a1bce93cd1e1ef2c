// The sandbox facade on a fake engine: the start-up check never throws, refusals carry what a
// caller needs (never member text: that is the demos layer's), and shutdown is idempotent.
import { describe, expect, it } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { scenarioNamed } from '../../src/demos/registry.ts';
import { DemoImageMissingError, SandboxUnavailableError } from '../../src/docker/errors.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { silentLogger } from '../../src/log.ts';
import { LABEL_POOL } from '../../src/docker/labels.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, ...over });

describe('sandbox facade (fake engine)', () => {
  it('reports engine version, swarm state and image at start-up', async () => {
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine: new FakeEngine() });
    expect(sandbox.swarmManager).toBeUndefined();
    const status = await sandbox.start();
    expect(status.engine).toMatchObject({ ok: true, apiVersion: '1.41' });
    expect(status.swarm).toEqual({ state: 'inactive', isManager: false });
    expect(sandbox.swarmManager).toBe(false);
    expect(status.image).toMatchObject({ name: 'netlab-demo:latest', present: true, source: 'local' });
    expect(status.reaped).toEqual({ containers: 0, networks: 0 });
    await sandbox.shutdown();
    await sandbox.shutdown(); // idempotent
  });

  it('reports a dead engine without throwing, naming where it looked, and refuses demos at once until it answers', async () => {
    const engine = new FakeEngine();
    engine.dead = true;
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    const status = await sandbox.start();
    expect(status.engine).toMatchObject({ ok: false, errorId: 'engine-unavailable', error: expect.stringContaining('ENOENT') });
    expect(status.breaker).toMatchObject({ state: 'open', retryAfterSec: expect.any(Number) });
    const calls = engine.calls.length;
    await expect(sandbox.runDemo(scenarioNamed('none'), { userId: 'u' })).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(sandbox.networks()).rejects.toBeInstanceOf(SandboxUnavailableError);
    expect(engine.calls.length).toBe(calls); // refused without another call to the dead engine
    await sandbox.shutdown();
  });

  it('checks its warm pool as soon as the engine answers again, not at the reaper’s next tick', async () => {
    const engine = new FakeEngine();
    const sandbox = createSandbox({
      config: config({ poolSize: 2, hostScenario: false, reapIntervalMs: 3_600_000 }),
      logger: silentLogger(),
      engine,
      breaker: { probeIntervalMs: 20, maxProbeIntervalMs: 20 },
    });
    await sandbox.start();
    await sandbox.poolReady();
    const pooled = () => [...engine.containers.values()].filter((c) => c.spec.Labels[LABEL_POOL] !== undefined);
    const before = pooled().map((c) => c.id);
    expect(before).toHaveLength(4);
    // The engine restarts: it stops answering, and every pooled container has exited.
    engine.dead = true;
    for (const c of pooled()) c.running = false;
    for (let i = 0; i < 3; i++) await sandbox.networks().catch(() => undefined);
    expect(sandbox.breaker().state).toBe('open');
    engine.dead = false;
    const end = Date.now() + 2_000;
    while (!(pooled().length === 4 && pooled().every((c) => c.running && !before.includes(c.id)))) {
      if (Date.now() > end) throw new Error(`pool not replaced: ${JSON.stringify(pooled().map((c) => [c.id, c.running]))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(sandbox.breaker().state).toBe('closed');
    await sandbox.shutdown();
  });

  it('says how to build a missing demo image, for the organiser', async () => {
    const engine = new FakeEngine();
    engine.imagePresent = false;
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    const status = await sandbox.start();
    expect(status.image).toMatchObject({ present: false, error: expect.stringContaining('npm run demo-image') });
    const error = await sandbox.runDemo(scenarioNamed('none'), { userId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoImageMissingError);
    expect(error).toMatchObject({ code: 'demo-image-missing', image: 'netlab-demo:latest' });
    await sandbox.shutdown();
  });

  it('returns a plain result object with friendly names, checks and timings', async () => {
    const engine = new FakeEngine();
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    const result = await sandbox.runDemo(scenarioNamed('none'), { userId: 'u' });
    expect(result).toMatchObject({ scenario: 'none', containers: [{ name: 'demo-none', role: 'none', networkMode: 'none' }], checks: { onlyLo: true }, truncated: false });
    expect(Object.keys(result.containers[0]!.outputs)).toEqual(['ip addr', 'ip route']);
    // No cleanup time: the result comes before the containers are removed.
    expect(Object.keys(result.timingsMs)).toEqual(['queue', 'create', 'run', 'total']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    await sandbox.idle();
    expect([...engine.containers.values()].map((c) => c.spec.Labels['netlab.scenario'])).toEqual(['lease']); // only this process's lease
    await sandbox.shutdown();
    expect(engine.containers.size).toBe(0);
  });
});
