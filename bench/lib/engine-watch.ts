/**
 * Counts the demo containers the bench's own netlab processes have alive, from the engine's
 * event stream (create/start/die/destroy of containers labelled netlab.managed=true) seeded with
 * one listing. Only containers created from the bench's image tag are counted, so integration
 * tests running on the same engine at the same time cannot inflate the figures; containers of
 * any other image are counted separately, for information.
 */
import Dockerode from 'dockerode';
import { modemOptions } from '../../src/docker/engine/dockerode-engine.ts';
import { LABEL_MANAGED } from '../../src/docker/labels.ts';

type State = 1 | 2 | 3; // created, running, exited

interface EngineEvent {
  readonly Type?: string;
  readonly Action?: string;
  readonly status?: string;
  readonly id?: string;
  readonly Actor?: { readonly ID?: string; readonly Attributes?: Record<string, string> };
}

export interface CountSample {
  /** performance.now() in the bench process. */
  readonly at: number;
  readonly alive: number;
  readonly running: number;
}

export interface WindowMax {
  readonly alive: number;
  readonly running: number;
  /** Labelled containers of other images (other netlab processes on the engine) at most, for information. */
  readonly othersAlive: number;
}

const ACTIONS: Record<string, State | 0> = { create: 1, start: 2, die: 3, destroy: 0 };

export class ContainerWatch {
  private readonly docker: Dockerode;
  private readonly mine = new Map<string, State>();
  private readonly others = new Map<string, State>();
  private readonly samples: CountSample[] = [];
  private readonly otherSamples: { at: number; alive: number }[] = [];
  private stream: NodeJS.ReadableStream | null = null;
  private lastEventAt = performance.now();
  /** Events seen: a cross-check that the stream is alive. */
  events = 0;
  /** Labelled containers of other images created since start: someone else used the engine meanwhile. */
  othersCreated = 0;
  /** Our containers destroyed since start: a demo's clean-up is over once its containers are. */
  destroyed = 0;
  /** settle() calls that gave up at their cap instead of seeing the engine settle. */
  settleTimeouts = 0;

  constructor(
    dockerHost: string | undefined,
    /** Containers created from this image reference are "ours". */
    private readonly image: string,
  ) {
    this.docker = new Dockerode(modemOptions(dockerHost));
  }

  get alive(): number {
    return this.mine.size;
  }

  get running(): number {
    let n = 0;
    for (const s of this.mine.values()) if (s === 2) n++;
    return n;
  }

  async start(): Promise<void> {
    const filters = { type: ['container' as const], event: ['create', 'start', 'die', 'destroy'], label: [`${LABEL_MANAGED}=true`] };
    const stream = await this.docker.getEvents({ filters });
    this.stream = stream;
    const queued: EngineEvent[] = [];
    let seeded = false;
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        try {
          const event = JSON.parse(line) as EngineEvent;
          if (seeded) this.apply(event);
          else queued.push(event);
        } catch {
          // a torn line cannot happen with newline framing; ignore anything unparsable
        }
      }
    });
    stream.on('error', () => undefined);
    // Seed with what exists now; events queued meanwhile are applied after, idempotently.
    const rows = await this.docker.listContainers({ all: true, filters: { label: [`${LABEL_MANAGED}=true`] } });
    for (const row of rows) {
      const map = row.Image === this.image ? this.mine : this.others;
      map.set(row.Id, row.State === 'running' ? 2 : row.State === 'created' ? 1 : 3);
    }
    seeded = true;
    for (const event of queued.splice(0)) this.apply(event);
    this.record();
  }

  private apply(event: EngineEvent): void {
    const id = event.Actor?.ID ?? event.id;
    const action = event.Action ?? event.status ?? '';
    if (!id || !(action in ACTIONS)) return;
    this.events++;
    const map = event.Actor?.Attributes?.['image'] === this.image ? this.mine : this.others;
    const next = ACTIONS[action]!;
    if (map === this.others && action === 'create') this.othersCreated++;
    if (map === this.mine && next === 0 && map.has(id)) this.destroyed++;
    if (next === 0) map.delete(id);
    else map.set(id, Math.max(map.get(id) ?? 0, next) as State);
    // Quiet means quiet for the bench's own containers; others' activity does not hold it up.
    if (map === this.mine) this.lastEventAt = performance.now();
    this.record();
  }

  private record(): void {
    const at = performance.now();
    this.samples.push({ at, alive: this.mine.size, running: this.running });
    this.otherSamples.push({ at, alive: this.others.size });
  }

  /** The most containers alive (and running) between two performance.now() instants. */
  maxBetween(from: number, to: number): WindowMax {
    let alive = 0;
    let running = 0;
    let othersAlive = 0;
    // The state in force at `from` counts too.
    const before = this.samples.filter((s) => s.at <= from).at(-1);
    for (const s of [...(before ? [before] : []), ...this.samples.filter((x) => x.at > from && x.at <= to)]) {
      alive = Math.max(alive, s.alive);
      running = Math.max(running, s.running);
    }
    const otherBefore = this.otherSamples.filter((s) => s.at <= from).at(-1);
    for (const s of [...(otherBefore ? [otherBefore] : []), ...this.otherSamples.filter((x) => x.at > from && x.at <= to)]) othersAlive = Math.max(othersAlive, s.alive);
    return { alive, running, othersAlive };
  }

  /**
   * Waits until at least `destroyedAtLeast` of our containers have been destroyed since start (a
   * demo's containers are removed after its answer, so a quiet engine right after an answer
   * means nothing yet), at least `minRunning` of ours run (a pool refilled), and none of ours has
   * had an event for `quietMs` — or until `capMs` passed. Returns the time waited.
   */
  async settle(options: { quietMs?: number; capMs?: number; minRunning?: number; destroyedAtLeast?: number } = {}): Promise<number> {
    const { quietMs = 200, capMs = 5_000, minRunning = 0, destroyedAtLeast = 0 } = options;
    const started = performance.now();
    for (;;) {
      const now = performance.now();
      const quietFor = now - this.lastEventAt;
      if (quietFor >= quietMs && this.running >= minRunning && this.destroyed >= destroyedAtLeast) return now - started;
      if (now - started >= capMs) {
        this.settleTimeouts++;
        return now - started;
      }
      await new Promise((r) => setTimeout(r, Math.max(10, Math.min(50, quietMs - quietFor))));
    }
  }

  /** Labelled containers of our image that exist on the engine right now (a fresh listing). */
  async listMine(): Promise<{ id: string; name: string; state: string }[]> {
    const rows = await this.docker.listContainers({ all: true, filters: { label: [`${LABEL_MANAGED}=true`] } });
    return rows.filter((r) => r.Image === this.image).map((r) => ({ id: r.Id, name: (r.Names?.[0] ?? '').replace(/^\//, ''), state: r.State }));
  }

  stop(): void {
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | null;
    stream?.destroy?.();
    this.stream = null;
  }
}
