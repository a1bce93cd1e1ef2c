/**
 * A started demo as a value: it knows every container and network created for it and removes
 * them in `stop()`, which is idempotent and never throws (so `await using` cleanup cannot mask
 * the error that made us leave). After stop, anything still arriving (a create that was in
 * flight when the deadline hit) is removed on arrival.
 */
import './dispose-polyfill.ts';
import type { Logger } from '../log.ts';
import { delay } from './engine/abortable.ts';
import type { Engine } from './engine/engine.ts';
import { isDockerApiError } from './errors.ts';
import { LABEL_RUN } from './labels.ts';
import type { RunIdentity } from './policy.ts';

export class DemoRun implements AsyncDisposable {
  readonly runId: string;
  readonly scenario: string;
  readonly expiresAt: number;
  readonly owner: string | undefined;
  private readonly containers = new Set<string>();
  private readonly networks = new Set<string>();
  private stopping: Promise<void> | undefined;
  private failures = 0;
  private readonly stopListeners: (() => void)[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly logger: Logger,
    identity: RunIdentity,
  ) {
    this.runId = identity.runId;
    this.scenario = identity.scenario;
    this.expiresAt = identity.expiresAt;
    this.owner = identity.owner;
  }

  get stopped(): boolean {
    return this.stopping !== undefined;
  }

  /** False when stop() could not remove something (the reaper or shutdown sweep will). */
  get clean(): boolean {
    return this.failures === 0;
  }

  /** Takes ownership of a container; returns false (and removes it) when the run already stopped. */
  async adoptContainer(id: string): Promise<boolean> {
    if (!this.stopping) {
      this.containers.add(id);
      return true;
    }
    await this.quietly('container remove', id, () => this.engine.removeContainer(id));
    return false;
  }

  async adoptNetwork(id: string): Promise<boolean> {
    if (!this.stopping) {
      this.networks.add(id);
      return true;
    }
    await this.stopping;
    await this.removeNetwork(id);
    return false;
  }

  stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = this.removeEverything();
      for (const listener of this.stopListeners.splice(0)) listener();
    }
    return this.stopping;
  }

  /** Calls `listener` once stop() begins (at once if it already has): the demo has its answer or gave up. */
  onStop(listener: () => void): void {
    if (this.stopping) listener();
    else this.stopListeners.push(listener);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  private async removeEverything(): Promise<void> {
    // Also sweep by label: catches a container whose create finished after we stopped tracking.
    const labelled = await this.engine.listContainers({ labels: { [LABEL_RUN]: this.runId } }).catch((error: unknown) => this.listFailed(error));
    const containers = new Set([...this.containers, ...labelled.map((c) => c.id)]);
    await Promise.all([...containers].map((id) => this.quietly('container remove', id, () => this.engine.removeContainer(id))));
    const labelledNetworks = await this.engine.listNetworks({ labels: { [LABEL_RUN]: this.runId } }).catch((error: unknown) => this.listFailed(error));
    const networks = new Set([...this.networks, ...labelledNetworks.map((n) => n.id)]);
    await Promise.all([...networks].map((id) => this.removeNetwork(id)));
  }

  /**
   * A network can report active endpoints for a moment after its containers are gone, and a
   * swarm (overlay) network stays listed briefly after its removal succeeded: retry, then wait
   * until the engine no longer knows it, so stop() means gone.
   */
  private async removeNetwork(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.engine.removeNetwork(id);
        break;
      } catch (error) {
        if (attempt >= 5 || !isDockerApiError(error)) return this.warn('network remove', id, error);
        await delay(100 * attempt);
      }
    }
    for (let waited = 0; waited < 3_000; waited += 50) {
      const gone = await this.engine.inspectNetwork(id).then(
        () => false,
        (error: unknown) => isDockerApiError(error, 404),
      );
      if (gone) return;
      await delay(50);
    }
    this.warn('network remove (still listed)', id, new Error('network still present 3 s after removal'));
  }

  private listFailed(error: unknown): [] {
    this.warn('list by run label', this.runId, error);
    return [];
  }

  private async quietly(operation: string, id: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.warn(operation, id, error);
    }
  }

  private warn(operation: string, id: string, error: unknown): void {
    this.failures++;
    // The reaper removes what we could not, once the labels' expiry passes.
    this.logger.warn({ err: error, runId: this.runId, id }, `demo cleanup: ${operation} failed`);
  }
}
