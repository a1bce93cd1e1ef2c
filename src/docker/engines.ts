/**
 * Several sandbox engines behind one Sandbox. Each engine keeps its own runner, pool, reaper and
 * breaker (sandbox.ts); this layer places each demo on the engine with the most free capacity,
 * leaves out engines whose breaker is open (until their probe sees them answer again), and runs
 * a demo once more elsewhere when its engine stopped answering under it. The member rules (one
 * demo at a time, the cooldown) are kept here, once for all engines, so a member cannot run one
 * demo per engine. With a single engine this is a thin pass-through.
 */
import type { SandboxConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { Admission } from './admission.ts';
import { RunCoalescer } from './coalesce.ts';
import type { BreakerOptions } from './breaker.ts';
import type { EngineEndpoint } from './engine/endpoints.ts';
import { DemoTimeoutError, isEngineUnavailable, isSandboxRefusal, SandboxUnavailableError, type RefusalCode } from './errors.ts';
import type { ReapOptions, ReapReport } from './reaper.ts';
import type { DemoResult } from './result.ts';
import { MIN_TIME_TO_START_MS, type DemoRequest } from './runner.ts';
import { createSandbox, type EngineNetworks, type EngineSandbox, type Sandbox, type SandboxStatus } from './sandbox.ts';
import type { SandboxScenario } from './scenario.ts';

export interface SandboxReport {
  /** One status per engine, in the configured order. */
  readonly engines: readonly SandboxStatus[];
  /** At least one engine answers and has the demo image. */
  readonly ok: boolean;
}

/** What the sandbox reports as demos end; the metrics listen (src/ops/). */
export interface SandboxObserver {
  demoFinished?(event: { readonly scenario: string; readonly engine: string; readonly warm: boolean; readonly seconds: number }): void;
  demoRefused?(event: { readonly engine: string | undefined; readonly code: RefusalCode }): void;
  engineFailed?(event: { readonly engine: string }): void;
}

export interface SandboxSet extends Sandbox {
  readonly engines: readonly EngineSandbox[];
  /** How many containers this process has on all its engines now (leases and pools included). */
  ownedContainers(): Promise<number>;
  /** Every engine's start-up check, in parallel; never throws. */
  start(): Promise<SandboxReport>;
  status(): Promise<SandboxReport>;
  reap(options?: ReapOptions): Promise<ReapReport>;
  shutdown(): Promise<void>;
}

export interface SandboxSetOptions {
  readonly config: SandboxConfig;
  readonly endpoints: readonly EngineEndpoint[];
  readonly logger: Logger;
  readonly observer?: SandboxObserver;
  readonly breaker?: Pick<BreakerOptions, 'threshold' | 'probeIntervalMs' | 'maxProbeIntervalMs'>;
}

/** One sandbox per endpoint, combined. */
export function createSandboxSet(options: SandboxSetOptions): SandboxSet {
  // The member rules live in the set; each engine only keeps its own capacity limits.
  const engineConfig = { ...options.config, userCooldownMs: 0 };
  const engines = options.endpoints.map((e) =>
    createSandbox({ config: engineConfig, dockerHost: e.host, tls: e.tls, name: e.name, logger: options.logger, ...(options.breaker ? { breaker: options.breaker } : {}) }),
  );
  return combineSandboxes({ engines, config: options.config, logger: options.logger, ...(options.observer ? { observer: options.observer } : {}) });
}

export interface CombineOptions {
  readonly engines: readonly EngineSandbox[];
  readonly config: SandboxConfig;
  readonly logger: Logger;
  readonly observer?: SandboxObserver;
}

/** Free demo slots now; negative when demos queue. Warm containers break a tie. */
function capacity(engine: EngineSandbox): [number, number] {
  const load = engine.load();
  return [load.maxConcurrent - load.running - load.queued, load.warmReady];
}

export function combineSandboxes(options: CombineOptions): SandboxSet {
  const { engines, config, observer } = options;
  if (engines.length === 0) throw new Error('at least one sandbox engine is needed');
  const members = new Admission({ maxConcurrent: Number.MAX_SAFE_INTEGER, queueSize: 0, userCooldownMs: config.userCooldownMs });
  let turn = 0;
  // Members asking for the same scenario at once share one real run (coalesce.ts).
  const coalescer = new RunCoalescer({ windowMs: config.shareWindowMs, run: (scenario, request) => runOn(scenario, request) });

  const answering = () => engines.filter((e) => e.breaker().state === 'closed');

  function unavailable(): SandboxUnavailableError {
    return new SandboxUnavailableError(Math.min(...engines.map((e) => e.breaker().retryAfterSec ?? 1)));
  }

  /** The engine with the most free capacity among those that answer; ties go round the engines. */
  function place(scenario: SandboxScenario, tried: ReadonlySet<EngineSandbox>): EngineSandbox | undefined {
    let candidates = answering().filter((e) => !tried.has(e));
    if (scenario.needsSwarmManager && candidates.some((e) => e.swarmManager === true)) candidates = candidates.filter((e) => e.swarmManager === true);
    if (candidates.length === 0) return undefined;
    const start = turn++ % candidates.length;
    const rotated = [...candidates.slice(start), ...candidates.slice(0, start)];
    return rotated.reduce((best, e) => {
      const [free, warm] = capacity(e);
      const [bestFree, bestWarm] = capacity(best);
      return free > bestFree || (free === bestFree && warm > bestWarm) ? e : best;
    });
  }

  async function runOn(scenario: SandboxScenario, request: DemoRequest): Promise<DemoResult> {
    const tried = new Set<EngineSandbox>();
    let lastFailure: unknown;
    // The deadline is the member's, end to end: it starts when the first attempt gets its slot,
    // and a retry on another engine only gets what is left of it.
    let deadlineAt = request.deadlineAt;
    const attempt: DemoRequest = {
      ...request,
      onStart: () => {
        deadlineAt ??= Date.now() + config.deadlineMs;
        request.onStart?.();
      },
    };
    for (;;) {
      const engine = place(scenario, tried);
      if (!engine) throw lastFailure ?? unavailable();
      // Not worth a try elsewhere (or at all) with less than a second left of the member's time.
      if (deadlineAt !== undefined && deadlineAt - Date.now() < MIN_TIME_TO_START_MS) throw lastFailure ?? new DemoTimeoutError(config.deadlineMs);
      tried.add(engine);
      try {
        const result = await engine.runDemo(scenario, { ...attempt, ...(deadlineAt !== undefined ? { deadlineAt } : {}) });
        observer?.demoFinished?.({ scenario: scenario.name, engine: engine.name, warm: result.warmContainers > 0, seconds: result.timingsMs.total / 1000 });
        return result;
      } catch (error) {
        if (isEngineUnavailable(error)) observer?.engineFailed?.({ engine: engine.name });
        // The engine stopped answering under this demo (or was just taken out): another may run it.
        if (!isEngineUnavailable(error) && !(error instanceof SandboxUnavailableError)) {
          if (isSandboxRefusal(error)) observer?.demoRefused?.({ engine: engine.name, code: error.code });
          throw error;
        }
        lastFailure = error;
        options.logger.warn({ engine: engine.name, scenario: scenario.name }, 'demo failed on an engine that stopped answering; trying another');
      }
    }
  }

  async function networks(): Promise<EngineNetworks> {
    const candidates = answering();
    if (candidates.length === 0) throw unavailable();
    let failure: unknown;
    for (const engine of candidates) {
      try {
        return await engine.networks();
      } catch (error) {
        if (!isEngineUnavailable(error)) throw error;
        observer?.engineFailed?.({ engine: engine.name });
        failure = error;
      }
    }
    throw failure;
  }

  const report = (statuses: SandboxStatus[]): SandboxReport => ({ engines: statuses, ok: statuses.some((s) => s.engine.ok && s.image.present === true) });

  return {
    engines,
    config,
    get swarmManager() {
      const known = engines.map((e) => e.swarmManager);
      if (known.includes(true)) return true;
      return known.every((m) => m === false) ? false : undefined;
    },
    async runDemo(scenario, request) {
      const started = performance.now();
      let slot;
      try {
        slot = await members.admit(request);
      } catch (error) {
        if (isSandboxRefusal(error)) observer?.demoRefused?.({ engine: undefined, code: error.code });
        throw error;
      }
      try {
        return await coalescer.run(scenario, request);
      } catch (error) {
        if (isEngineUnavailable(error) || error instanceof SandboxUnavailableError) observer?.demoRefused?.({ engine: undefined, code: error.code });
        throw error;
      } finally {
        slot.release(performance.now() - started);
      }
    },
    networks,
    idle: () => Promise.all(engines.map((e) => e.idle())).then(() => undefined),
    poolReady: () => Promise.all(engines.map((e) => e.poolReady())).then(() => undefined),
    start: async () => report(await Promise.all(engines.map((e) => e.start()))),
    status: async () => report(await Promise.all(engines.map((e) => e.status()))),
    async reap(reapOptions) {
      const results = await Promise.allSettled(engines.map((e) => e.reap(reapOptions)));
      const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      if (done.length === 0) throw (results[0] as PromiseRejectedResult).reason;
      return done.reduce((sum, r) => ({ containers: sum.containers + r.containers, networks: sum.networks + r.networks }), { containers: 0, networks: 0 });
    },
    shutdown: () => Promise.all(engines.map((e) => e.shutdown())).then(() => undefined),
    ownedContainers: async () => (await Promise.all(engines.map((e) => e.ownedContainers()))).reduce((a, b) => a + b, 0),
  };
}
