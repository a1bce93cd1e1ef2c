/**
 * The CPU limit holds with the long CFS period (policy.ts, CPU_PERIOD_US): a demo container that
 * spins gets about 0.25 CPU, not a core, even with two busy loops.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { ColdContainerSource } from '../../src/docker/container-source.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { DemoRun } from '../../src/docker/run.ts';
import { expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

const LOOP_SEC = 4;
// CPU time used by the container's cgroup (ns), cgroup v1 or v2, around two busy loops.
const HOG = [
  'usage() { if [ -r /sys/fs/cgroup/cpuacct/cpuacct.usage ]; then cat /sys/fs/cgroup/cpuacct/cpuacct.usage; else echo $(( $(sed -n "s/^usage_usec //p" /sys/fs/cgroup/cpu.stat) * 1000 )); fi; }',
  'throttled() { sed -n "s/^nr_throttled //p" /sys/fs/cgroup/cpu/cpu.stat /sys/fs/cgroup/cpu.stat 2>/dev/null | head -n 1; }',
  'before=$(usage)',
  `timeout ${LOOP_SEC} sh -c 'while :; do :; done' & timeout ${LOOP_SEC} sh -c 'while :; do :; done'; wait`,
  'echo $(( $(usage) - before )) $(throttled)',
].join('\n');

describe('CPU limit on the real engine', () => {
  it('a busy loop inside a demo container gets about 0.25 CPU', async () => {
    const config = testConfig();
    const run = new DemoRun(engine, silentLogger(), { runId: 'cpuhog0000', scenario: 'cpu-limit', expiresAt: Date.now() + 60_000 });
    await using _cleanup = run;
    const { id } = await new ColdContainerSource(engine, config).acquire({ role: 'hog', network: { kind: 'none' } }, run, new AbortController().signal);
    expect((await engine.inspectContainer(id)).HostConfig).toMatchObject({ CpuPeriod: 1_000_000, CpuQuota: 250_000, NanoCpus: 0 });

    const out = await engine.exec(id, ['sh', '-c', HOG], { maxBytes: 4096, timeoutMs: 20_000 });
    const [usedNs, throttled] = out.stdout.trim().split(/\s+/).map(Number);
    const share = usedNs! / (LOOP_SEC * 1e9);
    // The limit holds: the kernel throttled the loop, and it never got more than its quota
    // (0.25 × 4 s, plus at most one period's 0.25 s at the edges). How much it got on a busy
    // machine is not the test's business.
    expect(throttled).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(0.35);
  });
});
