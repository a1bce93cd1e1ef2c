import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';
import { netlabLabels } from '../../src/docker/labels.ts';
import { buildContainerSpec } from '../../src/docker/policy.ts';
import { Reaper } from '../../src/docker/reaper.ts';

const NOW = 2_000_000_000_000;
const sandbox = loadConfig({}).sandbox;

async function leftovers(engine: FakeEngine, runId: string, expiresAt: number) {
  await engine.createContainer(buildContainerSpec(sandbox, { role: 'x', network: { kind: 'none' } }, { runId, scenario: 'none', expiresAt }, NOW));
  await engine.createNetwork({ name: `netlab-${runId}-net`, driver: 'bridge', attachable: false, labels: netlabLabels({ runId, scenario: 'user-bridge', expiresAt }) });
}

describe('reaper (fake engine)', () => {
  it('removes expired labelled resources, keeps unexpired ones and live runs, never touches unmanaged ones', async () => {
    const engine = new FakeEngine();
    await leftovers(engine, 'expired', NOW - 1);
    await leftovers(engine, 'fresh', NOW + 60_000);
    await leftovers(engine, 'alive', NOW - 1);
    const spec = buildContainerSpec(sandbox, { role: 'y', network: { kind: 'none' } }, { runId: 'x', scenario: 'none', expiresAt: NOW - 1 }, NOW);
    await engine.createContainer({ ...spec, Labels: { 'com.example.app': 'theirs' } });
    const reaper = new Reaper({ engine, logger: silentLogger(), isRunAlive: (runId) => runId === 'alive', now: () => NOW });

    expect(await reaper.reap()).toEqual({ containers: 1, networks: 1 });
    const runsLeft = [...engine.containers.values()].map((c) => c.spec.Labels['netlab.run'] ?? 'unmanaged').sort();
    expect(runsLeft).toEqual(['alive', 'fresh', 'unmanaged']);

    // `all` also takes unexpired resources no live run owns — but still not live runs or foreign ones.
    expect(await reaper.reap({ all: true })).toEqual({ containers: 1, networks: 1 });
    expect([...engine.containers.values()].map((c) => c.spec.Labels['netlab.run'] ?? 'unmanaged').sort()).toEqual(['alive', 'unmanaged']);
    expect([...engine.networks.values()].map((n) => n.labels['netlab.run'])).toEqual(['alive']);
  });

  it('sweeps exactly the runs it is given, whatever their expiry (shutdown’s unclean runs)', async () => {
    const engine = new FakeEngine();
    await leftovers(engine, 'unclean', NOW + 60_000);
    await leftovers(engine, 'other', NOW + 60_000);
    await leftovers(engine, 'expired', NOW - 1);
    const reaper = new Reaper({ engine, logger: silentLogger(), isRunAlive: () => false, now: () => NOW });
    expect(await reaper.reap({ runs: new Set(['unclean']) })).toEqual({ containers: 1, networks: 1 });
    expect([...engine.containers.values()].map((c) => c.spec.Labels['netlab.run']).sort()).toEqual(['expired', 'other']);
  });

  it('reaps on a timer until stopped', async () => {
    vi.useFakeTimers();
    try {
      const engine = new FakeEngine();
      const reaper = new Reaper({ engine, logger: silentLogger(), isRunAlive: () => false });
      const passes = () => engine.calls.filter((c) => c === 'listNetworks').length; // one per pass
      reaper.startTimer(20);
      await vi.advanceTimersByTimeAsync(19);
      expect(passes()).toBe(0);
      await vi.advanceTimersByTimeAsync(21);
      expect(passes()).toBe(2);
      reaper.stopTimer();
      await vi.advanceTimersByTimeAsync(200);
      expect(passes()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
