/** The closed set of demo scenarios. A member picks one of these names; nothing else. */
import type { ScenarioDefinition } from '../scenario.ts';
import { bridgeScenario } from './bridge.ts';
import { containerScenario } from './container.ts';
import { hostScenario } from './host.ts';
import { networksScenario } from './networks.ts';
import { noneScenario } from './none.ts';
import { overlayScenario } from './overlay.ts';
import { p2pScenario } from './p2p.ts';
import { userBridgeScenario } from './user-bridge.ts';

export const SCENARIO_NAMES = ['bridge', 'host', 'none', 'container', 'user-bridge', 'overlay', 'p2p', 'networks'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

export const SCENARIOS: ReadonlyMap<ScenarioName, ScenarioDefinition> = new Map<ScenarioName, ScenarioDefinition>([
  ['bridge', bridgeScenario],
  ['host', hostScenario],
  ['none', noneScenario],
  ['container', containerScenario],
  ['user-bridge', userBridgeScenario],
  ['overlay', overlayScenario],
  ['p2p', p2pScenario],
  ['networks', networksScenario],
]);
