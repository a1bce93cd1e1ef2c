/**
 * The demos layer's entry point: a scenario by name, checked against what this server allows,
 * run in the sandbox, then explained. Both `/demo` and `netlab demo` come through here, so a
 * refusal reads the same everywhere.
 */
import type { DemoRequest } from '../docker/runner.ts';
import type { DemoResult } from '../docker/result.ts';
import type { EngineNetworks, Sandbox } from '../docker/sandbox.ts';
import type { Bilingual } from '../errors.ts';
import { closest } from '../text/did-you-mean.ts';
import { annotateDemo, type Annotation } from './explain.ts';
import { DemoChannelError, memberError, ScenarioDisabledError, UnknownScenarioError } from './refusals.ts';
import { isScenarioName, SCENARIO_NAMES, SCENARIOS, scenarioNamed, type ScenarioName } from './registry.ts';

/** A demo's result with its output explained line by line. `netlab demo --json` prints it. */
export interface DemoReport extends DemoResult {
  readonly annotations: readonly Annotation[];
}

export function resolveScenario(name: string): ScenarioName {
  if (isScenarioName(name)) return name;
  throw new UnknownScenarioError(SCENARIO_NAMES, closest(name, SCENARIO_NAMES));
}

/** Where a demo was asked for, and what that server allows (/settings). */
export interface DemoPlace {
  readonly channelId: string | undefined;
  /** Channels where /demo may run; null: every channel. */
  readonly demoChannels: readonly string[] | null;
  readonly hostScenario: boolean;
}

export async function runScenario(sandbox: Sandbox, name: string, request: DemoRequest, place?: DemoPlace): Promise<DemoReport> {
  const scenario = scenarioNamed(resolveScenario(name));
  if (place?.demoChannels && !(place.channelId && place.demoChannels.includes(place.channelId))) throw new DemoChannelError(place.demoChannels);
  // Swarm facts are left unknown here: overlay asks the engine itself when it runs.
  const availability = scenario.availability({ config: sandbox.config, swarmManager: undefined, server: place });
  if (!availability.enabled) throw new ScenarioDisabledError(scenario.name, availability.reason);
  try {
    const result = await sandbox.runDemo(scenario, request);
    return { ...result, annotations: annotateDemo(scenario.name, result.containers) };
  } catch (error) {
    throw memberError(error);
  }
}

/** How long one `docker network ls` serves every /networks (the list hardly changes). */
export const NETWORKS_CACHE_MS = 5_000;
const networkLists = new WeakMap<Sandbox, { readonly at: number; readonly rows: Promise<EngineNetworks> }>();

/**
 * A sandbox engine's networks and its name, with the same refusals as a demo. However many members press
 * /networks, the engine answers at most one listing every 5 s, one at a time.
 */
export async function listNetworks(sandbox: Sandbox, now: () => number = Date.now): Promise<EngineNetworks> {
  let cached = networkLists.get(sandbox);
  if (!cached || now() - cached.at >= NETWORKS_CACHE_MS) {
    cached = { at: now(), rows: sandbox.networks() };
    networkLists.set(sandbox, cached);
    // A failure is not kept: the next press asks the engine again.
    cached.rows.catch(() => networkLists.get(sandbox) === cached && networkLists.delete(sandbox));
  }
  try {
    return await cached.rows;
  } catch (error) {
    throw memberError(error);
  }
}

export interface ScenarioInfo {
  readonly name: ScenarioName;
  readonly title: Bilingual;
  readonly lesson: Bilingual;
  readonly topicId: string;
  readonly enabled: boolean;
  readonly disabledReason?: Bilingual;
}

/** Every scenario and whether it can run here, for `netlab sandbox status`. */
export function scenarioCatalog(sandbox: Sandbox): ScenarioInfo[] {
  return SCENARIOS.map((s) => {
    const availability = s.availability({ config: sandbox.config, swarmManager: sandbox.swarmManager });
    return { name: s.name, title: s.title, lesson: s.lesson, topicId: s.topicId, enabled: availability.enabled, ...(availability.enabled ? {} : { disabledReason: availability.reason }) };
  });
}
