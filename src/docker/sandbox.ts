/**
 * The sandbox facade: a start-up check that never throws (a dead engine is reported, and
 * everything else in netlab keeps working), demos through the runner (warm containers from the
 * pool where it can, cold otherwise), the network listing, the reaper and a shutdown that
 * removes everything this process created. It runs whatever SandboxScenario it is handed; which
 * scenarios exist, and what members read about them, is the demos layer's business.
 */
import type { SandboxConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { ColdContainerSource } from './container-source.ts';
import { DockerodeEngine } from './engine/dockerode-engine.ts';
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

export interface SandboxOptions {
  readonly config: SandboxConfig;
  /** `unix:///path` or `tcp://host:port`; the local socket when undefined. */
  readonly dockerHost?: string | undefined;
  readonly logger: Logger;
  /** Another Engine implementation (tests use a fake); dockerode against dockerHost otherwise. */
  readonly engine?: Engine;
}

export interface SandboxStatus {
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

export interface Sandbox {
  readonly config: SandboxConfig;
  /** This process's owner id on the engine (owner.ts). */
  readonly ownerId: string;
  /** Whether the engine is a swarm manager, as of the last check; undefined before the first. */
  readonly swarmManager: boolean | undefined;
  /** Start-up check, first reap and the reaper's timer. Never throws: a dead engine is reported. */
  start(): Promise<SandboxStatus>;
  status(): Promise<SandboxStatus>;
  /** Resolves with the result as soon as it is in; the demo's cleanup may still be running. */
  runDemo(scenario: SandboxScenario, request: DemoRequest): Promise<DemoResult>;
  /** Resolves once every demo started so far has finished its cleanup (its containers are gone). */
  idle(): Promise<void>;
  /** Resolves once the warm pool is full (at once when it is off, not started or shut down). */
  poolReady(): Promise<void>;
  networks(): Promise<NetworkRow[]>;
  /** How many containers this process has on the engine now (its lease and pool included). */
  ownedContainers(): Promise<number>;
  reap(options?: ReapOptions): Promise<ReapReport>;
  /** Cancels queued demos, stops running ones, waits for their cleanup, drains the pool and
   * removes everything this process created. Idempotent. */
  shutdown(): Promise<void>;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const { config, logger } = options;
  const engine = options.engine ?? new DockerodeEngine({ host: options.dockerHost });
  // Everything this process creates carries its owner id; the lease says it is alive (owner.ts).
  const lease = new OwnerLease(engine, config, logger);
  const { ownerId } = lease;
  // The pool restocks only while no demo runs or waits; the runner tells it when that is.
  const pool: WarmPool = new WarmPool({ engine, config, logger, ownerId, fallback: new ColdContainerSource(engine, config), busy: () => runner.busy });
  const runner: DemoRunner = new DemoRunner({ config, engine, logger, ownerId, observer: () => lease.observer(), source: pool, onIdle: () => pool.resume() });
  const reaper = new Reaper({ engine, logger, ownerId, isRunAlive: (runId) => runner.isRunAlive(runId) || pool.isRunAlive(runId), onTick: () => pool.audit() });
  let swarmManager: boolean | undefined;
  let shuttingDown: Promise<void> | undefined;

  /** Engine, swarm and image facts; only start-up tries to pull a missing image. */
  async function check(pullMissingImage: boolean): Promise<SandboxStatus> {
    const base = { demos: { ...runner.stats, maxConcurrent: config.maxConcurrent, queueSize: config.queueSize }, pool: pool.status(), checkedAt: new Date().toISOString() };
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

  return {
    config,
    ownerId,
    get swarmManager() {
      return swarmManager;
    },
    async start() {
      reaper.startTimer(config.reapIntervalMs);
      const status = await check(true);
      if (!status.engine.ok) return status;
      // The lease comes before any container of ours: other processes' reapers must see us alive.
      await lease.ensure().catch((error: unknown) => logger.warn({ err: error }, 'owner lease: could not take one yet; demos will try again'));
      const reaped = await reaper.reap().catch((error: unknown) => {
        logger.warn({ err: error }, 'start-up reap failed');
        return undefined;
      });
      // Filling starts now and goes on in the background; the first demos may still be cold.
      if (status.image.present && !shuttingDown) pool.start();
      return { ...status, pool: pool.status(), ...(reaped ? { reaped } : {}) };
    },
    status: () => check(false),
    runDemo: async (scenario, request) => {
      await lease.ensure();
      return runner.run(scenario, request);
    },
    idle: () => runner.idle(),
    poolReady: () => pool.filled(),
    networks: () => engine.listNetworks(),
    ownedContainers: async () => (await engine.listContainers({ labels: { ...MANAGED_FILTER, [LABEL_OWNER]: ownerId } })).length,
    reap: (reapOptions) => reaper.reap(reapOptions),
    shutdown() {
      shuttingDown ??= (async () => {
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
