// The overlay scenario on the real engine. Each test sets the swarm state it needs, so they do
// not depend on their order or on what ran before; the engine's own state is restored after.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { parseIpAddr } from '../../src/demos/ip-parse.ts';
import { runScenario } from '../../src/demos/run-demo.ts';
import type { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { createSandbox, type EngineSandbox } from '../../src/docker/sandbox.ts';
import type { UserError } from '../../src/errors.ts';
import { dockerHost, expectNoManagedResources, requireEngine, testConfig, testDocker } from './engine.ts';

let engine: DockerodeEngine;
let wasManager = false;
let sandbox: EngineSandbox | undefined;

const isManager = async () => (await engine.info()).swarm.isManager;
const leaveSwarm = async () => {
  if (await isManager()) await testDocker().swarmLeave({ force: true });
};

beforeAll(async () => {
  engine = await requireEngine();
  wasManager = await isManager();
});
afterEach(async () => {
  await sandbox?.shutdown();
  sandbox = undefined;
  await expectNoManagedResources(engine);
});
// Leave the engine as we found it: a manager again if it was one, no swarm if it had none.
afterAll(async () => {
  if (wasManager && !(await isManager())) await testDocker().swarmInit({ AdvertiseAddr: '127.0.0.1', ListenAddr: '127.0.0.1:2377' });
  if (!wasManager) await leaveSwarm();
});

describe('overlay scenario on the real engine', () => {
  it('explains how to enable swarm when the engine is no manager and init is not allowed', async () => {
    await leaveSwarm();
    sandbox = createSandbox({ config: testConfig({ initSwarm: false }), dockerHost, logger: silentLogger() });
    const error = (await runScenario(sandbox, 'overlay', { userId: 'it' }).catch((e: unknown) => e)) as UserError;
    expect(error).toMatchObject({ id: 'swarm-not-enabled' });
    expect(error.messageFor('en')).toContain('SANDBOX_INIT_SWARM=true');
    expect(await isManager()).toBe(false);
  });

  it('with SANDBOX_INIT_SWARM=true: eth0 has MTU 1450 and eth1 sits on docker_gwbridge; the overlay is removed after', async () => {
    await leaveSwarm();
    sandbox = createSandbox({ config: testConfig({ initSwarm: true }), dockerHost, logger: silentLogger() });
    const result = await runScenario(sandbox, 'overlay', { userId: 'it' });
    const [box] = result.containers;
    expect(box).toMatchObject({ name: 'demo-overlay', networkMode: 'demo-overlay-net' });
    const interfaces = parseIpAddr(box!.outputs['ip addr']!);
    expect(interfaces.map((i) => [i.name, i.mtu])).toEqual([
      ['lo', 65536],
      ['eth0', 1450],
      ['eth1', 1500],
    ]);
    expect(result.checks).toEqual({ mtu: 1450, gwbridge: true });
    expect(await isManager()).toBe(true);
    await sandbox.idle(); // a demo answers before its cleanup ends
    const swarm = await engine.listNetworks();
    expect(swarm.filter((n) => n.name.startsWith('netlab-'))).toEqual([]);
  });
});
