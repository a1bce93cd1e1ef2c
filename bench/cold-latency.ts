/**
 * Cold demo latency per scenario (median of 5) next to what a member would type instead,
 * `docker run --rm netlab-demo:latest ip addr`, measured in the same run with runs interleaved
 * so both see the same machine load. Usage: npx tsx bench/cold-latency.ts [--runs 5] [--json]
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createSandbox, SCENARIO_NAMES, type ScenarioName } from '../src/docker/index.ts';
import { DockerodeEngine } from '../src/docker/dockerode-engine.ts';
import { silentLogger } from '../src/log.ts';

const run = promisify(execFile);
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const config = loadConfig(process.env);
const sandboxConfig = { ...config.sandbox, userCooldownMs: 0, initSwarm: true };
const BASELINE = `docker run --rm ${sandboxConfig.image} ip addr`;

const engine = new DockerodeEngine({ host: config.docker.host });
const wasManager = (await engine.info()).swarm.isManager;
const sandbox = createSandbox({ config: sandboxConfig, dockerHost: config.docker.host, logger: silentLogger() });
const status = await sandbox.start();
if (!status.engine.ok || !status.image.present) throw new Error(`sandbox not ready: ${JSON.stringify(status.engine)} ${JSON.stringify(status.image)}`);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const samples = new Map<string, number[]>([[BASELINE, []], ...SCENARIO_NAMES.map((n) => [n, []] as [string, number[]])]);
// One warm-up pass (overlay's first run also initialises the swarm), not measured.
for (const name of SCENARIO_NAMES) await sandbox.runDemo(name, { userId: 'bench' });
for (let i = 0; i < runs; i++) {
  samples.get(BASELINE)!.push(await timed(() => run('docker', ['run', '--rm', sandboxConfig.image, 'ip', 'addr'])));
  for (const name of SCENARIO_NAMES) samples.get(name)!.push(await timed(() => sandbox.runDemo(name as ScenarioName, { userId: 'bench' })));
}
await sandbox.shutdown();
if (!wasManager && (await engine.info()).swarm.isManager) await engine.swarmLeave({ force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baseline = median(samples.get(BASELINE)!);
const rows = [...samples].map(([name, xs]) => ({ name, median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)), ratio: Number((median(xs) / baseline).toFixed(2)) }));

if (args.includes('--json')) {
  console.log(JSON.stringify({ runs, engine: status.engine, rows }, null, 2));
} else {
  console.log(`cold latency, median of ${runs} (ms) — engine ${status.engine.version}, API ${status.engine.apiVersion}`);
  console.log(`${'scenario'.padEnd(44)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}${'× docker run'.padStart(14)}`);
  for (const r of rows) console.log(`${r.name.padEnd(44)}${String(r.median).padStart(8)}${String(r.min).padStart(8)}${String(r.max).padStart(8)}${r.ratio.toFixed(2).padStart(14)}`);
}
