/**
 * Runs demos: admission (limits, queue, one per member, cooldown), then the scenario under a
 * hard deadline. On expiry the run's signal fires, every pending step gives up, and the run's
 * containers and networks are killed and removed before DemoTimeoutError reaches the caller.
 * A demo that succeeds answers as soon as its outputs and checks are in, and its cleanup goes on
 * in the background: the member does not wait for container removal, yet the run keeps its
 * admission slot (and counts as live for the reaper and shutdown) until cleanup ends, so the
 * limits stay honest.
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
import { DemoRun } from './run.ts';
import type { SandboxScenario } from './scenario.ts';
import { createScenarioContext } from './scenario-context.ts';

/** Labels expire this long after the deadline: time for cleanup before the reaper may step in. */
export const EXPIRY_GRACE_MS = 30_000;

export interface RunnerOptions {
  readonly config: SandboxConfig;
  readonly engine: Engine;
  readonly logger: Logger;
  /** Where started containers come from; cold creation unless a warm pool is plugged in. */
  readonly source?: ContainerSource;
  readonly now?: () => number;
  /** Called whenever the last demo's cleanup ended and nobody waits (the warm pool refills then). */
  readonly onIdle?: () => void;
}

export interface DemoRequest {
  readonly userId: string;
  readonly onQueued?: (position: number, etaSec: number) => void;
  readonly signal?: AbortSignal;
}

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
    this.admission = new Admission({ maxConcurrent: config.maxConcurrent, queueSize: config.queueSize, userCooldownMs: config.userCooldownMs }, options.now);
    this.source = options.source ?? new ColdContainerSource(options.engine, config);
  }

  get stats(): { running: number; queued: number } {
    return { running: this.admission.running, queued: this.admission.queued };
  }

  /** Demos hold a slot (running or cleaning up) or wait for one. */
  get busy(): boolean {
    return this.admission.running > 0 || this.admission.queued > 0;
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
      if (!this.busy) this.options.onIdle?.();
    };
    let outcome: { result: DemoResult; cleanup: Promise<void> };
    try {
      outcome = await this.execute(scenario, request.signal, startedAt - requestedAt);
    } catch (error) {
      release();
      throw error;
    }
    // The member is free to ask again; the slot stays taken until the containers are gone, so the
    // limits count them.
    slot.memberDone();
    void outcome.cleanup.finally(release);
    return outcome.result;
  }

  /** The result plus its cleanup, still running when the demo succeeded. */
  private async execute(scenario: SandboxScenario, callerSignal: AbortSignal | undefined, queueMs: number): Promise<{ result: DemoResult; cleanup: Promise<void> }> {
    const { config, engine } = this.options;
    const executeStart = performance.now();
    const runId = randomBytes(5).toString('hex');
    const deadlineAt = Date.now() + config.deadlineMs;
    const run = new DemoRun(engine, this.options.logger, { runId, scenario: scenario.name, expiresAt: deadlineAt + EXPIRY_GRACE_MS });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DemoTimeoutError(config.deadlineMs)), config.deadlineMs);
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

    const { context, collected } = createScenarioContext({ config, engine, source: this.source, run, signal: controller.signal, deadlineAt });
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
      // A failed demo reports only once everything is gone: "failed" never leaves anything behind.
      await cleanup();
      throw error;
    }
    const cleaning = cleanup();
    const result: DemoResult = {
      scenario: scenario.name,
      runId,
      containers: collected.containers,
      ...(Object.keys(collected.outputs).length > 0 ? { outputs: collected.outputs } : {}),
      ...(collected.networks.length > 0 ? { networks: collected.networks } : {}),
      ...(collected.hostSide ? { hostSide: collected.hostSide } : {}),
      checks,
      timingsMs: {
        queue: Math.round(queueMs),
        create: Math.round(collected.createMs),
        run: Math.round(runMs),
        total: Math.round(queueMs + performance.now() - executeStart),
      },
      truncated: collected.truncated,
    };
    return { result, cleanup: cleaning };
  }

  /** Removes the run's containers and networks; never rejects. */
  private async cleanUp(run: DemoRun, finished: () => void): Promise<void> {
    const started = performance.now();
    try {
      await run.stop();
    } catch (error) {
      this.options.logger.warn({ err: error, runId: run.runId }, 'demo cleanup failed');
    } finally {
      if (!run.clean) this.uncleanRunIds.add(run.runId);
      this.live.delete(run.runId);
      finished();
      this.options.logger.debug({ runId: run.runId, scenario: run.scenario, cleanupMs: Math.round(performance.now() - started) }, 'demo cleaned up');
    }
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
