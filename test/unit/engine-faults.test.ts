// The engine failing at every step a demo takes — hanging, answering 500, resetting the
// connection — on fake time with the real sandbox (runner, pool, lease, reaper) over a fake
// engine: every member gets a final answer by the deadline + 2 s, the bot's process keeps no
// unhandled rejection, and no slot stays taken beyond the cleanup budget.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runScenario } from '../../src/demos/run-demo.ts';
import type { Engine } from '../../src/docker/engine/engine.ts';
import { DockerApiError, EngineUnavailableError } from '../../src/docker/errors.ts';
import { CLEANUP_BUDGET_MS } from '../../src/docker/runner.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { isUserError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

type Fault = 'hang' | '500' | 'reset';
const DEADLINE_MS = 15_000;

/** The fake engine with one operation failing, from the moment the demo starts. */
function faulty(operation: keyof Engine, fault: Fault): { engine: FakeEngine; arm: () => void } {
  const engine = new FakeEngine();
  let armed = false;
  const original = (engine[operation] as (...args: unknown[]) => Promise<unknown>).bind(engine);
  (engine as unknown as Record<string, unknown>)[operation] = (...args: unknown[]) => {
    if (!armed) return original(...args);
    if (fault === 'hang') return new Promise(() => undefined);
    if (fault === '500') return Promise.reject(new DockerApiError(String(operation), 500));
    return Promise.reject(new EngineUnavailableError('unix:///fake.sock', `${String(operation)}: ECONNRESET`));
  };
  return { engine, arm: () => (armed = true) };
}

const STEPS: (keyof Engine)[] = ['createContainer', 'startContainer', 'exec', 'feedScript', 'inspectContainer', 'inspectNetwork', 'createNetwork', 'listContainers', 'removeContainer', 'removeNetwork', 'listNetworks'];
const SCENARIOS = ['bridge', 'user-bridge', 'p2p', 'dns'] as const;

afterEach(() => {
  vi.useRealTimers();
});

describe('an engine that fails at any step', () => {
  const cases = STEPS.flatMap((step) => (['hang', '500', 'reset'] as const).map((fault) => [step, fault] as const));
  it.each(cases)('%s → %s: every member is answered by the deadline + 2 s and no slot is held past the cleanup budget', async (step, fault) => {
    vi.useFakeTimers({ now: 0 });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { engine, arm } = faulty(step, fault);
      const sandbox = createSandbox({ config: { ...loadConfig({}).sandbox, userCooldownMs: 0, deadlineMs: DEADLINE_MS, poolSize: 1 }, logger: silentLogger(), engine });
      await sandbox.start();
      await vi.advanceTimersByTimeAsync(0);
      arm();
      const answers = SCENARIOS.map((name, i) =>
        runScenario(sandbox, name, { userId: `m${i}` }).then(
          (report) => ({ ok: true as const, report }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      );
      let settled = 0;
      for (const a of answers) void a.then(() => settled++);
      await vi.advanceTimersByTimeAsync(DEADLINE_MS + 2_000);
      expect(settled).toBe(SCENARIOS.length);
      for (const outcome of await Promise.all(answers)) {
        // A result, or a refusal a member can read: never a raw engine error.
        if (!outcome.ok) expect(isUserError(outcome.error), String(outcome.error)).toBe(true);
      }
      await vi.advanceTimersByTimeAsync(CLEANUP_BUDGET_MS + 1_000);
      expect((await sandbox.status()).demos.running).toBe(0);
      void sandbox.shutdown();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
