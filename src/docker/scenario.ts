/**
 * The contract between the sandbox and a scenario: fixed code that asks its context for
 * hardened containers, temporary networks and fixed commands, and returns checks. A scenario
 * never sees user text and never touches the engine's write operations directly: containers
 * come from the policy through the context (warm from the pool or created cold).
 */
import type { SandboxConfig } from '../config.ts';
import type { CommandOutput, Engine } from './engine/engine.ts';
import type { ContainerNeeds } from './policy.ts';
import type { Checks, DemoNetworkFacts } from './result.ts';

export interface DemoContainer {
  readonly id: string;
  /** Friendly name shown to members, e.g. "demo-target". */
  readonly name: string;
  readonly role: string;
  /** Friendly network mode shown to members, e.g. "container:demo-target". */
  readonly networkMode: string;
  /** The name on the engine, which Docker's embedded DNS resolves on user-defined networks. */
  readonly engineName: string;
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

export type { CommandOutput };

export interface RunCommandOptions {
  /**
   * Non-zero exit is part of the lesson (a failed ping), not a broken demo: `true` for every
   * command of the call, or the very commands that may fail when a batch mixes both kinds.
   */
  readonly allowFailure?: boolean | readonly FixedCommand[];
}

/** The engine reads a scenario may make, plus swarm init (gated by config in overlay.ts). */
export type ScenarioEngine = Pick<Engine, 'info' | 'inspectNetwork' | 'listNetworks' | 'swarmInit'>;

/** A container in the host's network namespace, started alongside the demo's own ones. */
export interface HostView {
  /**
   * Runs fixed commands as its final work while the demo's containers (and their cables) are
   * still there; the output is redacted like host mode and kept apart from the containers'.
   */
  look<const T extends readonly FixedCommand[]>(commands: T, options?: Pick<RunCommandOptions, 'allowFailure'>): Promise<{ -readonly [K in keyof T]: CommandOutput }>;
}

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
  /** Inspects a network and keeps what the engine says about it in the result; `shownAs` is its friendly name. */
  observeNetwork(idOrName: string, shownAs: string): Promise<DemoNetworkFacts>;
  /**
   * Starts getting a host-namespace container now (warm from the pool where it can), to look at
   * the host's ends of the run's veth pairs later. Undefined when the organiser switched
   * host-namespace containers off (SANDBOX_HOST_SCENARIO=false).
   */
  hostView(): HostView | undefined;
}

/**
 * What the sandbox runs: fixed code with a name (for labels and logs) that asks its context for
 * containers, networks and fixed commands and returns checks. Everything a member reads about a
 * scenario (titles, lessons, captions) lives with its definition in src/demos/.
 */
export interface SandboxScenario {
  readonly name: string;
  /** Runs only on a swarm manager (overlay): with several engines, a manager is preferred. */
  readonly needsSwarmManager?: boolean;
  run(context: ScenarioContext): Promise<Checks>;
}
