// Ownership on a fake engine: every resource names the process that made it, a process proves it
// lives with a lease it holds open, reapers remove what dead processes left whatever its expiry
// and never touch a live process's resources, and a lost lease is taken again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { scenarioNamed } from '../../src/demos/registry.ts';
import { LABEL_OWNER, netlabLabels } from '../../src/docker/labels.ts';
import { OwnerLease, liveOwners } from '../../src/docker/owner.ts';
import { buildContainerSpec } from '../../src/docker/policy.ts';
import { Reaper } from '../../src/docker/reaper.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { silentLogger } from '../../src/log.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const config = { ...loadConfig({}).sandbox, userCooldownMs: 0, poolSize: 1 };
const FAR = Date.now() + 3_600_000;

/** Another process's leftovers: a container and a network labelled with its owner id. */
async function leftoversOf(engine: FakeEngine, owner: string, expiresAt: number) {
  const identity = { runId: `run-${owner}`, scenario: 'none', expiresAt, owner };
  await engine.createContainer(buildContainerSpec(config, { role: 'x', network: { kind: 'none' } }, identity));
  await engine.createNetwork({ name: `netlab-${owner}-net`, driver: 'bridge', attachable: false, labels: netlabLabels(identity) });
}

const owners = (engine: FakeEngine) => [...engine.containers.values()].map((c) => c.spec.Labels[LABEL_OWNER]).sort();

afterEach(() => {
  vi.useRealTimers();
});

describe('owners and leases', () => {
  it('labels everything a sandbox creates with its owner id, lease first', async () => {
    const engine = new FakeEngine();
    const sandbox = createSandbox({ config, logger: silentLogger(), engine });
    await sandbox.start();
    await sandbox.poolReady();
    await sandbox.runDemo(scenarioNamed('user-bridge'), { userId: 'u' });
    expect(engine.created[0]!.Labels['netlab.scenario']).toBe('lease');
    expect(new Set(engine.created.map((spec) => spec.Labels[LABEL_OWNER]))).toEqual(new Set([sandbox.ownerId]));
    // user-bridge made its own network (the pool may since have made another): all are ours.
    expect(engine.createdNetworks.length).toBeGreaterThan(0);
    expect(new Set(engine.createdNetworks.map((spec) => spec.labels[LABEL_OWNER]))).toEqual(new Set([sandbox.ownerId]));
    expect(await liveOwners(engine)).toEqual(new Set([sandbox.ownerId]));
    await sandbox.shutdown();
    expect(engine.containers.size).toBe(0); // the lease too
    expect(await liveOwners(engine)).toEqual(new Set());
  });

  it('removes what a dead process left, unexpired or not, and never what a live one holds, expired or not', async () => {
    const engine = new FakeEngine();
    const alive = new OwnerLease(engine, config, silentLogger());
    await alive.ensure();
    // A process SIGKILLed a while ago: its lease container exited when its connection closed.
    const dead = 'deadbeef00';
    await engine.createContainer(buildContainerSpec(config, { role: 'lease', network: { kind: 'none' } }, { runId: dead, scenario: 'lease', expiresAt: FAR, owner: dead }));
    await leftoversOf(engine, alive.ownerId, Date.now() - 1); // expired, but its process lives
    await leftoversOf(engine, dead, FAR); // unexpired, but its process is gone
    expect(await liveOwners(engine)).toEqual(new Set([alive.ownerId]));
    const reaper = new Reaper({ engine, logger: silentLogger(), isRunAlive: () => false, ownerId: 'me' });
    expect(await reaper.reap()).toEqual({ containers: 2, networks: 1 }); // the dead one's container, its lease and its network
    expect(owners(engine)).toEqual([alive.ownerId, alive.ownerId]);
    expect([...engine.networks.values()].map((n) => n.labels[LABEL_OWNER])).toEqual([alive.ownerId]);
    await alive.release();
  });

  it('reap --dead takes only what dead processes left; owner-less expired leftovers stay for the normal pass', async () => {
    const engine = new FakeEngine();
    const gone = new OwnerLease(engine, config, silentLogger());
    await gone.ensure();
    await leftoversOf(engine, gone.ownerId, FAR);
    await engine.createContainer(buildContainerSpec(config, { role: 'y', network: { kind: 'none' } }, { runId: 'legacy', scenario: 'none', expiresAt: Date.now() - 1 }));
    engine.dropHolds();
    await gone.release(); // the process is gone: no new lease
    const reaper = new Reaper({ engine, logger: silentLogger(), isRunAlive: () => false, ownerId: 'me' });
    expect(await reaper.reap({ dead: true })).toEqual({ containers: 1, networks: 1 });
    expect([...engine.containers.values()].map((c) => c.spec.Labels['netlab.run'])).toEqual(['legacy']);
    expect(await reaper.reap()).toEqual({ containers: 1, networks: 0 });
  });

  it('takes a new lease when the engine drops the old one, so its resources stay safe', async () => {
    vi.useFakeTimers();
    const engine = new FakeEngine();
    const lease = new OwnerLease(engine, config, silentLogger());
    await lease.ensure();
    engine.dropHolds(); // the engine restarted: the lease's shell got EOF and exited
    await vi.advanceTimersByTimeAsync(0);
    expect(await liveOwners(engine)).toEqual(new Set());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await liveOwners(engine)).toEqual(new Set([lease.ownerId]));
    expect([...engine.containers.values()].filter((c) => c.spec.Labels['netlab.scenario'] === 'lease')).toHaveLength(1); // replaced, not piled up
    await lease.release();
    expect(engine.containers.size).toBe(0);
  });
});
