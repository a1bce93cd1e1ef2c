// The one scenario registry: every list that names scenarios derives from it, and each
// definition tells the truth about itself (captions for its checks, the containers and
// networks it uses, what the warm pool serves), proven by running it on a fake engine.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { Library } from '../../src/content/library.ts';
import { isScenarioName, SCENARIO_NAMES, SCENARIOS } from '../../src/demos/registry.ts';
import { runScenario } from '../../src/demos/run-demo.ts';
import { LABEL_RUN } from '../../src/docker/labels.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { DISCORD } from '../../src/limits.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const config = (over: Partial<SandboxConfig> = {}): SandboxConfig => ({ ...loadConfig({}).sandbox, userCooldownMs: 0, initSwarm: true, ...over });
const library = Library.load();

describe('the scenario registry', () => {
  it('has unique, kebab-case names, and only those names pass isScenarioName', () => {
    expect(new Set(SCENARIO_NAMES).size).toBe(SCENARIOS.length);
    for (const name of SCENARIO_NAMES) expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(isScenarioName('p2p; rm -rf /')).toBe(false);
    expect(isScenarioName('__proto__')).toBe(false);
    expect(isScenarioName(undefined)).toBe(false);
  });

  it('gives /demo exactly its scenarios as choices, in both languages, within Discord’s limits', () => {
    const option = COMMANDS.get('demo')!.data.options?.find((o) => o.name === 'scenario') as { choices?: { name: string; value: string; name_localizations?: Record<string, string> }[] };
    expect(option.choices?.map((c) => c.value)).toEqual([...SCENARIO_NAMES]);
    expect(option.choices!.length).toBeLessThanOrEqual(25);
    for (const choice of option.choices!) {
      expect(choice.name.length).toBeLessThanOrEqual(DISCORD.choiceNameMax);
      expect(choice.name_localizations?.['zh-CN']?.length ?? 0).toBeGreaterThan(0);
      expect(choice.name_localizations!['zh-CN']!.length).toBeLessThanOrEqual(DISCORD.choiceNameMax);
    }
  });

  it('points every scenario at a library topic that exists in both languages', () => {
    for (const s of SCENARIOS) {
      expect(library.get(s.topicId), `${s.name} → ${s.topicId}`).toBeDefined();
      expect(s.lesson.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(s.takeaway.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s: captions every check and uses what it declares', async (_name, scenario) => {
    for (const poolSize of [0, 4]) {
      const engine = new FakeEngine();
      const sandbox = createSandbox({ config: config({ poolSize }), logger: silentLogger(), engine });
      await sandbox.start();
      await sandbox.poolReady();
      const report = await runScenario(sandbox, scenario.name, { userId: `u${poolSize}` });
      await sandbox.idle();
      expect(Object.keys(report.checks).sort()).toEqual(Object.keys(scenario.checks).sort());
      const cold = engine.created.filter((spec) => spec.Labels[LABEL_RUN] === report.runId).length;
      const networks = [...engine.calls].filter((c) => c === 'createNetwork').length;
      expect(networks).toBe(scenario.uses.networks);
      if (poolSize === 0) expect(cold).toBe(scenario.uses.containers);
      else if (scenario.uses.warm === 'all') expect(cold).toBe(0);
      else if (scenario.uses.warm === 'none') expect(cold).toBe(scenario.uses.containers);
      else expect([cold > 0, cold < scenario.uses.containers]).toEqual([true, true]);
      expect([...engine.containers.values()].filter((c) => c.spec.Labels[LABEL_RUN] === report.runId)).toEqual([]);
      await sandbox.shutdown();
      expect(engine.containers.size).toBe(0);
    }
  });
});
