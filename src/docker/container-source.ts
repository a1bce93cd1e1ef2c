/**
 * The seam where a demo gets "a started hardened container for this scenario". The warm pool
 * (pool/pool.ts) implements it with pre-started containers built by the same policy, each used
 * for exactly one run, and falls back to this cold source for everything it cannot serve.
 */
import type { SandboxConfig } from '../config.ts';
import { abortable } from './engine/abortable.ts';
import type { Engine } from './engine/engine.ts';
import { DemoImageMissingError, isDockerApiError } from './errors.ts';
import { buildContainerSpec, type ContainerNeeds } from './policy.ts';
import type { DemoRun } from './run.ts';

export interface AcquiredContainer {
  readonly id: string;
  /** The container's name on the engine (what Docker's DNS would know it by). */
  readonly engineName: string;
  /** Pre-started by the warm pool rather than created for this run. */
  readonly warm?: boolean;
}

export interface ContainerSource {
  /**
   * Returns a started container that satisfies `needs`, already owned by `run` (which removes
   * it in stop()). Rejects with signal.reason when the signal fires first.
   */
  acquire(needs: ContainerNeeds, run: DemoRun, signal: AbortSignal): Promise<AcquiredContainer>;
}

export class ColdContainerSource implements ContainerSource {
  constructor(
    private readonly engine: Engine,
    private readonly config: SandboxConfig,
  ) {}

  async acquire(needs: ContainerNeeds, run: DemoRun, signal: AbortSignal): Promise<AcquiredContainer> {
    signal.throwIfAborted();
    const spec = buildContainerSpec(this.config, needs, run);
    // Not cancelled by the signal: a create still in flight is adopted (and so removed) on arrival.
    const creation = this.engine.createContainer(spec).then(async (created) => ({ ...created, owned: await run.adoptContainer(created.id) }));
    let created: { id: string; owned: boolean };
    try {
      created = await abortable(creation, signal);
    } catch (error) {
      throw await this.explainCreateFailure(error);
    }
    if (!created.owned) throw signal.reason ?? new Error('demo run already stopped');
    await this.engine.startContainer(created.id, { signal });
    return { id: created.id, engineName: spec.name };
  }

  /** A 404 on create means a missing image (or network); only the former is the organiser's to fix. */
  private async explainCreateFailure(error: unknown): Promise<unknown> {
    if (!isDockerApiError(error, 404)) return error;
    const present = await this.engine.imageExists(this.config.image).catch(() => true);
    return present ? error : new DemoImageMissingError(this.config.image, { cause: error });
  }
}
