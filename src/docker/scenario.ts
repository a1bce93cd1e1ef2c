/**
 * What a scenario is: fixed code that asks its context for hardened containers, temporary
 * networks and fixed commands, and returns checks. A scenario never sees user text and never
 * touches the engine's write operations directly: containers come from the policy via the
 * context, so a warm pool can supply them later without changing any scenario.
 */
import type { SandboxConfig } from '../config.ts';
import type { Bilingual } from '../errors.ts';
import type { Engine } from './engine.ts';
import type { ContainerNeeds } from './policy.ts';
import type { Checks } from './result.ts';

export interface DemoContainer {
  readonly id: string;
  /** Friendly name shown to members, e.g. "demo-target". */
  readonly name: string;
  readonly role: string;
  /** Friendly network mode shown to members, e.g. "container:demo-target". */
  readonly networkMode: string;
}

export interface DemoNetwork {
  readonly id: string;
  /** The engine-wide unique name (carries the run id). */
  readonly name: string;
  /** What members see, e.g. "demo-net". */
  readonly friendlyName: string;
}

/** A command fixed in code; `label` is how a member would type it. */
export interface FixedCommand {
  readonly label: string;
  readonly argv: readonly string[];
}

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly truncated: boolean;
}

export interface RunCommandOptions {
  /** Non-zero exit is part of the lesson (a failed ping), not a broken demo. */
  readonly allowFailure?: boolean;
  /** Rewrites the text recorded for members (host-mode redaction). */
  readonly present?: (text: string) => string;
}

/** The engine reads a scenario may make, plus swarm init (gated by config in overlay.ts). */
export type ScenarioEngine = Pick<Engine, 'info' | 'inspectNetwork' | 'listNetworks' | 'swarmInit'>;

export interface ScenarioContext {
  readonly config: SandboxConfig;
  readonly runId: string;
  readonly signal: AbortSignal;
  readonly engine: ScenarioEngine;
  startContainer(name: string, needs: ContainerNeeds, shownNetworkMode?: string): Promise<DemoContainer>;
  createNetwork(friendlyName: string, driver: 'bridge' | 'overlay'): Promise<DemoNetwork>;
  run(container: DemoContainer, command: FixedCommand, options?: RunCommandOptions): Promise<CommandOutput>;
  /** Several commands in one exec (one round trip); each output is recorded under its own label. */
  runAll<const T extends readonly FixedCommand[]>(container: DemoContainer, commands: T, options?: RunCommandOptions): Promise<{ -readonly [K in keyof T]: CommandOutput }>;
  /**
   * Runs the commands as the container's final work, fed to its own waiting shell instead of an
   * exec: no extra process through the runtime (about 10 ms instead of 100 ms here, and less
   * work for the engine when many demos run at once). The container exits afterwards, so nothing
   * may run in it later. Each output is recorded under its own label.
   */
  runFinal<const T extends readonly FixedCommand[]>(container: DemoContainer, commands: T, options?: RunCommandOptions): Promise<{ -readonly [K in keyof T]: CommandOutput }>;
  /** Records scenario-level output, e.g. the network table. */
  show(label: string, text: string): void;
}

export interface Availability {
  readonly enabled: boolean;
  readonly reason?: Bilingual;
}

export interface AvailabilityFacts {
  readonly config: SandboxConfig;
  /** Unknown until the start-up check has asked the engine. */
  readonly swarmManager: boolean | undefined;
}

export interface ScenarioDefinition {
  readonly name: string;
  readonly title: Bilingual;
  readonly summary: Bilingual;
  /** The library topic that explains this mode. */
  readonly topicId: string;
  /** The one sentence a member should take away, shown first under the output. */
  readonly takeaway: Bilingual;
  availability(facts: AvailabilityFacts): Availability;
  run(context: ScenarioContext): Promise<Checks>;
}

export const ALWAYS_AVAILABLE = (): Availability => ({ enabled: true });
