// The demos layer in front of the sandbox: scenarios by name (with "did you mean"), what the
// organiser switched off, and every sandbox refusal in words a member can act on.
import { describe, expect, it } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { UnknownScenarioError } from '../../src/demos/refusals.ts';
import { SCENARIO_NAMES } from '../../src/demos/registry.ts';
import { listNetworks, runScenario, scenarioCatalog } from '../../src/demos/run-demo.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { isUserError, type UserError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, poolSize: 0, ...over });
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as UserError);

describe('running a scenario by name', () => {
  it('refuses an unknown name with the valid list and the closest one', async () => {
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine: new FakeEngine() });
    const error = await failure(runScenario(sandbox, 'brige', { userId: 'u' }));
    expect(error).toBeInstanceOf(UnknownScenarioError);
    expect((error as UnknownScenarioError).validNames).toEqual(SCENARIO_NAMES);
    expect(error!.messageFor('en')).toContain('Did you mean `bridge`?');
    expect(error!.messageFor('zh')).toContain('你是不是想找 `bridge`');
    expect((await failure(runScenario(sandbox, 'privileged', { userId: 'u' })))!.messageFor('en')).not.toContain('Did you mean');
  });

  it('refuses the host scenario when the organiser switched it off, saying how it was done', async () => {
    const sandbox = createSandbox({ config: config({ hostScenario: false }), logger: silentLogger(), engine: new FakeEngine() });
    expect(scenarioCatalog(sandbox).find((s) => s.name === 'host')).toMatchObject({ enabled: false, disabledReason: { en: expect.stringContaining('SANDBOX_HOST_SCENARIO') } });
    const error = await failure(runScenario(sandbox, 'host', { userId: 'u' }));
    expect(error).toMatchObject({ id: 'scenario-disabled' });
    expect(error!.messageFor('zh')).toContain('SANDBOX_HOST_SCENARIO=false');
  });

  it('marks overlay unavailable when the engine is no swarm manager and init is not allowed', async () => {
    const sandbox = createSandbox({ config: config({ initSwarm: false }), logger: silentLogger(), engine: new FakeEngine() });
    await sandbox.start();
    expect(scenarioCatalog(sandbox).find((s) => s.name === 'overlay')).toMatchObject({ enabled: false, disabledReason: { en: expect.stringContaining('SANDBOX_INIT_SWARM=true') } });
    expect(await failure(runScenario(sandbox, 'overlay', { userId: 'u' }))).toMatchObject({ id: 'swarm-not-enabled' });
    await sandbox.shutdown();
  });

  it('tells members about a dead engine in their language, as a user error', async () => {
    const engine = new FakeEngine();
    engine.dead = true;
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    for (const error of [await failure(runScenario(sandbox, 'none', { userId: 'u' })), await failure(listNetworks(sandbox))]) {
      expect(isUserError(error)).toBe(true);
      expect(error).toMatchObject({ id: 'engine-unavailable' });
      expect(error!.messageFor('en')).toMatch(/not answering right now.*try a demo again later\.$/);
      expect(error!.messageFor('en')).not.toContain('..');
      expect(error!.messageFor('zh')).toContain('暂时没有响应');
    }
  });

  it('tells members the organiser can build a missing image', async () => {
    const engine = new FakeEngine();
    engine.imagePresent = false;
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine });
    const error = await failure(runScenario(sandbox, 'none', { userId: 'u' }));
    expect(error).toMatchObject({ id: 'demo-image-missing' });
    expect(error!.messageFor('zh')).toContain('npm run demo-image');
  });

  it('explains the output it returns', async () => {
    const sandbox = createSandbox({ config: config(), logger: silentLogger(), engine: new FakeEngine() });
    const report = await runScenario(sandbox, 'none', { userId: 'u' });
    expect(report.annotations.map((a) => a.kind)).toContain('only-lo');
    await sandbox.shutdown();
  });
});
