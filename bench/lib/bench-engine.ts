/**
 * The bench's view of the Docker Engine. netlab's demo image is tagged once more as
 * `netlab-demo:bench-<pid>` (the same image id, so nothing about the containers changes) and the
 * bench's netlab processes run with DEMO_IMAGE set to that tag: containers created by the bench
 * can then be told apart from those of anything else using the engine at the same time. The tag
 * is removed at the end; the swarm is left as it was found.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config.ts';
import Dockerode from 'dockerode';
import { DockerodeEngine, modemOptions } from '../../src/docker/engine/dockerode-engine.ts';
import { MANAGED_FILTER } from '../../src/docker/labels.ts';
import { ContainerWatch } from './engine-watch.ts';

const run = promisify(execFile);

export interface BenchEngine {
  readonly engine: DockerodeEngine;
  readonly dockerHost: string | undefined;
  /** What members' `docker run` would use: DEMO_IMAGE or netlab-demo:latest. */
  readonly sourceImage: string;
  /** The same image under the bench's own tag. */
  readonly benchImage: string;
  readonly watch: ContainerWatch;
  swarm(): Promise<{ state: string; isManager: boolean }>;
  /** Networks labelled netlab.managed=true on the engine, whoever made them. */
  labelledNetworks(): Promise<number>;
  leaveSwarm(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The bench's own tag, one per bench process: another bench on the same engine (a shared
 * machine) then never counts as ours, and removing our tag at the end leaves theirs alone.
 */
export const BENCH_TAG = `netlab-demo:bench-${process.pid}`;

export async function openBenchEngine(): Promise<BenchEngine> {
  const config = loadConfig({ DOCKER_HOST: process.env['DOCKER_HOST'], DEMO_IMAGE: process.env['DEMO_IMAGE'] });
  const dockerHost = config.docker.host;
  const engine = new DockerodeEngine({ host: dockerHost });
  await engine.ping();
  const sourceImage = config.sandbox.image;
  if (!(await engine.imageExists(sourceImage))) throw new Error(`the demo image ${sourceImage} is missing: run \`npm run demo-image\` first`);
  const benchImage = sourceImage === BENCH_TAG ? sourceImage : BENCH_TAG;
  if (benchImage !== sourceImage) await run('docker', ['tag', sourceImage, benchImage]);
  const watch = new ContainerWatch(dockerHost, benchImage);
  await watch.start();
  return {
    engine,
    dockerHost,
    sourceImage,
    benchImage,
    watch,
    async swarm() {
      const info = await engine.info();
      return { state: info.swarm.state, isManager: info.swarm.isManager };
    },
    labelledNetworks: () => engine.listNetworks({ labels: MANAGED_FILTER }).then((rows) => rows.length),
    leaveSwarm: () => new Dockerode(modemOptions(dockerHost)).swarmLeave({ force: true }),
    async close() {
      watch.stop();
      // Untags only: the image stays under its own name.
      if (benchImage !== sourceImage) await run('docker', ['rmi', benchImage]).catch(() => undefined);
    },
  };
}
