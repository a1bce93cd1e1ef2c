/**
 * Shared set-up for integration tests against the real Docker Engine. They are never skipped:
 * without an engine they fail with a message that says how to start one, and a missing demo
 * image is built with the project's own script.
 */
import { execFileSync } from 'node:child_process';
import Dockerode from 'dockerode';
import { expect } from 'vitest';
import { loadConfig, type SandboxConfig } from '../../src/config.ts';
import { DockerodeEngine, modemOptions } from '../../src/docker/engine/dockerode-engine.ts';
import { MANAGED_FILTER } from '../../src/docker/labels.ts';

const config = loadConfig(process.env);

export const dockerHost = config.docker.host;

/**
 * The sandbox settings for tests: defaults, no cooldown (tests run demos back to back) and no warm
 * pool, whose waiting containers would fail the after-each check; pool.test.ts asks for one.
 */
export function testConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  return { ...config.sandbox, userCooldownMs: 0, poolSize: 0, ...overrides };
}

let ready: Promise<DockerodeEngine> | undefined;

export function requireEngine(): Promise<DockerodeEngine> {
  ready ??= (async () => {
    const engine = new DockerodeEngine({ host: dockerHost });
    try {
      await engine.ping();
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new Error(
        `Integration tests need a Docker Engine at ${dockerHost ?? 'unix:///var/run/docker.sock'}, which did not answer (${cause}). ` +
          'Start one with `bash scripts/start-dockerd.sh` (or set DOCKER_HOST), then run the tests again.',
        { cause: error },
      );
    }
    if (!(await engine.imageExists(config.sandbox.image))) {
      execFileSync('bash', ['scripts/build-demo-image.sh'], { stdio: 'inherit', env: { ...process.env, DEMO_IMAGE: config.sandbox.image } });
      if (!(await engine.imageExists(config.sandbox.image))) throw new Error(`scripts/build-demo-image.sh did not produce ${config.sandbox.image}`);
    }
    return engine;
  })();
  return ready;
}

/**
 * Every container and network labelled netlab.managed=true on the engine, but the running owner
 * leases of live netlab processes (owner.ts): a sandbox holds one from start() to shutdown().
 */
export async function managedResources(engine: DockerodeEngine): Promise<{ containers: string[]; networks: string[] }> {
  const [containers, networks] = await Promise.all([engine.listContainers({ labels: MANAGED_FILTER }), engine.listNetworks({ labels: MANAGED_FILTER })]);
  const liveLease = (c: (typeof containers)[number]) => c.labels['netlab.scenario'] === 'lease' && c.state === 'running';
  return { containers: containers.filter((c) => !liveLease(c)).map((c) => c.name), networks: networks.map((n) => n.name) };
}

/** The after-each check: nothing netlab manages is left on the engine. */
export async function expectNoManagedResources(engine: DockerodeEngine): Promise<void> {
  expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
}

/**
 * dockerode itself, for what only tests do to a container (wait for its exit, kill it, leave a
 * swarm): netlab's own Engine interface stays as narrow as the sandbox needs.
 */
export function testDocker(): Dockerode {
  return new Dockerode(modemOptions(dockerHost));
}
