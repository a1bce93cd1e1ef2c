/**
 * The sandbox policy read back from the engine: every container a scenario starts is inspected
 * (and probed from inside) through the ContainerSource seam, while the demo runs.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { ColdContainerSource, type ContainerSource } from '../../src/docker/container-source.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import type { ContainerInspect } from '../../src/docker/engine/engine.ts';
import { DemoRunner } from '../../src/docker/runner.ts';
import { scenarioNamed, type ScenarioName } from '../../src/demos/registry.ts';
import { expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

interface Observed {
  readonly role: string;
  readonly inspect: ContainerInspect;
  readonly probe: string;
}

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

/** Runs a scenario with a source that inspects and probes each container right after it starts. */
async function observe(scenario: ScenarioName): Promise<Observed[]> {
  const config = testConfig();
  const cold = new ColdContainerSource(engine, config);
  const observed: Observed[] = [];
  const source: ContainerSource = {
    async acquire(needs, run, signal) {
      const container = await cold.acquire(needs, run, signal);
      const inspect = await engine.inspectContainer(container.id);
      // uid, effective capabilities and whether the root filesystem takes a write.
      const probe = await engine.exec(container.id, ['sh', '-c', 'id -u; grep CapEff /proc/self/status; touch /probe 2>&1 || true'], { maxBytes: 4096, timeoutMs: 5_000 });
      observed.push({ role: needs.role, inspect, probe: probe.stdout });
      return container;
    },
  };
  const runner = new DemoRunner({ config, engine, logger: silentLogger(), source });
  await runner.run(scenarioNamed(scenario), { userId: 'policy' });
  await runner.idle(); // a demo answers before its cleanup ends
  return observed;
}

function expectHardened({ inspect, probe }: Observed, caps: string[], user: string): void {
  const host = inspect.HostConfig;
  expect(host.CapDrop).toEqual(['ALL']);
  expect(host.CapAdd ?? []).toEqual(caps);
  expect(host.ReadonlyRootfs).toBe(true);
  expect(host.SecurityOpt).toContain('no-new-privileges:true');
  expect(host.Privileged).toBe(false);
  expect(host.Memory).toBe(32 * 1024 * 1024);
  expect(host.MemorySwap).toBe(32 * 1024 * 1024);
  expect(host.PidsLimit).toBe(32);
  // 0.25 CPU as 250 ms per 1 s CFS period (cpu-limit.test.ts shows a hog still gets only 0.25).
  expect(host.CpuPeriod).toBe(1_000_000);
  expect(host.CpuQuota).toBe(250_000);
  expect(host.NanoCpus).toBe(0);
  expect(host.PortBindings ?? {}).toEqual({});
  expect(host.Binds ?? []).toEqual([]);
  expect(inspect.Mounts).toEqual([]);
  expect(host['LogConfig']).toEqual({ Type: 'none', Config: {} }); // the engine keeps no log a flood could fill
  expect(host.PidMode).not.toBe('host');
  expect(inspect.Config.User).toBe(user);
  expect(inspect.Config.Image).toBe(testConfig().image);
  expect(inspect.Config.Labels).toMatchObject({ 'netlab.managed': 'true', 'netlab.run': expect.stringMatching(/^[0-9a-f]{10}$/), 'netlab.expires': expect.stringMatching(/^\d{13}$/) });
  expect(probe).toMatch(/Read-only file system/);
  expect(probe.split('\n')[0]).toBe(user.split(':')[0]);
}

describe('sandbox policy read back with container inspect', () => {
  it('none, bridge and host containers: all caps dropped, read-only, nobody, limits, labels, no mounts', async () => {
    for (const scenario of ['none', 'bridge', 'host'] as const) {
      const [box] = await observe(scenario);
      expectHardened(box!, [], '65534:65534');
      expect(box!.inspect.HostConfig.NetworkMode).toBe(scenario);
      expect(box!.inspect.Config.Labels['netlab.scenario']).toBe(scenario);
      expect(box!.probe).toContain('CapEff:\t0000000000000000');
    }
  });

  it('container mode joins the target’s namespace and nothing else', async () => {
    const [target, joined] = await observe('container');
    expectHardened(target!, [], '65534:65534');
    expectHardened(joined!, [], '65534:65534');
    expect(joined!.inspect.HostConfig.NetworkMode).toBe(`container:${target!.inspect.Id}`);
  });

  it('user-bridge containers sit on the run’s own labelled network', async () => {
    const [a, b] = await observe('user-bridge');
    for (const box of [a!, b!]) {
      expectHardened(box, [], '65534:65534');
      expect(box.inspect.HostConfig.NetworkMode).toMatch(/^netlab-[0-9a-f]{10}-net$/);
    }
  });

  it('p2p containers share no namespace with the host: none mode, PID namespace only with each other, NET_ADMIN only', async () => {
    const [a, b] = await observe('p2p');
    expectHardened(a!, ['NET_ADMIN'], '0:0');
    expectHardened(b!, ['NET_ADMIN', 'NET_RAW'], '0:0');
    expect(a!.inspect.HostConfig.NetworkMode).toBe('none');
    expect(b!.inspect.HostConfig.NetworkMode).toBe('none');
    expect(a!.inspect.HostConfig.PidMode).toBe('');
    expect(b!.inspect.HostConfig.PidMode).toBe(`container:${a!.inspect.Id}`);
    expect(a!.inspect.HostConfig.IpcMode).toBe('private');
    // Root inside, yet only the added capabilities are effective: CAP_NET_ADMIN is bit 12, CAP_NET_RAW bit 13.
    expect(a!.probe).toContain('CapEff:\t0000000000001000');
    expect(b!.probe).toContain('CapEff:\t0000000000003000');
  });
});
