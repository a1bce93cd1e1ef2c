/**
 * The hard deadline on the real engine, with scenario definitions that exist only in this test
 * (members can only name the production scenarios).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import type { DockerodeEngine } from '../../src/docker/dockerode-engine.ts';
import { DemoTimeoutError } from '../../src/docker/errors.ts';
import { script } from '../../src/docker/fixed-commands.ts';
import { LABEL_RUN } from '../../src/docker/labels.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import { ALWAYS_AVAILABLE, type ScenarioDefinition } from '../../src/docker/scenario.ts';
import { expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

const base = { title: { en: 'test', zh: 'test' }, summary: { en: 'test', zh: 'test' }, takeaway: { en: 'test', zh: 'test' }, topicId: 'mode-none', availability: ALWAYS_AVAILABLE };

/** Starts two containers on a temporary network, then runs a command that never returns. */
const hanging: ScenarioDefinition = {
  ...base,
  name: 'hanging',
  async run(ctx) {
    const net = await ctx.createNetwork('demo-net', 'bridge');
    const a = await ctx.startContainer('demo-a', { role: 'a', network: { kind: 'network', networkName: net.name, alias: 'demo-a' } });
    await ctx.startContainer('demo-b', { role: 'b', network: { kind: 'none' } });
    await ctx.run(a, script('hang', ['sleep 3600']));
    return {};
  },
};

/** Floods stdout; the exec must stop reading at the cap. */
const flooding: ScenarioDefinition = {
  ...base,
  name: 'flooding',
  async run(ctx) {
    const box = await ctx.startContainer('demo-flood', { role: 'flood', network: { kind: 'none' } });
    const out = await ctx.run(box, script('flood', ['yes netlab | head -c 10000000']), { allowFailure: true });
    return { bytes: Buffer.byteLength(out.stdout) + Buffer.byteLength(out.stderr) };
  },
};

describe('deadline and output cap on the real engine', () => {
  it('kills and removes every container and network of a demo whose command hangs, then says so', async () => {
    const runner = new DemoRunner({ config: testConfig({ deadlineMs: 4_000 }), engine, logger: silentLogger(), scenarios: new Map([['hanging', hanging]]) });
    const seen: string[] = [];
    const watcher = setInterval(() => {
      void engine.listContainers({ labels: { 'netlab.scenario': 'hanging' } }).then((rows) => rows.forEach((r) => seen.push(r.labels[LABEL_RUN] ?? '')));
    }, 200);
    const started = Date.now();
    const error = await runner.run('hanging', { userId: 'u' }).catch((e: unknown) => e);
    clearInterval(watcher);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(DemoTimeoutError);
    expect((error as DemoTimeoutError).text.zh).toContain('4 秒');
    expect(elapsed).toBeGreaterThanOrEqual(4_000);
    expect(elapsed).toBeLessThan(8_000);
    expect(seen.length).toBeGreaterThan(0); // the containers did exist while it hung
  });

  it('cancels a running demo when the caller’s signal fires, and cleans up', async () => {
    const runner = new DemoRunner({ config: testConfig(), engine, logger: silentLogger(), scenarios: new Map([['hanging', hanging]]) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('member cancelled')), 2_500);
    await expect(runner.run('hanging', { userId: 'u', signal: controller.signal })).rejects.toThrow('member cancelled');
  });

  it('caps a flooding command’s output at the source', async () => {
    const runner = new DemoRunner({ config: testConfig({ outputCapBytes: 65_536 }), engine, logger: silentLogger(), scenarios: new Map([['flooding', flooding]]) });
    const result = await runner.run('flooding', { userId: 'u' });
    await runner.idle(); // a demo answers before its cleanup ends
    expect(result.truncated).toBe(true);
    expect(result.checks).toEqual({ bytes: 65_536 });
  });
});
