/**
 * One demo scenario, described by itself: what the sandbox runs and everything a member reads
 * about it. Each file in scenarios/ exports one definition; registry.ts collects them into the
 * only list, from which the slash-command choices, the console help, validate-content, the bench
 * and the README's table all derive. Adding a scenario is one file, its test and its topics'
 * links.
 */
import type { SandboxConfig } from '../config.ts';
import type { CheckValue, Checks } from '../docker/result.ts';
import type { SandboxScenario, ScenarioContext } from '../docker/scenario.ts';
import type { Bilingual } from '../errors.ts';

export type { CheckValue, Checks };

/** How a check reads for members: a ✅/❌ line when it can pass or fail, an ℹ️ fact otherwise. */
export interface CheckCaption {
  readonly passes?: (value: CheckValue) => boolean;
  /** undefined when another check's line already shows this value. */
  readonly text: (value: CheckValue, all: Checks) => Bilingual | undefined;
}

/** What a run needs from the engine, for the README, the bench and the limits. */
export interface ScenarioUses {
  /** Containers one run starts. */
  readonly containers: number;
  /** Networks one run creates (and removes). */
  readonly networks: number;
  /** How many of its containers the warm pool can serve. */
  readonly warm: 'all' | 'some' | 'none';
}

export interface AvailabilityFacts {
  readonly config: SandboxConfig;
  /** Unknown until the start-up check has asked the engine. */
  readonly swarmManager: boolean | undefined;
  /** What the server the member is in allows (/settings); undefined outside a server. */
  readonly server?: { readonly hostScenario: boolean } | undefined;
}

export type Availability = { readonly enabled: true } | { readonly enabled: false; readonly reason: Bilingual };

export interface DemoScenario<N extends string = string, K extends string = string> extends SandboxScenario {
  readonly name: N;
  /** The slash-command choice and console help line (at most 100 characters). */
  readonly choice: Bilingual;
  /** The answer's title. */
  readonly title: Bilingual;
  /** The one-line lesson, shown under the title. */
  readonly lesson: Bilingual;
  /** The one sentence a member should take away, shown first under the output. */
  readonly takeaway: Bilingual;
  /** The library topic that explains this mode. */
  readonly topicId: string;
  readonly uses: ScenarioUses;
  /** A caption for every check the run returns. */
  readonly checks: Readonly<Record<K, CheckCaption>>;
  availability(facts: AvailabilityFacts): Availability;
  run(context: ScenarioContext): Promise<Readonly<Record<K, CheckValue>>>;
}

export const ALWAYS_AVAILABLE = (): Availability => ({ enabled: true });

export const isTrue = (value: CheckValue): boolean => value === true;

/** Keeps the literal name and check keys, so the registry knows every scenario's name. */
export function defineScenario<const N extends string, K extends string>(definition: DemoScenario<N, K>): DemoScenario<N, K> {
  return Object.freeze(definition);
}
