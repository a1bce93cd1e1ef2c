// Hostile commands inside a demo container, run under the one sandbox policy on the real engine
// (only tests can run commands of their own): a fork bomb, a memory hog, a /dev/shm fill, an
// output flood, an endless sleep, writes to the root filesystem and a setuid attempt. Each limit
// holds — pids, memory, the output cap, the deadline, the read-only root, no new privileges —
// and nothing is left behind.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { script } from '../../src/demos/fixed-commands.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { DemoTimeoutError } from '../../src/docker/errors.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import type { SandboxScenario } from '../../src/docker/scenario.ts';
import { silentLogger } from '../../src/log.ts';
import { expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

/** Runs `lines` in a none-mode demo container (nobody, no capabilities) and returns what it printed. */
function hostile(name: string, lines: readonly string[]): SandboxScenario {
  return {
    name,
    async run(ctx) {
      const box = await ctx.startContainer(`demo-${name}`, { role: name, network: { kind: 'none' } });
      const out = await ctx.run(box, script(name, lines), { allowFailure: true });
      return { stdout: out.stdout, stderr: out.stderr, exit: out.exitCode ?? -1, truncated: out.truncated };
    },
  };
}

async function attempt(name: string, lines: readonly string[], overrides: Parameters<typeof testConfig>[0] = {}) {
  const runner = new DemoRunner({ config: testConfig({ deadlineMs: 20_000, ...overrides }), engine, logger: silentLogger() });
  try {
    return (await runner.run(hostile(name, lines), { userId: name })).checks as { stdout: string; stderr: string; exit: number; truncated: boolean };
  } finally {
    await runner.idle();
  }
}

describe('hostile containers on the real engine', () => {
  it('a fork bomb meets the pids limit', async () => {
    const { stdout, stderr } = await attempt('forkbomb', ['i=0; while [ $i -lt 200 ]; do sleep 30 & i=$((i+1)); done 2>/tmp/x || true', 'echo "started=$(jobs -p | wc -l)"', 'cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max 2>/dev/null | head -1']);
    const started = Number(/started=(\d+)/.exec(stdout)?.[1]);
    expect(started).toBeLessThan(32); // pids.max 32: the rest could not fork
    expect(`${stdout}${stderr}`).toMatch(/^32$/m);
  });

  it('a memory hog is killed at the memory limit', async () => {
    // The hog's subshell offers itself to the OOM killer first (oom_score_adj 1000), so the
    // killer takes it and not the shell that reports on it.
    const { stdout, exit } = await attempt('memhog', ['(echo 1000 > /proc/self/oom_score_adj; head -c 200m /dev/zero | tail > /dev/null) && echo "tail exit=0" || echo "tail exit=$?"', 'cat /sys/fs/cgroup/memory/memory.max_usage_in_bytes /sys/fs/cgroup/memory.peak 2>/dev/null | head -1']);
    expect(exit).toBe(0);
    expect(stdout).toMatch(/tail exit=137/); // SIGKILL from the OOM killer
    const peak = Number(/^(\d+)$/m.exec(stdout)?.[1]);
    expect(peak).toBeLessThanOrEqual(32 * 1024 * 1024);
  });

  it('filling /dev/shm stays inside the memory limit', async () => {
    const { stdout } = await attempt('shmfill', ['dd if=/dev/zero of=/dev/shm/fill bs=1M count=100 2>&1 | tail -1; echo "dd exit=$?"', 'du -m /dev/shm/fill 2>/dev/null | cut -f1']);
    const mb = Number(/^(\d+)$/m.exec(stdout)?.[1] ?? 0);
    expect(mb).toBeLessThan(100); // it never got the 100 MiB it asked for
  });

  it('an output flood is cut at the source', async () => {
    const { stdout, stderr, truncated } = await attempt('flood', ['yes "flood flood flood" | head -c 50000000'], { outputCapBytes: 65_536 });
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(stdout) + Buffer.byteLength(stderr)).toBeLessThanOrEqual(65_536);
  });

  it('an endless sleep meets the deadline', async () => {
    const runner = new DemoRunner({ config: testConfig({ deadlineMs: 3_000 }), engine, logger: silentLogger() });
    await expect(runner.run(hostile('sleeper', ['sleep 3600']), { userId: 'sleeper' })).rejects.toBeInstanceOf(DemoTimeoutError);
    await runner.idle();
  });

  it('the root filesystem refuses writes, and nothing gains privileges', async () => {
    const { stdout } = await attempt('escalate', [
      'touch /evil 2>&1 || true',
      'echo x > /bin/busybox-new 2>&1 || true',
      'id -u',
      'grep -E "^(CapEff|NoNewPrivs)" /proc/self/status',
      'su root -c id 2>&1 || echo "su failed"',
    ]);
    expect(stdout).toMatch(/Read-only file system/);
    expect(stdout).toMatch(/^65534$/m);
    expect(stdout).toMatch(/CapEff:\s+0000000000000000/);
    expect(stdout).toMatch(/NoNewPrivs:\s+1/);
    expect(stdout).toMatch(/su failed/);
    expect(stdout).not.toMatch(/uid=0/);
  });
});
