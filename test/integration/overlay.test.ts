import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import type { DockerodeEngine } from '../../src/docker/dockerode-engine.ts';
import { createSandbox, SwarmNotEnabledError, type Sandbox } from '../../src/docker/index.ts';
import { parseIpAddr } from '../../src/docker/ip-parse.ts';
import { dockerHost, expectNoManagedResources, requireEngine, testConfig } from './engine.ts';

let engine: DockerodeEngine;
let wasManager = false;
let sandbox: Sandbox;

beforeAll(async () => {
  engine = await requireEngine();
  wasManager = (await engine.info()).swarm.isManager;
});
afterEach(async () => {
  await sandbox?.shutdown();
  await expectNoManagedResources(engine);
});
// Leave the engine as we found it: a swarm we initialised is dissolved again.
afterAll(async () => {
  if (!wasManager && (await engine.info()).swarm.isManager) await engine.swarmLeave({ force: true });
});

describe('overlay scenario on the real engine', () => {
  it('explains how to enable swarm when the engine is no manager and init is not allowed', async () => {
    if (wasManager) return expect(wasManager).toBe(true); // nothing to refuse on an engine that already is a manager
    sandbox = createSandbox({ config: testConfig({ initSwarm: false }), dockerHost, logger: silentLogger() });
    const error = await sandbox.runDemo('overlay', { userId: 'it' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwarmNotEnabledError);
    expect((error as SwarmNotEnabledError).text.en).toContain('SANDBOX_INIT_SWARM=true');
    expect((await engine.info()).swarm.isManager).toBe(false);
  });

  it('with SANDBOX_INIT_SWARM=true: eth0 has MTU 1450 and eth1 sits on docker_gwbridge; the overlay is removed after', async () => {
    sandbox = createSandbox({ config: testConfig({ initSwarm: true }), dockerHost, logger: silentLogger() });
    const result = await sandbox.runDemo('overlay', { userId: 'it' });
    const [box] = result.containers;
    expect(box).toMatchObject({ name: 'demo-overlay', networkMode: 'demo-overlay-net' });
    const interfaces = parseIpAddr(box!.outputs['ip addr']!);
    expect(interfaces.map((i) => [i.name, i.mtu])).toEqual([
      ['lo', 65536],
      ['eth0', 1450],
      ['eth1', 1500],
    ]);
    expect(result.checks).toEqual({ mtu: 1450, gwbridge: true });
    expect((await engine.info()).swarm.isManager).toBe(true);
    await sandbox.idle(); // a demo answers before its cleanup ends
    const swarm = await engine.listNetworks();
    expect(swarm.filter((n) => n.name.startsWith('netlab-'))).toEqual([]);
  });
});
