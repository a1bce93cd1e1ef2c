/**
 * netlab's Prometheus metrics (prom-client), every name prefixed `netlab_`. Counters and
 * histograms are fed by the dispatcher (one event per interaction) and the sandbox (one per
 * finished or refused demo, one per engine failure); what can be read at any moment (queues,
 * warm containers, breakers) is read when Prometheus scrapes, so nothing else needs a hook.
 * Label values are closed sets: command names from the registry, scenario names, engine names
 * from the configuration, refusal codes — never a user id or anything a member typed.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { InteractionEvent } from '../discord/dispatcher.ts';
import type { SandboxObserver, SandboxSet } from '../docker/engines.ts';

export interface NetlabMetrics {
  readonly registry: Registry;
  /** For the dispatcher. */
  interactionDone(event: InteractionEvent): void;
  /** For the sandbox. */
  readonly sandbox: SandboxObserver;
  /** Reads queues, warm containers and breakers from these engines at every scrape. */
  watch(sandbox: SandboxSet): void;
  /** Adds Node's default process metrics (CPU, memory, event loop, handles). */
  collectProcessMetrics(): void;
  /** The text Prometheus scrapes. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  /** Names that may appear in the `command` label; anything else is counted as "unknown". */
  readonly commands: readonly string[];
  readonly scenarios: readonly string[];
}

const seconds = (ms: number) => ms / 1000;

export function createMetrics(options: MetricsOptions): NetlabMetrics {
  const registry = new Registry();
  const commands = new Set(options.commands);
  const scenarios = new Set(options.scenarios);
  let processMetrics = false;

  const interactions = new Counter({
    name: 'netlab_interactions_total',
    help: 'Interactions handled, by command, kind (command, button, form, autocomplete) and outcome (ok, user_error, error).',
    labelNames: ['command', 'kind', 'outcome'] as const,
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'netlab_interaction_ack_seconds',
    help: 'From the interaction reaching netlab to its acknowledgement (a reply or a defer); Discord allows 3 s.',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5],
    registers: [registry],
  });
  const demoDuration = new Histogram({
    name: 'netlab_demo_duration_seconds',
    help: 'From a demo request to its result (queue included), by scenario and start (warm: a pooled container served it).',
    labelNames: ['scenario', 'start'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'netlab_demo_refusals_total',
    help: 'Demos refused at once, by reason (sandbox-busy is the "busy, try again" answer).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const engineErrors = new Counter({
    name: 'netlab_engine_errors_total',
    help: 'Times a sandbox engine did not answer a demo or a listing (refused, reset, timed out).',
    labelNames: ['engine'] as const,
    registers: [registry],
  });

  const watched: SandboxSet[] = [];
  const perEngine = (read: (set: SandboxSet) => [Record<string, string>, number][]) =>
    function (this: Gauge<string>) {
      this.reset();
      for (const set of watched) for (const [labels, value] of read(set)) this.set(labels, value);
    };
  new Gauge({
    name: 'netlab_demo_queue_depth',
    help: 'Demos waiting for a slot, per engine.',
    labelNames: ['engine'] as const,
    registers: [registry],
    collect: perEngine((set) => set.engines.map((e) => [{ engine: e.name }, e.load().queued])),
  });
  new Gauge({
    name: 'netlab_demos_running',
    help: 'Demos holding a slot (running or removing their containers), per engine.',
    labelNames: ['engine'] as const,
    registers: [registry],
    collect: perEngine((set) => set.engines.map((e) => [{ engine: e.name }, e.load().running])),
  });
  new Gauge({
    name: 'netlab_pool_ready_containers',
    help: 'Warm containers started and waiting for a demo, per engine and kind.',
    labelNames: ['engine', 'kind'] as const,
    registers: [registry],
    collect: perEngine((set) => set.engines.flatMap((e) => Object.entries(e.load().warmByKind).map(([kind, ready]): [Record<string, string>, number] => [{ engine: e.name, kind }, ready]))),
  });
  new Gauge({
    name: 'netlab_engine_up',
    help: '1 while an engine takes demos, 0 while its breaker has taken it out (until a probe sees it answer).',
    labelNames: ['engine'] as const,
    registers: [registry],
    collect: perEngine((set) => set.engines.map((e) => [{ engine: e.name }, e.breaker().state === 'closed' ? 1 : 0])),
  });

  return {
    registry,
    interactionDone(event) {
      const name = event.command.replace(/:button$/, '');
      const command = commands.has(name) ? event.command : 'unknown';
      const outcome = event.outcome.startsWith('user_error') ? 'user_error' : event.outcome === 'ok' ? 'ok' : 'error';
      interactions.inc({ command, kind: event.kind, outcome });
      if (event.ackMs !== undefined) ack.observe({ kind: event.kind }, seconds(event.ackMs));
    },
    sandbox: {
      demoFinished: (e) => demoDuration.observe({ scenario: scenarios.has(e.scenario) ? e.scenario : 'unknown', start: e.warm ? 'warm' : 'cold' }, e.seconds),
      demoRefused: (e) => refusals.inc({ reason: e.code }),
      engineFailed: (e) => engineErrors.inc({ engine: e.engine }),
    },
    watch(set) {
      watched.push(set);
      // Engines known from the start show up at 0 rather than missing until their first error.
      for (const engine of set.engines) engineErrors.inc({ engine: engine.name }, 0);
    },
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry, prefix: 'netlab_' });
    },
    render: () => registry.metrics(),
  };
}
