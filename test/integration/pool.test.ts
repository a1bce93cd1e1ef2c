/**
 * The warm pool on the real engine: pre-started containers, one demo each, removed after it;
 * drained on shutdown; reaped after a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { ColdContainerSource, type ContainerSource } from '../../src/docker/container-source.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import type { ContainerInspect } from '../../src/docker/engine/engine.ts';
import { isDockerApiError } from '../../src/docker/errors.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { ipv4Of, parseIpAddr } from '../../src/demos/ip-parse.ts';
import { LABEL_OWNER, LABEL_POOL, MANAGED_FILTER } from '../../src/docker/labels.ts';
import { liveOwners } from '../../src/docker/owner.ts';
import { WarmPool } from '../../src/docker/pool/pool.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import { scenarioNamed } from '../../src/demos/registry.ts';
import { dockerHost, expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

interface HandedOut {
  readonly inspect: ContainerInspect;
  readonly acquiredAt: number;
}

/** A runner fed by a warm pool; records every container it got, inspected when it got it. */
function warmRunner() {
  const config = testConfig({ poolSize: 1 });
  const pool = new WarmPool({ engine, config, logger: silentLogger(), fallback: new ColdContainerSource(engine, config) });
  const got: HandedOut[] = [];
  const source: ContainerSource = {
    async acquire(needs, run, signal) {
      const container = await pool.acquire(needs, run, signal);
      got.push({ inspect: await engine.inspectContainer(container.id), acquiredAt: Date.now() });
      return container;
    },
  };
  const runner = new DemoRunner({ config, engine, logger: silentLogger(), source });
  pool.start();
  const stop = async () => {
    await runner.shutdown();
    await pool.drain();
  };
  return { pool, runner, got, stop };
}

/** The demo answers before its cleanup ends; wait until the engine no longer knows the container. */
async function expectRemoved(id: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const gone = await engine.inspectContainer(id).then(() => false, (error: unknown) => isDockerApiError(error, 404));
    if (gone) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`container ${id} still exists 10 s after its demo`);
}

const isPooledBy = (box: HandedOut, poolId: string) => box.inspect.Config.Labels[LABEL_POOL] === poolId;

describe('warm pool on the real engine', () => {
  it('a warm demo runs in a hardened container started before the demo, and it is removed after', async () => {
    const { pool, runner, got, stop } = warmRunner();
    try {
      for (const scenario of ['bridge', 'none', 'host'] as const) {
        await pool.filled();
        const asked = Date.now();
        const result = await runner.run(scenarioNamed(scenario), { userId: 'it' });
        const box = got.at(-1)!;
        expect(isPooledBy(box, pool.poolId)).toBe(true);
        expect(Date.parse(box.inspect.State.StartedAt)).toBeLessThan(asked);
        expect(box.inspect.HostConfig).toMatchObject({ NetworkMode: scenario, CapDrop: ['ALL'], ReadonlyRootfs: true, CpuQuota: 250_000, CpuPeriod: 1_000_000 });
        expect(box.inspect.Config.User).toBe('65534:65534');
        expect(Object.values(result.checks).filter((v) => v === false)).toEqual([]);
        if (scenario === 'bridge') {
          // The address the member sees is the pre-started container's own.
          const eth0 = parseIpAddr(result.containers[0]!.outputs['ip addr']!).find((i) => i.name === 'eth0');
          expect(ipv4Of(eth0)).toBe(box.inspect.NetworkSettings.Networks.bridge?.IPAddress);
        }
        await expectRemoved(box.inspect.Id);
      }
    } finally {
      await stop();
    }
  });

  it('two consecutive demos never get the same container', async () => {
    const { pool, runner, got, stop } = warmRunner();
    try {
      await pool.filled();
      await runner.run(scenarioNamed('none'), { userId: 'it' });
      await runner.run(scenarioNamed('none'), { userId: 'it' }); // right away: the refill may not be ready, then it is cold
      await pool.filled();
      await runner.run(scenarioNamed('none'), { userId: 'it' });
      const ids = got.map((b) => b.inspect.Id);
      expect(new Set(ids).size).toBe(3);
      expect(isPooledBy(got[0]!, pool.poolId) && isPooledBy(got[2]!, pool.poolId)).toBe(true);
      for (const id of ids) await expectRemoved(id);
    } finally {
      await stop();
    }
  });

  it('serves the container scenario’s target from the bridge pool; the joined container is created cold', async () => {
    const { pool, runner, got, stop } = warmRunner();
    try {
      await pool.filled();
      const result = await runner.run(scenarioNamed('container'), { userId: 'it' });
      expect(result.checks).toEqual({ identicalInterfaces: true });
      const [target, joined] = got;
      expect(isPooledBy(target!, pool.poolId)).toBe(true);
      expect(isPooledBy(joined!, pool.poolId)).toBe(false);
      expect(joined!.inspect.HostConfig.NetworkMode).toBe(`container:${target!.inspect.Id}`);
    } finally {
      await stop();
    }
  });

  it('a sandbox fills its pool at start-up and its shutdown leaves nothing labelled', async () => {
    const poolIds = async () => new Set((await engine.listContainers({ labels: MANAGED_FILTER })).map((c) => c.labels[LABEL_POOL]).filter(Boolean));
    const before = await poolIds();
    const sandbox = createSandbox({ config: testConfig({ poolSize: 2 }), dockerHost, logger: silentLogger() });
    let mine: string | undefined;
    try {
      await sandbox.start();
      await sandbox.poolReady();
      expect((await sandbox.status()).pool.kinds).toEqual({ bridge: { ready: 2, creating: 0 }, none: { ready: 2, creating: 0 }, host: { ready: 2, creating: 0 } });
      [mine] = [...(await poolIds())].filter((id) => !before.has(id));
      expect(await engine.listContainers({ labels: { [LABEL_POOL]: mine! } })).toHaveLength(6);
      await sandbox.runDemo(scenarioNamed('bridge'), { userId: 'it' }); // its cleanup and the refill are still running
    } finally {
      await sandbox.shutdown();
    }
    expect(await engine.listContainers({ labels: { [LABEL_POOL]: mine! } })).toEqual([]);
    // …and the after-each check finds nothing labelled netlab.managed at all.
  });

  it('a restarted process removes at once what a SIGKILLed one left (whatever its expiry), never what a live one holds', async () => {
    const live = await startChild();
    const crashed = await startChild();
    crashed.process.kill('SIGKILL');
    await crashed.exited;
    // The crashed process's lease exits with its connection; the live one's keeps running.
    await vi.waitFor(async () => expect(await liveOwners(engine)).not.toContain(crashed.ownerId), { timeout: 10_000, interval: 100 });
    expect(await liveOwners(engine)).toContain(live.ownerId);
    const ofOwner = async (owner: string) => (await engine.listContainers({ labels: { [LABEL_OWNER]: owner } })).length;
    expect(await ofOwner(crashed.ownerId)).toBe(4); // three pooled containers and the exited lease, none expired

    const sandbox = createSandbox({ config: testConfig(), dockerHost, logger: silentLogger() });
    const status = await sandbox.start();
    expect(status.reaped?.containers).toBe(4);
    expect(await ofOwner(crashed.ownerId)).toBe(0);
    expect(await sandbox.reap({ all: true })).toEqual({ containers: 0, networks: 0 }); // not even --all touches a live process
    expect(await ofOwner(live.ownerId)).toBe(4);
    await sandbox.shutdown();

    live.process.kill('SIGKILL');
    await live.exited;
    await vi.waitFor(async () => expect(await liveOwners(engine)).not.toContain(live.ownerId), { timeout: 10_000, interval: 100 });
    const sweeper = createSandbox({ config: testConfig(), dockerHost, logger: silentLogger() });
    expect((await sweeper.reap({ dead: true })).containers).toBe(4);
    await sweeper.shutdown();
  }, 90_000);

  it('after ten crashes in a row, at most one pool’s worth of containers remains', async () => {
    let last: Child | undefined;
    for (let i = 0; i < 10; i++) {
      last = await startChild(); // its start-up reaps what the crashes before it left
      last.process.kill('SIGKILL');
      await last.exited;
    }
    const left = await engine.listContainers({ labels: MANAGED_FILTER });
    expect(new Set(left.map((c) => c.labels[LABEL_OWNER]))).toEqual(new Set([last!.ownerId]));
    expect(left.length).toBeLessThanOrEqual(3 + 1); // one pool (bridge, none, host) and its lease
    await vi.waitFor(async () => expect(await liveOwners(engine)).not.toContain(last!.ownerId), { timeout: 10_000, interval: 100 });
    const sweeper = createSandbox({ config: testConfig(), dockerHost, logger: silentLogger() });
    await sweeper.reap({ dead: true });
    await sweeper.shutdown();
  }, 180_000);
});

interface Child {
  readonly process: ChildProcess;
  readonly exited: Promise<unknown>;
  readonly ownerId: string;
}

/** A netlab process (tests/integration/fixtures/pool-crash-child.ts) with a full pool, alive until killed. */
async function startChild(): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/pool-crash-child.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await Promise.race([
    createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => r.value as string),
    exited.then(() => {
      throw new Error('pool-crash-child exited before filling its pool');
    }),
  ]);
  return { process: child, exited, ownerId: (JSON.parse(line) as { ownerId: string }).ownerId };
}
