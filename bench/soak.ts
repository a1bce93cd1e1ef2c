/**
 * `npm run bench:soak` — does netlab survive a semester of demos? 1,000 demos in a row (mixed
 * scenarios, taken in turn, both languages) through the app's own path: createApp(), the /demo
 * command's handler (runScenario, the topology picture, the bilingual presentation) and the
 * sandbox with its warm pool, lease and reaper on the real engine — no `docker run`. Then:
 * containers and networks this process left (everything it creates carries its owner label;
 * must be 0), RSS and heap at start, after a warm-up of 50 demos and at the end (RSS
 * growth after the warm-up must stay under 10 %), and demos per minute. Prints a table and
 * writes bench/results.soak.json (or --out).
 *
 * Options: --demos N (default 1000) · --warmup N (default 50) · --scenarios bridge,none,… (the
 * mix; default every scenario the engine can run) · --out FILE.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { COMMANDS } from '../src/commands/index.ts';
import { rawOptions, runLocalCommand } from '../src/cli/local-command.ts';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from '../src/demos/registry.ts';
import { LABEL_OWNER, MANAGED_FILTER } from '../src/docker/labels.ts';
import { openBenchEngine } from './lib/bench-engine.ts';
import { ROOT } from './lib/bot-process.ts';
import { describeMachine, machineInfo } from './lib/machine.ts';
import { summarize } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

const RSS_GROWTH_MAX = 0.1;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface MemorySample {
  readonly demos: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly atSec: number;
  readonly load1: number;
}

const MiB = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

/** Memory after a full collection when the bench runs with --expose-gc (npm run bench:soak does). */
function sampleMemory(demos: number, startedAt: number): MemorySample {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { demos, rssMiB: MiB(m.rss), heapUsedMiB: MiB(m.heapUsed), atSec: Number(((performance.now() - startedAt) / 1000).toFixed(1)), load1: Number(loadavg()[0]!.toFixed(2)) };
}

async function main(): Promise<number> {
  const total = Number(option('demos', '1000'));
  const warmup = Number(option('warmup', '50'));
  const requested = option('scenarios', '');
  if (!(total > warmup) || !(warmup > 0) || (requested && !requested.split(',').every(isScenarioName))) {
    console.error('usage: npm run bench:soak -- [--demos 1000] [--warmup 50] [--scenarios bridge,none,host] [--out FILE]');
    return 2;
  }
  const bench = await openBenchEngine();
  const machine = await machineInfo(bench.dockerHost);
  const swarm = await bench.swarm();
  // One member would hit the per-member cooldown; the soak is about what demos leave behind.
  const app = createApp({ env: { ...process.env, DEMO_IMAGE: bench.benchImage, NETLAB_DB: ':memory:', LOG_LEVEL: 'warn' }, sandboxOverrides: () => ({ userCooldownMs: 0 }) });
  const mix = (requested ? requested.split(',') : SCENARIO_NAMES.filter((s) => s !== 'overlay' || swarm.isManager)).filter((s) => s !== 'host' || app.config.sandbox.hostScenario) as ScenarioName[];
  const demo = COMMANDS.get('demo')!;
  const report = await app.sandbox.start();
  if (!report.ok) {
    console.error(`no engine can run demos: ${report.engines.map((e) => `${e.name}: ${e.engine.ok ? 'no demo image' : e.engine.error}`).join('; ')}`);
    await app.sandbox.shutdown();
    await bench.close();
    return 1;
  }
  const owners = app.sandbox.engines.map((e) => e.ownerId);
  console.log(`soak · ${describeMachine(machine)}`);
  console.log(`  ${total} demos in a row, warm-up ${warmup}, pool ${app.config.sandbox.poolSize} per kind, mix ${mix.join(', ')}`);
  await app.sandbox.poolReady();
  const startedAt = performance.now();
  const memory: MemorySample[] = [sampleMemory(0, startedAt)];
  const durations: number[] = [];
  const failures: { index: number; scenario: string; error: string }[] = [];
  let warm = 0;
  let checksMissed = 0;
  let measureFrom = startedAt;
  // Ctrl-C (or SIGTERM) ends the soak early: the demos run so far are cleaned up and reported.
  let stopped = false;
  const stop = () => void (stopped = true);
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    for (let i = 0; i < total && !stopped; i++) {
      const scenario = mix[i % mix.length]!;
      const t = performance.now();
      try {
        const answer = await runLocalCommand(app, { command: demo, options: rawOptions(demo, { scenario }), lang: i % 2 ? 'zh' : 'en', surface: 'console' });
        // A demo whose explained checks did not all pass still ran and was cleaned up: counted apart.
        if (answer.tone === 'warn') checksMissed++;
        if ((answer.data as { warmContainers?: number } | undefined)?.warmContainers) warm++;
      } catch (error) {
        failures.push({ index: i, scenario, error: (error as Error).message.slice(0, 200) });
      }
      durations.push(performance.now() - t);
      const done = i + 1;
      if (done === warmup) {
        memory.push(sampleMemory(done, startedAt));
        measureFrom = performance.now();
      } else if (done % 100 === 0 || done === total || stopped) {
        memory.push(sampleMemory(done, startedAt));
        const m = memory.at(-1)!;
        console.log(`  ${done} demos · ${m.atSec} s · RSS ${m.rssMiB} MiB · heap ${m.heapUsedMiB} MiB · ${failures.length} failed · load ${m.load1}`);
      }
    }
  } finally {
    await app.sandbox.idle();
    await app.sandbox.shutdown();
  }
  const ran = durations.length;
  const elapsedMin = (performance.now() - startedAt) / 60_000;
  const afterWarmupMin = (performance.now() - measureFrom) / 60_000;
  const left = { containers: 0, networks: 0, otherLabelledContainers: 0 };
  for (const owner of owners) {
    const labels = { ...MANAGED_FILTER, [LABEL_OWNER]: owner };
    left.containers += (await bench.engine.listContainers({ labels })).length;
    left.networks += (await bench.engine.listNetworks({ labels })).length;
  }
  // Anything else labelled belongs to other netlab processes sharing the engine: for information.
  left.otherLabelledContainers = (await bench.engine.listContainers({ labels: MANAGED_FILTER })).length - left.containers;
  await bench.close();
  app[Symbol.dispose]();

  const start = memory[0]!;
  const afterWarmup = memory.find((m) => m.demos === warmup) ?? start;
  const end = memory.at(-1)!;
  const rssGrowth = (end.rssMiB - afterWarmup.rssMiB) / afterWarmup.rssMiB;
  const perMin = Number((ran / elapsedMin).toFixed(1));
  const perMinAfterWarmup = Number(((ran - warmup) / afterWarmupMin).toFixed(1));
  const ms = summarize(durations, 0);
  const leftOk = left.containers === 0 && left.networks === 0;
  const rssOk = rssGrowth < RSS_GROWTH_MAX;
  console.log(
    `\n${renderTable(
      'memory of the netlab process over the soak',
      ['point', 'demos', 'RSS MiB', 'heap MiB', 'at s', 'load 1m'],
      [['start', start.demos, start.rssMiB, start.heapUsedMiB, start.atSec, start.load1], ['after warm-up', afterWarmup.demos, afterWarmup.rssMiB, afterWarmup.heapUsedMiB, afterWarmup.atSec, afterWarmup.load1], ['end', end.demos, end.rssMiB, end.heapUsedMiB, end.atSec, end.load1]],
    )}\n\n${renderTable(
      'the soak',
      ['demos', 'failed', 'checks missed', 'warm', 'demos/min', 'p50 ms', 'p95 ms', 'max ms', 'RSS growth', 'containers left', 'networks left'],
      [[ran, failures.length, checksMissed, warm, perMin, ms.p50, ms.p95, ms.max, `${(rssGrowth * 100).toFixed(1)} %`, left.containers, left.networks]],
    )}`,
  );
  console.log(`\nleft behind: ${leftOk ? 'nothing (target met)' : 'SOMETHING (target missed)'} · RSS growth after warm-up ${(rssGrowth * 100).toFixed(1)} % (${rssOk ? 'target met' : 'target missed'}: < ${RSS_GROWTH_MAX * 100} %)`);
  if (left.otherLabelledContainers > 0) console.log(`note: ${left.otherLabelledContainers} labelled containers of other netlab processes were on the engine at the end (not this bench's)`);
  for (const f of failures.slice(0, 10)) console.log(`  failed #${f.index} ${f.scenario}: ${f.error}`);
  const out = option('out', join(ROOT, 'bench', 'results.soak.json'));
  writeFileSync(
    out,
    `${JSON.stringify({ machine, loadAvgAtEnd: loadavg().map((x) => Number(x.toFixed(2))), gcBeforeSamples: typeof (globalThis as { gc?: unknown }).gc === 'function', settings: { demos: total, warmup, mix, poolSize: app.config.sandbox.poolSize, maxConcurrent: app.config.sandbox.maxConcurrent }, ran, stoppedEarly: ran < total, demosPerMin: perMin, demosPerMinAfterWarmup: perMinAfterWarmup, elapsedMin: Number(elapsedMin.toFixed(2)), demoMs: ms, warm, failed: failures.length, checksMissed, failures: failures.slice(0, 50), rssGrowthAfterWarmup: Number(rssGrowth.toFixed(4)), memory, left, targets: { nothingLeft: leftOk, rssGrowthUnder10Percent: rssOk } }, null, 2)}\n`,
  );
  console.log(`figures written to ${out}`);
  return 0;
}

process.exitCode = await main();
