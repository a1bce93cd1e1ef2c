/**
 * Part of `burst`: the engine CPU one demo costs, per scenario. A sandbox in this process (no
 * warm pool: each demo pays for all its containers and networks) runs each scenario a few times
 * in a row, each demo followed by its cleanup (containers and networks gone). Measured from /proc
 * (bench/lib/cpu.ts): the whole machine's busy CPU seconds for the block, minus what the machine
 * used in an equally long quiet moment just before (other processes on a shared machine), divided
 * by the demos; dockerd and containerd alone likewise. The rest of the engine's cost is runc, the
 * container shims, dockerd's network hook and the kernel, which only the machine figure sees.
 * Overlay needs a swarm manager: when the engine's swarm is inactive, the sandbox may create a
 * single-node swarm (SANDBOX_INIT_SWARM=true) in one untimed overlay demo, and the bench leaves
 * the swarm again afterwards, as the demos part does; another swarm state is not the bench's to
 * change, and overlay is then skipped.
 */
import { loadavg } from 'node:os';
import { loadConfig } from '../src/config.ts';
import { SCENARIOS, type ScenarioName } from '../src/demos/registry.ts';
import { createSandbox } from '../src/docker/sandbox.ts';
import { silentLogger } from '../src/log.ts';
import type { BenchEngine } from './lib/bench-engine.ts';
import { cpuBetween, cpuSnapshot, pidsNamed } from './lib/cpu.ts';
import { renderTable } from './lib/table.ts';

const log = (text: string) => process.stderr.write(`[cpu] ${text}\n`);
const r2 = (x: number) => Number(x.toFixed(2));

export interface CpuSettings {
  readonly demosPerScenario: number;
}

export const DEFAULT_CPU_SETTINGS: CpuSettings = { demosPerScenario: 3 };

export interface ScenarioCpu {
  readonly scenario: ScenarioName;
  readonly containers: number;
  readonly networks: number;
  readonly demos: number;
  /** Machine busy CPU s per demo, net of the quiet moment's rate. */
  readonly machineSecPerDemo: number;
  readonly dockerdSecPerDemo: number;
  readonly containerdSecPerDemo: number;
  /** This process (the sandbox's own Node work) per demo. */
  readonly netlabSecPerDemo: number;
  readonly wallSecPerDemo: number;
  readonly load1: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchCpu(engine: BenchEngine, settings: CpuSettings = DEFAULT_CPU_SETTINGS): Promise<ScenarioCpu[]> {
  const swarmBefore = await engine.swarm();
  const initSwarm = !swarmBefore.isManager && swarmBefore.state === 'inactive';
  const config = loadConfig({
    ...(process.env['DOCKER_HOST'] ? { DOCKER_HOST: process.env['DOCKER_HOST'] } : {}),
    DEMO_IMAGE: engine.benchImage,
    SANDBOX_USER_COOLDOWN_MS: '0',
    SANDBOX_POOL_SIZE: '0',
    SANDBOX_SHARE_WINDOW_MS: '0',
    SANDBOX_INIT_SWARM: initSwarm ? 'true' : 'false',
  });
  const sandbox = createSandbox({ config: config.sandbox, dockerHost: config.docker.host, logger: silentLogger() });
  await sandbox.start();
  const rows: ScenarioCpu[] = [];
  try {
    for (const scenario of SCENARIOS) {
      if (scenario.needsSwarmManager && !swarmBefore.isManager) {
        if (!initSwarm) {
          log(`${scenario.name}: skipped (swarm state "${swarmBefore.state}" is not the bench's to change)`);
          continue;
        }
        // Untimed: the first overlay demo creates the swarm, which is not a demo's cost.
        await sandbox.runDemo(scenario, { userId: `cpu-bench-${scenario.name}-swarm` });
        await sandbox.idle();
        log(`${scenario.name}: a first, untimed demo created a single-node swarm`);
      }
      const daemons = [...pidsNamed('dockerd'), ...pidsNamed('containerd')];
      const dockerd = pidsNamed('dockerd');
      const pids = [process.pid, ...daemons];
      // A quiet moment as long as the block is likely to take: what the rest of the machine uses.
      const quietMs = 1_500;
      const q0 = cpuSnapshot(pids);
      await sleep(quietMs);
      const quiet = cpuBetween(q0, cpuSnapshot(pids));
      const quietRate = quiet.machineBusySec / quiet.wallSec;
      const before = cpuSnapshot(pids);
      for (let i = 0; i < settings.demosPerScenario; i++) {
        await sandbox.runDemo(scenario, { userId: `cpu-bench-${scenario.name}-${i}` });
        await sandbox.idle();
      }
      const use = cpuBetween(before, cpuSnapshot(pids));
      const n = settings.demosPerScenario;
      const sum = (list: readonly number[]) => list.reduce((s, pid) => s + (use.byPid.get(pid) ?? 0), 0);
      const row: ScenarioCpu = {
        scenario: scenario.name,
        containers: scenario.uses.containers,
        networks: scenario.uses.networks,
        demos: n,
        machineSecPerDemo: r2(Math.max(0, use.machineBusySec - quietRate * use.wallSec) / n),
        dockerdSecPerDemo: r2(sum(dockerd) / n),
        containerdSecPerDemo: r2(sum(daemons.filter((p) => !dockerd.includes(p))) / n),
        netlabSecPerDemo: r2((use.byPid.get(process.pid) ?? 0) / n),
        wallSecPerDemo: r2(use.wallSec / n),
        load1: r2(loadavg()[0]!),
      };
      rows.push(row);
      log(`${scenario.name}: ${row.machineSecPerDemo} CPU s per demo (dockerd ${row.dockerdSecPerDemo}, containerd ${row.containerdSecPerDemo})`);
    }
  } finally {
    await sandbox.shutdown();
    if (initSwarm && (await engine.swarm()).isManager) {
      await engine.leaveSwarm();
      log('left the swarm the bench created');
    }
  }
  return rows;
}

export function cpuTables(rows: readonly ScenarioCpu[], settings: CpuSettings): string[] {
  return [
    renderTable(
      `CPU per demo, per scenario · ${settings.demosPerScenario} cold demos each (no pool), cleanup included; machine figure net of a quiet moment's rate just before`,
      ['scenario', 'containers', 'networks', 'machine CPU s', 'dockerd', 'containerd', 'netlab (node)', 'wall s', 'load1'],
      rows.map((r) => [r.scenario, r.containers, r.networks, r.machineSecPerDemo, r.dockerdSecPerDemo, r.containerdSecPerDemo, r.netlabSecPerDemo, r.wallSecPerDemo, r.load1]),
    ),
  ];
}
