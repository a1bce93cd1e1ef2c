/**
 * Runs demos: admission (limits, queue, one per member, cooldown), then the scenario under a
 * hard deadline. On expiry the run's signal fires, every pending step gives up, and the run's
 * containers and networks are killed and removed before DemoTimeoutError reaches the caller.
 * Cleanup always happens (finally), and the slot is released only after it.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { abortable } from './abortable.ts';
import { Admission } from './admission.ts';
import { ColdContainerSource, type ContainerSource } from './container-source.ts';
import type { Engine } from './engine.ts';
import { DemoTimeoutError, ExecTimeoutError, SandboxClosedError, ScenarioDisabledError, UnknownScenarioError } from './errors.ts';
import { annotateDemo } from './explain.ts';
import { DemoRun } from './run.ts';
import type { ScenarioDefinition } from './scenario.ts';
import { createScenarioContext } from './scenario-context.ts';
import type { Checks, DemoResult } from './result.ts';

/** Labels expire this long after the deadline: time for cleanup before the reaper may step in. */
export const EXPIRY_GRACE_MS = 30_000;

export interface RunnerOptions {
  readonly config: SandboxConfig;
  readonly engine: Engine;
  readonly logger: Logger;
  readonly scenarios: ReadonlyMap<string, ScenarioDefinition>;
  /** Where started containers come from; cold creation unless a warm pool is plugged in. */
  readonly source?: ContainerSource;
  readonly now?: () => number;
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

  /** True while a run of this process still owns its resources (the reaper leaves them alone). */
  isRunAlive(runId: string): boolean {
    return this.live.has(runId);
  }

  async run(name: string, request: DemoRequest): Promise<DemoResult> {
    const requestedAt = performance.now();
    const definition = this.options.scenarios.get(name);
    if (!definition) throw new UnknownScenarioError([...this.options.scenarios.keys()]);
    if (this.closed) throw new SandboxClosedError();
    // Swarm facts are left unknown here: overlay checks the engine itself when it runs.
    if (!definition.availability({ config: this.options.config, swarmManager: undefined }).enabled) throw new ScenarioDisabledError(name);
    const slot = await this.admission.admit(request);
    const startedAt = performance.now();
    try {
      return await this.execute(definition, request.signal, startedAt - requestedAt);
    } finally {
      slot.release(performance.now() - startedAt);
    }
  }

  private async execute(definition: ScenarioDefinition, callerSignal: AbortSignal | undefined, queueMs: number): Promise<DemoResult> {
    const { config, engine, logger } = this.options;
    const executeStart = performance.now();
    const runId = randomBytes(5).toString('hex');
    const deadlineAt = Date.now() + config.deadlineMs;
    const run = new DemoRun(engine, logger, { runId, scenario: definition.name, expiresAt: deadlineAt + EXPIRY_GRACE_MS });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DemoTimeoutError(config.deadlineMs)), config.deadlineMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    if (callerSignal?.aborted) onCallerAbort();
    let finished!: () => void;
    this.live.set(runId, { controller, done: new Promise<void>((resolve) => (finished = resolve)) });

    const { context, collected } = createScenarioContext({ config, engine, source: this.source, run, signal: controller.signal, deadlineAt });
    let checks: Checks;
    let runMs: number;
    let cleanupMs: number;
    try {
      const scenarioStart = performance.now();
      checks = await abortable(definition.run(context), controller.signal).catch((error: unknown) => {
        if (error instanceof ExecTimeoutError) throw new DemoTimeoutError(config.deadlineMs, { cause: error });
        throw controller.signal.aborted ? controller.signal.reason : error;
      });
      runMs = performance.now() - scenarioStart - collected.createMs;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
      if (!controller.signal.aborted) controller.abort(new Error('demo finished')); // stop any straggling step
      const cleanupStart = performance.now();
      await run.stop();
      cleanupMs = performance.now() - cleanupStart;
      if (!run.clean) this.uncleanRunIds.add(runId);
      this.live.delete(runId);
      finished();
    }
    logger.debug({ runId, scenario: definition.name }, 'demo finished');
    return {
      scenario: definition.name,
      runId,
      containers: collected.containers,
      ...(Object.keys(collected.outputs).length > 0 ? { outputs: collected.outputs } : {}),
      checks,
      annotations: annotateDemo(definition.name, collected.containers),
      timingsMs: {
        queue: Math.round(queueMs),
        create: Math.round(collected.createMs),
        run: Math.round(runMs),
        cleanup: Math.round(cleanupMs),
        total: Math.round(queueMs + performance.now() - executeStart),
      },
      truncated: collected.truncated,
    };
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
