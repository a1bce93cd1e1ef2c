/**
 * Shared live runs: when a teacher says "everyone, run /demo bridge now", thirty members asking
 * for the same scenario at once share one real run instead of thirty container starts the engine
 * cannot give in time. A member joins a run of the same scenario that is still waiting for a
 * slot, or that started at most `windowMs` ago and has no output yet; everyone in it gets that
 * run's real output, with the number of classmates who shared it. Nobody ever gets output that
 * did not come from a run: a member who asks once the run's output is in (or after the window)
 * gets a fresh run, which the next askers may share in turn.
 *
 * What a shared run counts: the member rules (one demo at a time, the cooldown) are checked for
 * every member before they get here, and each member's cooldown starts with their own answer. The
 * engine's limits (slots, queue, the server and channel caps) count runs, the work the engine
 * does: a member who joins adds no container, so joining is never refused as busy. The run is
 * stopped only when every member in it gave up (their signals); one leaving does not cancel it
 * for the others.
 */
import type { DemoResult } from './result.ts';
import type { DemoRequest } from './runner.ts';
import type { SandboxScenario } from './scenario.ts';

export interface CoalescerOptions {
  /** How long after it started a run still takes members; 0 turns sharing off. */
  readonly windowMs: number;
  /** Runs one real demo (the engines' placement and failover). */
  readonly run: (scenario: SandboxScenario, request: DemoRequest) => Promise<DemoResult>;
  readonly now?: () => number;
}

interface Member {
  readonly request: DemoRequest;
  readonly requestedAt: number;
}

interface SharedRun {
  readonly members: Set<Member>;
  readonly controller: AbortController;
  readonly result: Promise<DemoResult>;
  /** When the run got its slot; undefined while it waits for one. */
  startedAt: number | undefined;
  /** Its output is in (or it failed): nobody joins any more. */
  settled: boolean;
}

export class RunCoalescer {
  private readonly open = new Map<string, SharedRun>();
  private readonly now: () => number;
  private runs = 0;

  constructor(private readonly options: CoalescerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Runs currently taking members, per scenario (for tests and the status view). */
  get openRuns(): number {
    return this.open.size;
  }

  async run(scenario: SandboxScenario, request: DemoRequest): Promise<DemoResult> {
    if (this.options.windowMs <= 0) return this.options.run(scenario, request);
    request.signal?.throwIfAborted();
    const member: Member = { request, requestedAt: this.now() };
    const shared = this.joinable(scenario.name) ?? this.begin(scenario, request);
    shared.members.add(member);
    try {
      const result = await this.waitFor(shared, member);
      const classmates = shared.members.size - 1;
      return {
        ...result,
        timingsMs: { ...result.timingsMs, total: Math.max(0, Math.round(this.now() - member.requestedAt)) },
        ...(classmates > 0 ? { sharedWith: classmates } : {}),
      };
    } catch (error) {
      shared.members.delete(member);
      throw error;
    }
  }

  private joinable(name: string): SharedRun | undefined {
    const shared = this.open.get(name);
    if (!shared || shared.settled || shared.controller.signal.aborted) return undefined;
    if (shared.startedAt !== undefined && this.now() - shared.startedAt > this.options.windowMs) return undefined;
    return shared;
  }

  private begin(scenario: SandboxScenario, first: DemoRequest): SharedRun {
    const controller = new AbortController();
    const members = new Set<Member>();
    // The engine sees one request: the first member's place (for its fairness and caps), every
    // member's queue position, and a signal that fires only when all of them gave up. Its user is
    // the run itself: the member rules were applied to each member already, and a member who left
    // may ask again at once without being taken for this run's owner.
    const leader: DemoRequest = {
      userId: `shared-run-${++this.runs}`,
      guildId: first.guildId,
      channelId: first.channelId,
      signal: controller.signal,
      ...(first.deadlineAt !== undefined ? { deadlineAt: first.deadlineAt } : {}),
      onQueued: (position, etaSec) => members.forEach((m) => m.request.onQueued?.(position, etaSec)),
      onStart: () => {
        shared.startedAt ??= this.now();
      },
    };
    // Started on the next tick, by which time `shared` is in the map and the first member in it.
    const result = Promise.resolve()
      .then(() => this.options.run(scenario, leader))
      .finally(() => {
        shared.settled = true;
        if (this.open.get(scenario.name) === shared) this.open.delete(scenario.name);
      });
    result.catch(() => undefined); // each member hears it through waitFor
    const shared: SharedRun = { members, controller, result, startedAt: undefined, settled: false };
    this.open.set(scenario.name, shared);
    return shared;
  }

  /** The run's result for one member, or their own signal's reason if they give up first. */
  private waitFor(shared: SharedRun, member: Member): Promise<DemoResult> {
    const { signal } = member.request;
    if (!signal) return shared.result;
    return new Promise<DemoResult>((resolve, reject) => {
      const onAbort = () => {
        shared.members.delete(member);
        if (shared.members.size === 0 && !shared.settled) shared.controller.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.result.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
