/**
 * The closed set of demo scenarios, and the only list of them: the slash-command choices, the
 * console help, validate-content, the bench and the README's table derive from this array. A
 * member picks one of these names; nothing else reaches the sandbox.
 */
import type { DemoScenario } from './scenario.ts';
import { bridge } from './scenarios/bridge.ts';
import { container } from './scenarios/container.ts';
import { dns } from './scenarios/dns.ts';
import { host } from './scenarios/host.ts';
import { networks } from './scenarios/networks.ts';
import { none } from './scenarios/none.ts';
import { overlay } from './scenarios/overlay.ts';
import { p2p } from './scenarios/p2p.ts';
import { userBridge } from './scenarios/user-bridge.ts';

export const SCENARIOS = [bridge, host, none, container, userBridge, dns, overlay, p2p, networks] as const;

export type ScenarioName = (typeof SCENARIOS)[number]['name'];
export type AnyScenario = DemoScenario;

export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((s) => s.name);

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

export function scenarioNamed(name: ScenarioName): AnyScenario {
  return SCENARIOS.find((s) => s.name === name)!;
}

/** The most containers one demo starts: the runner's share of the container limit. */
export const MAX_CONTAINERS_PER_DEMO = Math.max(...SCENARIOS.map((s) => s.uses.containers));
