/**
 * The sandbox facade for one engine: a start-up check that never throws (a dead engine is
 * reported, and everything else in netlab keeps working), demos through the runner (warm
 * containers from the pool where it can, cold otherwise), the network listing, the reaper, a
 * breaker that takes the engine out after repeated failures until a probe sees it answer, and a
 * shutdown that removes everything this process created. It runs whatever SandboxScenario it is
 * handed; which scenarios exist, and what members read about them, is the demos layer's
 * business. Several engines are combined above this one (engines.ts).
 */
import type { SandboxConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { EngineBreaker, type BreakerOptions, type BreakerStatus } from './breaker.ts';
import { ColdContainerSource } from './container-source.ts';
import { DockerodeEngine } from './engine/dockerode-engine.ts';
import { engineName, type TlsFiles } from './engine/endpoints.ts';
import type { Engine, NetworkRow, SwarmState } from './engine/engine.ts';
import { DemoImageMissingError, isEngineUnavailable } from './errors.ts';
import { ensureDemoImage } from './image.ts';
import { LABEL_OWNER, MANAGED_FILTER } from './labels.ts';
import { OwnerLease } from './owner.ts';
import { WarmPool, type PoolStatus } from './pool/pool.ts';
import { Reaper, type ReapOptions, type ReapReport } from './reaper.ts';
import type { DemoResult } from './result.ts';
import { DemoRunner, type DemoRequest } from './runner.ts';
import type { SandboxScenario } from './scenario.ts';

const isEngineUnavailableId = (errorId: string) => errorId === 'engine-unavailable';

export interface SandboxOptions {
  readonly config: SandboxConfig;
  /** `unix:///path` or `tcp://host:port`; the local socket when undefined. */
  readonly dockerHost?: string | undefined;
  /** TLS for a tcp:// engine (endpoints.ts reads it as the Docker CLI does). */
  readonly tls?: TlsFiles | undefined;
  /** What members and logs call this engine; derived from dockerHost when absent. */
  readonly name?: string;
  readonly logger: Logger;
  /** Another Engine implementation (tests use a fake); dockerode against dockerHost otherwise. */
  readonly engine?: Engine;
  /** Breaker tuning (tests shorten the probe interval). */
  readonly breaker?: Pick<BreakerOptions, 'threshold' | 'probeIntervalMs' | 'maxProbeIntervalMs' | 'now'>;
}

/** A network listing and the engine it comes from (`/networks` names it). */
export interface EngineNetworks {
  readonly engine: string;
  readonly networks: readonly NetworkRow[];
}

/** What one engine is doing now, without asking it anything. */
export interface EngineLoad {
  readonly running: number;
  readonly queued: number;
  readonly maxConcurrent: number;
  readonly queueSize: number;
  /** Warm containers waiting, all kinds together and per kind. */
  readonly warmReady: number;
  readonly warmByKind: Readonly<Record<string, number>>;
}

export interface SandboxStatus {
  /** The engine's name and where it is (DOCKER_HOST-style), and whether netlab speaks TLS to it. */
  readonly name: string;
  readonly endpoint: string;
  readonly tls: boolean;
  readonly breaker: BreakerStatus;
  readonly engine:
    | { readonly ok: true; readonly version: string; readonly apiVersion: string; readonly os: string; readonly arch: string }
    | { readonly ok: false; readonly error: string; readonly errorId: string };
  readonly swarm: { readonly state: SwarmState; readonly isManager: boolean } | null;
  readonly image: { readonly name: string; readonly present: boolean | null; readonly source?: 'local' | 'pulled'; readonly error?: string };
  readonly demos: { readonly running: number; readonly queued: number; readonly maxConcurrent: number; readonly queueSize: number };
  /** Warm containers per kind; ready stays 0 until start() found the engine and the image. */
  readonly pool: PoolStatus;
  readonly reaped?: ReapReport;
  readonly checkedAt: string;
}

/**
 * What commands and the demos layer use, whether one engine serves demos or several
 * (engines.ts): run a scenario, list an engine's networks, wait for quiet.
 */
export interface Sandbox {
  readonly config: SandboxConfig;
  /** Whether the engine is a swarm manager, as of the last check; undefined before the first. */
  readonly swarmManager: boolean | undefined;
  /** Resolves with the result as soon as it is in; the demo's cleanup may still be running. */
  runDemo(scenario: SandboxScenario, request: DemoRequest): Promise<DemoResult>;
  /** The networks of an engine that answers, with its name. */
  networks(): Promise<EngineNetworks>;
  /** Resolves once every demo started so far has finished its cleanup (its containers are gone). */
  idle(): Promise<void>;
  /** Resolves once the warm pool is full (at once when it is off, not started or shut down). */
  poolReady(): Promise<void>;
}

/** One engine's sandbox: its own runner, pool, reaper and breaker. */
export interface EngineSandbox extends Sandbox {
  readonly name: string;
  readonly endpoint: string;
  /** This process's owner id on this engine (owner.ts). */
  readonly ownerId: string;
  /** How many containers this process has on this engine now (its lease and pool included). */
  ownedContainers(): Promise<number>;
  /** Start-up check, first reap and the reaper's timer. Never throws: a dead engine is reported. */
  start(): Promise<SandboxStatus>;
  status(): Promise<SandboxStatus>;
  breaker(): BreakerStatus;
  load(): EngineLoad;
  /** A cheap liveness check (for /healthz); rejects when the engine does not answer. */
  ping(): Promise<void>;
  reap(options?: ReapOptions): Promise<ReapReport>;
  /** Cancels queued demos, stops running ones, waits for their cleanup, drains the pool and
   * removes everything this process created. Idempotent. */
  shutdown(): Promise<void>;
}

export function createSandbox(options: SandboxOptions): EngineSandbox {
  const { config } = options;
  const endpoint = options.dockerHost ?? 'unix:///var/run/docker.sock';
  const name = options.name ?? engineName(endpoint);
  // Every line this engine's runner, pool, reaper and breaker log names the engine.
  const logger = options.logger.child({ engine: name });
  const engine = options.engine ?? new DockerodeEngine({ host: options.dockerHost, tls: options.tls });
  // Everything this process creates carries its owner id; the lease says it is alive (owner.ts).
  const lease = new OwnerLease(engine, config, logger);
  const { ownerId } = lease;
  // The pool restocks as far as the runner's pressure allows (fully when idle, by demand while
  // a slot is free, not at all while members wait); each freed slot lets it try again.
  const pool: WarmPool = new WarmPool({ engine, config, logger, ownerId, fallback: new ColdContainerSource(engine, config), pressure: () => runner.pressure });
  const runner: DemoRunner = new DemoRunner({ config, engine, logger, ownerId, observer: () => lease.observer(), source: pool, onSlotFree: () => pool.resume() });
  const reaper = new Reaper({ engine, logger, ownerId, isRunAlive: (runId) => runner.isRunAlive(runId) || pool.isRunAlive(runId), onTick: () => pool.audit() });
  let swarmManager: boolean | undefined;
  let shuttingDown: Promise<void> | undefined;
  /** The start-up check found the engine dead: the breaker's first successful probe finishes it. */
  let startPending = false;
  const breaker = new EngineBreaker({
    ...options.breaker,
    logger,
    probe: () => engine.ping(),
    onClose: () => {
      if (startPending && !shuttingDown) {
        void finishStart();
        return;
      }
      // The engine answers again, perhaps after a restart that stopped every pooled container:
      // check the pool at once rather than at the reaper's next tick, then refill.
      const audited = pool.audit().catch((error: unknown) => logger.warn({ err: error }, 'warm pool: audit after the engine came back failed'));
      void audited.finally(() => pool.resume());
    },
  });

  /** Counts engine failures (a success resets the count); rethrows. */
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    breaker.check();
    try {
      const result = await work();
      breaker.recordSuccess();
      return result;
    } catch (error) {
      breaker.recordFailure(error);
      throw error;
    }
  }

  /** Engine, swarm and image facts; only start-up tries to pull a missing image. */
  async function check(pullMissingImage: boolean): Promise<SandboxStatus> {
    const base = {
      name,
      endpoint,
      tls: options.tls !== undefined,
      breaker: breaker.status(),
      demos: { ...runner.stats, maxConcurrent: config.maxConcurrent, queueSize: config.queueSize },
      pool: pool.status(),
      checkedAt: new Date().toISOString(),
    };
    try {
      await engine.ping();
      const [version, info] = await Promise.all([engine.version(), engine.info()]);
      swarmManager = info.swarm.isManager;
      const image = pullMissingImage
        ? await ensureDemoImage(engine, config.image, { logger })
        : (await engine.imageExists(config.image))
          ? ({ image: config.image, present: true, source: 'local' } as const)
          : ({ image: config.image, present: false, error: new DemoImageMissingError(config.image) } as const);
      return {
        ...base,
        engine: { ok: true, version: version.version, apiVersion: version.apiVersion, os: version.os, arch: version.arch },
        swarm: info.swarm,
        image: image.present ? { name: image.image, present: true, source: image.source } : { name: image.image, present: false, error: image.error.message },
      };
    } catch (error) {
      if (!isEngineUnavailable(error)) logger.warn({ err: error }, 'sandbox start-up check failed');
      const message = error instanceof Error ? error.message : String(error);
      return { ...base, engine: { ok: false, error: message, errorId: isEngineUnavailable(error) ? error.code : 'engine-error' }, swarm: null, image: { name: config.image, present: null } };
    }
  }

  /** Removes what this process's runs could not clean up themselves. */
  async function sweepUnclean(): Promise<void> {
    if (runner.uncleanRunIds.size === 0) return;
    const swept = await reaper.reap({ runs: runner.uncleanRunIds });
    logger.debug({ runs: [...runner.uncleanRunIds], ...swept }, 'shutdown swept unclean runs');
  }

  /** The rest of start-up once the engine answers: leftovers of earlier runs, then the pool. */
  /** Demos handed to this engine that have not reached the runner yet (see runDemo). */
  let placing = 0;

  async function finishStart(): Promise<SandboxStatus> {
    const status = await check(true);
    if (!status.engine.ok) {
      startPending = true;
      if (isEngineUnavailableId(status.engine.errorId)) breaker.trip(new Error(status.engine.error));
      return { ...status, breaker: breaker.status() };
    }
    startPending = false;
    // The lease comes before any container of ours: other processes' reapers must see us alive.
    await lease.ensure().catch((error: unknown) => logger.warn({ err: error }, 'owner lease: could not take one yet; demos will try again'));
    const reaped = await reaper.reap().catch((error: unknown) => {
      logger.warn({ err: error }, 'start-up reap failed');
      return undefined;
    });
    // Filling starts now and goes on in the background; the first demos may still be cold.
    if (status.image.present && !shuttingDown) pool.start();
    return { ...status, pool: pool.status(), ...(reaped ? { reaped } : {}) };
  }

  return {
    name,
    endpoint,
    config,
    ownerId,
    get swarmManager() {
      return swarmManager;
    },
    start() {
      reaper.startTimer(config.reapIntervalMs);
      return finishStart();
    },
    status: () => check(false),
    breaker: () => breaker.status(),
    load: () => {
      const warmByKind = Object.fromEntries(Object.entries(pool.status().kinds).map(([kind, k]) => [kind, k?.ready ?? 0]));
      const warmReady = Object.values(warmByKind).reduce((n, ready) => n + ready, 0);
      const stats = runner.stats;
      return { ...stats, queued: stats.queued + placing, maxConcurrent: config.maxConcurrent, queueSize: config.queueSize, warmReady, warmByKind };
    },
    ping: () => engine.ping(),
    runDemo: (scenario, request) => {
      // Placed but not yet admitted (the lease comes first): counted as queued at once, so a
      // burst placed in one tick sees each engine's load grow with every demo given to it.
      placing++;
      let placed = true;
      const admitted = () => {
        if (placed) placing--;
        placed = false;
      };
      return guarded(async () => {
        try {
          await lease.ensure();
        } finally {
          admitted();
        }
        return { ...(await runner.run(scenario, request)), engine: name };
      }).finally(admitted);
    },
    idle: () => runner.idle(),
    poolReady: () => pool.filled(),
    networks: () => guarded(async () => ({ engine: name, networks: await engine.listNetworks() })),
    ownedContainers: async () => (await engine.listContainers({ labels: { ...MANAGED_FILTER, [LABEL_OWNER]: ownerId } })).length,
    reap: (reapOptions) => reaper.reap(reapOptions),
    shutdown() {
      shuttingDown ??= (async () => {
        breaker.stop();
        reaper.stopTimer();
        pool.close(); // no refills while the runs wind down
        await runner.shutdown();
        await pool.drain().catch((error: unknown) => logger.warn({ err: error }, 'warm pool drain failed'));
        await sweepUnclean().catch((error: unknown) => logger.warn({ err: error }, 'shutdown sweep failed'));
        await lease.release();
      })();
      return shuttingDown;
    },
  };
}
