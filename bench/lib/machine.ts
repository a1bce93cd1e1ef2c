/** What the figures were measured on: CPU, memory, Node, the Docker Engine, load. */
import { execFile } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';

const run = promisify(execFile);

export interface MachineInfo {
  readonly date: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly memTotalGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly engine: { readonly version: string; readonly apiVersion: string; readonly os: string; readonly cpus: number; readonly swarm: string } | { readonly error: string };
  readonly dockerCli: string;
  readonly loadAvgAtStart: readonly number[];
}

export async function machineInfo(dockerHost: string | undefined): Promise<MachineInfo> {
  const engine = new DockerodeEngine({ host: dockerHost });
  let engineInfo: MachineInfo['engine'];
  try {
    const [version, info] = await Promise.all([engine.version(), engine.info()]);
    engineInfo = { version: version.version, apiVersion: version.apiVersion, os: `${version.os}/${version.arch}`, cpus: info.cpus, swarm: info.swarm.state };
  } catch (error) {
    engineInfo = { error: (error as Error).message };
  }
  const cli = await run('docker', ['version', '--format', '{{.Client.Version}}']).then((r) => r.stdout.trim()).catch(() => 'not found');
  return {
    date: new Date().toISOString(),
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memTotalGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    kernel: release(),
    node: process.version,
    engine: engineInfo,
    dockerCli: cli,
    loadAvgAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

export function describeMachine(m: MachineInfo): string {
  const engine = 'error' in m.engine ? `engine unavailable (${m.engine.error})` : `Docker Engine ${m.engine.version} (API ${m.engine.apiVersion}, ${m.engine.os}, swarm ${m.engine.swarm})`;
  return `${m.date} · ${m.cpuCount} × ${m.cpuModel} · ${m.memTotalGiB} GiB · Linux ${m.kernel} · Node ${m.node} · ${engine} · docker CLI ${m.dockerCli} · load ${m.loadAvgAtStart.join(' ')}`;
}
