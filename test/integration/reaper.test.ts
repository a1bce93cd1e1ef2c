import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { LABEL_RUN } from '../../src/docker/labels.ts';
import { dockerHost, expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

/** Starts the crashing child (through tsx), waits for its run ids, then kills it with SIGKILL. */
async function crashAfterCreating(expiriesMs: number[]): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url)), ...expiriesMs.map(String)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const [line] = await Promise.race([
    createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]),
    exited.then(() => {
      throw new Error('crash-child exited before creating its resources');
    }),
  ]);
  child.kill('SIGKILL');
  await exited;
  return JSON.parse(line!) as string[];
}

const resourcesOf = async (runId: string) => ({
  containers: (await engine.listContainers({ labels: { [LABEL_RUN]: runId } })).length,
  networks: (await engine.listNetworks({ labels: { [LABEL_RUN]: runId } })).length,
});

describe('reaper on the real engine', () => {
  it('a new sandbox’s start-up reap removes what a crashed (SIGKILLed) process left behind once it expired', async () => {
    const [expiring, unexpired] = await crashAfterCreating([2_000, 120_000]);
    expect(await resourcesOf(expiring!)).toEqual({ containers: 1, networks: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const sandbox = createSandbox({ config: testConfig(), dockerHost, logger: silentLogger() });
    const status = await sandbox.start();
    expect(status.reaped?.containers).toBeGreaterThanOrEqual(1);
    expect(status.reaped?.networks).toBeGreaterThanOrEqual(1);
    expect(await resourcesOf(expiring!)).toEqual({ containers: 0, networks: 0 });
    // Not yet expired: it could belong to another live netlab process on this engine, so it stays.
    expect(await resourcesOf(unexpired!)).toEqual({ containers: 1, networks: 1 });
    await sandbox.shutdown();

    for (const c of await engine.listContainers({ labels: { [LABEL_RUN]: unexpired! } })) await engine.removeContainer(c.id);
    for (const n of await engine.listNetworks({ labels: { [LABEL_RUN]: unexpired! } })) await engine.removeNetwork(n.id);
  });
});
