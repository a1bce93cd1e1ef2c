/**
 * Which netlab process owns what, and whether it still lives. Every container and network a
 * process creates carries its owner id (LABEL_OWNER). The process proves it is alive with a
 * lease: one tiny hardened container (no network, nothing but a shell) whose shell waits on its
 * stdin, which the owner holds open through an attach. When the owner dies — SIGKILL, a crash,
 * its machine gone — the connection closes, the lease's stdin ends and the lease exits at once.
 * So on any engine, a running lease means a live owner: reapers of every netlab process remove
 * what dead owners left, whatever its expiry, and never touch what a live owner holds. If the
 * lease is lost while the owner lives (the engine restarted), the owner starts a new one.
 *
 * Where the organiser allows host mode, the lease sits in the host's network namespace and also
 * serves as the sandbox's observer: a demo's picture needs the host's ends of its veth cables,
 * and one exec in the standing lease (about 0.1 s of engine work) shows them, where a container
 * started for it would cost each demo 0.6–0.9 CPU s.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Engine, StdinHold } from './engine/engine.ts';
import { DemoImageMissingError, isDockerApiError } from './errors.ts';
import { LABEL_OWNER, LABEL_SCENARIO, MANAGED_FILTER } from './labels.ts';
import { buildContainerSpec } from './policy.ts';

/** The scenario label of lease containers. */
export const LEASE = 'lease';
/** A lease waits this long at most (its shell's read timeout); the owner's lifetime, in practice. */
const LEASE_YEARS_MS = 10 * 365 * 24 * 3_600_000;
const RETRY_MS = [1_000, 5_000, 15_000, 60_000] as const;

/** Owner ids with a running lease on this engine. */
export async function liveOwners(engine: Engine): Promise<Set<string>> {
  const leases = await engine.listContainers({ labels: { ...MANAGED_FILTER, [LABEL_SCENARIO]: LEASE } });
  return new Set(leases.filter((c) => c.state === 'running').map((c) => c.labels[LABEL_OWNER] ?? '').filter(Boolean));
}

export class OwnerLease {
  readonly ownerId = randomBytes(5).toString('hex');
  private holding: Promise<void> | undefined;
  private hold: StdinHold | undefined;
  private containerId: string | undefined;
  private released = false;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly engine: Engine,
    private readonly config: SandboxConfig,
    private readonly logger: Logger,
  ) {}

  /** Resolves once this process holds a running lease; idempotent. Rejects while the engine fails. */
  ensure(): Promise<void> {
    if (this.released) return Promise.reject(new Error('the owner lease was released'));
    this.holding ??= this.take().catch((error: unknown) => {
      this.holding = undefined;
      throw error;
    });
    return this.holding;
  }

  private async take(): Promise<void> {
    const now = Date.now();
    const network = this.config.hostScenario ? ({ kind: 'host' } as const) : ({ kind: 'none' } as const);
    const spec = buildContainerSpec(this.config, { role: LEASE, network }, { runId: this.ownerId, scenario: LEASE, expiresAt: now + LEASE_YEARS_MS, owner: this.ownerId }, now);
    // A lease lost to an engine restart may still be listed under our name: replace it.
    await this.engine.removeContainer(spec.name);
    const { id } = await this.engine.createContainer(spec).catch((error: unknown) => {
      // The lease runs the demo image: a 404 here is the organiser's missing image.
      throw isDockerApiError(error, 404) ? new DemoImageMissingError(this.config.image, { cause: error }) : error;
    });
    try {
      await this.engine.startContainer(id);
      this.hold = await this.engine.holdStdin(id);
    } catch (error) {
      await this.engine.removeContainer(id).catch(() => undefined);
      throw error;
    }
    this.containerId = id;
    this.failures = 0;
    void this.hold.closed.then(() => this.lost());
  }

  /** The hold ended without release(): the engine went away; take a new lease when it is back. */
  private lost(): void {
    if (this.released) return;
    this.holding = undefined;
    this.hold = undefined;
    const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
    this.logger.warn({ ownerId: this.ownerId, retryInMs: wait }, 'owner lease lost (engine restarted or unreachable); taking a new one');
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.ensure().catch(() => {
        this.failures++;
        this.lost();
      });
    }, wait);
    this.retry.unref();
  }

  /**
   * The lease's container id when it stands in the host's network namespace (host mode allowed),
   * for fixed read-only commands that show the host's side of a demo; undefined otherwise.
   */
  async observer(): Promise<string | undefined> {
    if (!this.config.hostScenario) return undefined;
    await this.ensure();
    return this.containerId;
  }

  /** Ends the lease (graceful shutdown): nothing of ours should be left, so nobody needs it. */
  async release(): Promise<void> {
    this.released = true;
    clearTimeout(this.retry);
    await this.holding?.catch(() => undefined);
    this.hold?.release();
    if (this.containerId) await this.engine.removeContainer(this.containerId).catch((error: unknown) => this.logger.warn({ err: error }, 'owner lease: remove failed'));
  }
}
