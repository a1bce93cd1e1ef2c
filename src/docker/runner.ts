/**
 * Runs demos: admission (limits, queue, one per member, cooldown), then the scenario under a
 * hard deadline. On expiry the run's signal fires, every pending step gives up and the member
 * gets DemoTimeoutError at once, whatever the engine does. Success or failure, the member never
 * waits for container removal: cleanup goes on in the background on its own budget. The member
 * may ask again at once (after the cooldown), while the run keeps its admission slot (and counts
 * as live for the reaper and shutdown) until its cleanup ends or its budget is spent, so the
 * limits stay honest and a hung engine cannot hold a slot for ever.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { Admission } from './admission.ts';
import { ColdContainerSource, type ContainerSource } from './container-source.ts';
import { abortable } from './engine/abortable.ts';
import type { Engine } from './engine/engine.ts';
import { DemoTimeoutError, ExecTimeoutError, SandboxClosedError } from './errors.ts';
import type { Checks, DemoResult } from './result.ts';
import { redactHostAddresses } from './redact.ts';
import { DemoRun } from './run.ts';
import type { SandboxScenario } from './scenario.ts';
import { createScenarioContext } from './scenario-context.ts';

/** Labels expire this long after the deadline: time for cleanup before the reaper may step in. */
export const EXPIRY_GRACE_MS = 30_000;
/**
 * A run's cleanup holds its admission slot (and shutdown's wait) at most this long; what is not
 * removed by then is removed later (shutdown's sweep, the reaper, or the container's own expiry).
 */
export const CLEANUP_BUDGET_MS = 10_000;

export interface RunnerOptions {
  readonly config: SandboxConfig;
  readonly engine: Engine;
  readonly logger: Logger;
  /** Where started containers come from; cold creation unless a warm pool is plugged in. */
  readonly source?: ContainerSource;
  readonly now?: () => number;
  /** Called whenever a demo's cleanup ended and its slot is free (the warm pool refills then, as far as the pressure allows). */
  readonly onSlotFree?: () => void;
  /** How long a run's cleanup may hold its slot (CLEANUP_BUDGET_MS). */
  readonly cleanupBudgetMs?: number;
  /** This process's owner id (owner.ts), on every container and network its runs make. */
  readonly ownerId?: string;
  /** The container that shows the host's side of a demo (the owner lease, see owner.ts). */
  readonly observer?: () => Promise<string | undefined>;
}

export interface DemoRequest {
  readonly userId: string;
  /** Where it was asked: fairness and the organiser's caps work per server and channel. */
  readonly guildId?: string | undefined;
  readonly channelId?: string | undefined;
  readonly onQueued?: (position: number, etaSec: number) => void;
  /**
   * Called when the demo got its slot and starts (shared runs stop taking members soon after);
   * once per engine tried when a demo moves to another engine (engines.ts).
   */
  readonly onStart?: () => void;
  readonly signal?: AbortSignal;
  /**
   * An end-to-end deadline (epoch ms) that may come before this run's own: a demo retried on
   * another engine (engines.ts) gets what is left of its first attempt's, not a fresh one.
   */
  readonly deadlineAt?: number;
}

/** With less time than this left of a request's deadlineAt, a demo is not started at all. */
export const MIN_TIME_TO_START_MS = 1_000;

interface LiveRun {
  readonly controller: AbortController;
  /** Resolves once the run's cleanup is over. */
  readonly done: Promise<void>;
}

export class DemoRunner {
  private readonly admission: Admission;
  private readonly source: ContainerSource;
  private readonly live = new Map<string, LiveRun>();
  /** Runs whose cleanup failed (engine trouble): shutdown sweeps their labels once more. */
  readonly uncleanRunIds = new Set<string>();
  private closed = false;

  constructor(private readonly options: RunnerOptions) {
    const { config } = options;
    this.admission = new Admission(
      { maxConcurrent: config.maxConcurrent, queueSize: config.queueSize, userCooldownMs: config.userCooldownMs, guildMax: config.guildMax, channelMax: config.channelMax },
      options.now,
    );
    this.source = options.source ?? new ColdContainerSource(options.engine, config);
  }

  get stats(): { running: number; queued: number } {
    return { running: this.admission.running, queued: this.admission.queued };
  }

  /**
   * How hard demos press on the engine: saturated when every slot is taken or someone waits,
   * headroom when some run but a slot is free, idle otherwise (the warm pool refills by it).
   */
  get pressure(): 'idle' | 'headroom' | 'saturated' {
    const { running, queued } = this.admission;
    if (queued > 0 || running >= this.options.config.maxConcurrent) return 'saturated';
    return running > 0 ? 'headroom' : 'idle';
  }

  /** True while a run of this process still owns its resources (the reaper leaves them alone). */
  isRunAlive(runId: string): boolean {
    return this.live.has(runId);
  }

  async run(scenario: SandboxScenario, request: DemoRequest): Promise<DemoResult> {
    const requestedAt = performance.now();
    if (this.closed) throw new SandboxClosedError();
    const slot = await this.admission.admit(request);
    const startedAt = performance.now();
    const release = () => {
      slot.release(performance.now() - startedAt);
      this.options.onSlotFree?.();
    };
    if (request.deadlineAt !== undefined && request.deadlineAt - Date.now() < MIN_TIME_TO_START_MS) {
      // Its wait in this engine's queue used up what was left: no container for a demo that cannot finish.
      slot.memberDone();
      release();
      throw new DemoTimeoutError(this.options.config.deadlineMs);
    }
    request.onStart?.();
    const outcome = await this.execute(scenario, request, startedAt - requestedAt);
    // The member is free to ask again; the slot stays taken until the containers are gone (or the
    // cleanup's budget is spent), so the limits count them.
    slot.memberDone();
    void outcome.cleanup.finally(release);
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }

  /** The result or the error, plus the cleanup, still running in either case. */
  private async execute(
    scenario: SandboxScenario,
    request: DemoRequest,
    queueMs: number,
  ): Promise<{ result: DemoResult; cleanup: Promise<void> } | { error: unknown; cleanup: Promise<void> }> {
    const { config, engine } = this.options;
    const callerSignal = request.signal;
    const executeStart = performance.now();
    const runId = randomBytes(5).toString('hex');
    // The member's deadline is end to end: a retry keeps the first attempt's (never a longer one;
    // run() has checked that enough of it is left).
    const timeLeftMs = Math.min(config.deadlineMs, (request.deadlineAt ?? Infinity) - Date.now());
    const deadlineAt = Date.now() + timeLeftMs;
    const owner = this.options.ownerId;
    const run = new DemoRun(engine, this.options.logger, { runId, scenario: scenario.name, expiresAt: deadlineAt + EXPIRY_GRACE_MS, ...(owner ? { owner } : {}) });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DemoTimeoutError(config.deadlineMs)), timeLeftMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    if (callerSignal?.aborted) onCallerAbort();
    let finished!: () => void;
    this.live.set(runId, { controller, done: new Promise<void>((resolve) => (finished = resolve)) });
    const cleanup = () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
      if (!controller.signal.aborted) controller.abort(new Error('demo finished')); // stop any straggling step
      return this.cleanUp(run, finished);
    };

    const observer = this.options.observer;
    const { context, collected } = createScenarioContext({ config, engine, source: this.source, run, signal: controller.signal, deadlineAt, ...(observer ? { observer } : {}) });
    let checks: Checks;
    let runMs: number;
    try {
      const scenarioStart = performance.now();
      checks = await abortable(scenario.run(context), controller.signal).catch((error: unknown) => {
        if (error instanceof ExecTimeoutError) throw new DemoTimeoutError(config.deadlineMs, { cause: error });
        throw controller.signal.aborted ? controller.signal.reason : error;
      });
      runMs = performance.now() - scenarioStart - collected.createMs;
    } catch (error) {
      // The member hears at once; the containers are removed in the background.
      return { error, cleanup: cleanup() };
    }
    const cleaning = cleanup();
    // Measured facts can quote the host (a resolver's address): masked like every output.
    const shownChecks = Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, typeof v === 'string' ? redactHostAddresses(v, { enabled: config.redactHost }) : v]));
    const result: DemoResult = {
      scenario: scenario.name,
      runId,
      containers: collected.containers,
      ...(Object.keys(collected.outputs).length > 0 ? { outputs: collected.outputs } : {}),
      ...(collected.networks.length > 0 ? { networks: collected.networks } : {}),
      ...(collected.hostSide ? { hostSide: collected.hostSide } : {}),
      checks: shownChecks,
      timingsMs: {
        queue: Math.round(queueMs),
        create: Math.round(collected.createMs),
        run: Math.round(runMs),
        total: Math.round(queueMs + performance.now() - executeStart),
      },
      truncated: collected.truncated,
      warmContainers: collected.warm,
    };
    return { result, cleanup: cleaning };
  }

  /**
   * Removes the run's containers and networks; never rejects. Resolves when they are gone or the
   * budget is spent; the removal goes on after that, and a run it did not finish counts as
   * unclean (shutdown sweeps it, the reaper removes it once its labels expire).
   */
  private async cleanUp(run: DemoRun, finished: () => void): Promise<void> {
    const started = performance.now();
    const budgetMs = this.options.cleanupBudgetMs ?? CLEANUP_BUDGET_MS;
    let budget: NodeJS.Timeout | undefined;
    const stopping = run.stop().then(
      () => true,
      (error: unknown) => {
        this.options.logger.warn({ err: error, runId: run.runId }, 'demo cleanup failed');
        return true;
      },
    );
    const done = await Promise.race([stopping, new Promise<false>((resolve) => (budget = setTimeout(() => resolve(false), budgetMs)))]);
    clearTimeout(budget);
    if (!done || !run.clean) this.uncleanRunIds.add(run.runId);
    if (!done) {
      this.options.logger.warn({ runId: run.runId, scenario: run.scenario, budgetMs }, 'demo cleanup is taking longer than its budget; its slot is free again and the removal goes on');
      void stopping.then(() => run.clean && this.uncleanRunIds.delete(run.runId));
    }
    this.live.delete(run.runId);
    finished();
    this.options.logger.debug({ runId: run.runId, scenario: run.scenario, cleanupMs: Math.round(performance.now() - started), complete: done }, 'demo cleaned up');
  }

  /** Resolves once no run is live: every demo started so far has finished its cleanup. */
  async idle(): Promise<void> {
    while (this.live.size > 0) await Promise.all([...this.live.values()].map((run) => run.done));
  }

  /** Cancels queued demos, stops running ones and waits until their cleanup is done. */
  async shutdown(): Promise<void> {
    this.closed = true;
    this.admission.cancelQueued(new SandboxClosedError());
    const live = [...this.live.values()];
    for (const run of live) run.controller.abort(new SandboxClosedError());
    await Promise.all(live.map((run) => run.done));
  }
}
