import { describe, expect, it } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';
import { createSandbox, DemoImageMissingError, EngineUnavailableError, isScenarioName, SCENARIO_NAMES, ScenarioDisabledError, UnknownScenarioError } from '../../src/docker/index.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, ...over });

describe('sandbox facade (fake engine)', () => {
  it('knows exactly the eight scenarios, by name', () => {
    expect(SCENARIO_NAMES).toEqual(['bridge', 'host', 'none', 'container', 'user-bridge', 'overlay', 'p2p', 'networks']);
    expect(isScenarioName('p2p')).toBe(true);
    expect(isScenarioName('p2p; rm -rf /')).toBe(false);
    expect(isScenarioName(undefined)).toBe(false);
  });

  it('reports engine version, swarm state and image at start-up', async () => {
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine: new FakeEngine() });
    const status = await sandbox.start();
    expect(status.engine).toMatchObject({ ok: true, apiVersion: '1.41' });
    expect(status.swarm).toEqual({ state: 'inactive', isManager: false });
    expect(status.image).toMatchObject({ name: 'netlab-demo:latest', present: true, source: 'local' });
    expect(status.reaped).toEqual({ containers: 0, networks: 0 });
    await sandbox.shutdown();
    await sandbox.shutdown(); // idempotent
  });

  it('reports a dead engine without throwing, and demos answer EngineUnavailableError', async () => {
    const engine = new FakeEngine();
    engine.dead = true;
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    const status = await sandbox.start();
    expect(status.engine).toMatchObject({ ok: false, errorId: 'engine-unavailable' });
    await expect(sandbox.runDemo('none', { userId: 'u' })).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(sandbox.networks()).rejects.toBeInstanceOf(EngineUnavailableError);
    await sandbox.shutdown();
  });

  it('refuses the host scenario when the organiser switched it off', async () => {
    const sandbox = createSandbox({ config: config({ hostScenario: false }), logger: silentLogger(), engine: new FakeEngine() });
    expect(sandbox.scenarios.find((s) => s.name === 'host')).toMatchObject({ enabled: false, disabledReason: { en: expect.stringContaining('SANDBOX_HOST_SCENARIO') } });
    await expect(sandbox.runDemo('host', { userId: 'u' })).rejects.toBeInstanceOf(ScenarioDisabledError);
    await sandbox.shutdown();
  });

  it('marks overlay unavailable when the engine is no swarm manager and init is not allowed', async () => {
    const sandbox = createSandbox({ config: config({ initSwarm: false }), logger: silentLogger(), engine: new FakeEngine() });
    await sandbox.start();
    expect(sandbox.scenarios.find((s) => s.name === 'overlay')).toMatchObject({ enabled: false, disabledReason: { en: expect.stringContaining('SANDBOX_INIT_SWARM=true') } });
    await expect(sandbox.runDemo('overlay', { userId: 'u' })).rejects.toMatchObject({ id: 'swarm-not-enabled' });
    await sandbox.shutdown();
  });

  it('refuses unknown scenario names with the list of valid ones', async () => {
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine: new FakeEngine() });
    const error = await sandbox.runDemo('bogus' as never, { userId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownScenarioError);
    expect((error as UnknownScenarioError).validNames).toEqual(SCENARIO_NAMES);
  });

  it('says how to build a missing demo image', async () => {
    const engine = new FakeEngine();
    engine.imagePresent = false;
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    const status = await sandbox.start();
    expect(status.image).toMatchObject({ present: false, error: expect.stringContaining('npm run demo-image') });
    const error = await sandbox.runDemo('none', { userId: 'u' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoImageMissingError);
    expect((error as DemoImageMissingError).text.zh).toContain('npm run demo-image');
    await sandbox.shutdown();
  });

  it('returns a plain result object with friendly names, checks and timings', async () => {
    const engine = new FakeEngine();
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    const result = await sandbox.runDemo('none', { userId: 'u' });
    expect(result).toMatchObject({ scenario: 'none', containers: [{ name: 'demo-none', role: 'none', networkMode: 'none' }], checks: { onlyLo: true }, truncated: false });
    expect(Object.keys(result.containers[0]!.outputs)).toEqual(['ip addr', 'ip route']);
    // No cleanup time: the result comes before the containers are removed.
    expect(Object.keys(result.timingsMs)).toEqual(['queue', 'create', 'run', 'total']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(engine.containers.size).toBe(0);
    await sandbox.shutdown();
  });
});
