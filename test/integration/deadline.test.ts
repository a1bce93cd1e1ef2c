/**
 * The hard deadline on the real engine, with scenario definitions that exist only in this test
 * (members can only name the production scenarios).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { DemoTimeoutError } from '../../src/docker/errors.ts';
import { script } from '../../src/demos/fixed-commands.ts';
import { LABEL_RUN } from '../../src/docker/labels.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import type { SandboxScenario } from '../../src/docker/scenario.ts';
import { expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

/** Starts two containers on a temporary network, then runs a command that never returns. */
const hanging: SandboxScenario = {
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
const flooding: SandboxScenario = {
  name: 'flooding',
  async run(ctx) {
    const box = await ctx.startContainer('demo-flood', { role: 'flood', network: { kind: 'none' } });
    const out = await ctx.run(box, script('flood', ['yes netlab | head -c 10000000']), { allowFailure: true });
    return { bytes: Buffer.byteLength(out.stdout) + Buffer.byteLength(out.stderr) };
  },
};

describe('deadline and output cap on the real engine', () => {
  it('kills and removes every container and network of a demo whose command hangs, then says so', async () => {
    const runner = new DemoRunner({ config: testConfig({ deadlineMs: 4_000 }), engine, logger: silentLogger() });
    const seen: string[] = [];
    const watcher = setInterval(() => {
      void engine.listContainers({ labels: { 'netlab.scenario': 'hanging' } }).then((rows) => rows.forEach((r) => seen.push(r.labels[LABEL_RUN] ?? '')));
    }, 200);
    const started = Date.now();
    const error = await runner.run(hanging, { userId: 'u' }).catch((e: unknown) => e);
    clearInterval(watcher);
    expect(error).toBeInstanceOf(DemoTimeoutError);
    expect(error).toMatchObject({ deadlineMs: 4_000 });
    // What a member notices: an answer not long after the deadline (wide margin; timings are in bench/).
    expect(Date.now() - started).toBeLessThan(4_000 + 6_000);
    expect(seen.length).toBeGreaterThan(0); // the containers did exist while it hung
    await runner.idle(); // the answer came first; the removal follows in the background (after-each: all gone)
  });

  it('cancels a running demo when the caller’s signal fires, and cleans up', async () => {
    const runner = new DemoRunner({ config: testConfig(), engine, logger: silentLogger() });
    const controller = new AbortController();
    const hangingNow: SandboxScenario = {
      name: 'hanging',
      run: (ctx) => hanging.run({ ...ctx, run: (box, command, options) => (queueMicrotask(() => controller.abort(new Error('member cancelled'))), ctx.run(box, command, options)) }),
    };
    await expect(runner.run(hangingNow, { userId: 'u', signal: controller.signal })).rejects.toThrow('member cancelled');
    await runner.idle();
  });

  it('caps a flooding command’s output at the source', async () => {
    const runner = new DemoRunner({ config: testConfig({ outputCapBytes: 65_536 }), engine, logger: silentLogger() });
    const result = await runner.run(flooding, { userId: 'u' });
    await runner.idle(); // a demo answers before its cleanup ends
    expect(result.truncated).toBe(true);
    expect(result.checks).toEqual({ bytes: 65_536 });
  });
});
