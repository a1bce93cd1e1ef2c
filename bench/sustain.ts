/**
 * `npm run bench:sustain` — what one sandbox engine sustains: demos per minute before members
 * hear "busy". Against the engine(s) netlab would use (DOCKER_HOST with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH, or SANDBOX_ENGINES), with netlab's default limits (4 at once, 16 waiting,
 * a warm pool of 4 per kind), demos arrive at a steady rate, each from a different member, for a
 * window; the rate steps up until some are refused as busy. Between steps the sandbox goes idle
 * and its pool refills, so every step starts alike. Prints a table and writes the figures to
 * bench/results.sustain.json (or --out).
 *
 * Options: --rates 30,60,90 (demos per minute) · --window S (seconds per step, default 60) ·
 * --scenarios bridge,none,host (the mix, taken in turn) · --out FILE.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { isScenarioName, scenarioNamed, type ScenarioName } from '../src/demos/registry.ts';
import { engineEndpoints } from '../src/docker/engine/endpoints.ts';
import { createSandboxSet, type SandboxSet } from '../src/docker/engines.ts';
import { isSandboxRefusal } from '../src/docker/errors.ts';
import { silentLogger } from '../src/log.ts';
import { ROOT } from './lib/bot-process.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

interface Step {
  readonly ratePerMin: number;
  readonly offered: number;
  readonly served: number;
  readonly busy: number;
  readonly otherRefusals: number;
  readonly errors: number;
  readonly warm: number;
  readonly answerMs: Summary;
  readonly maxQueued: number;
  readonly load1: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function step(sandbox: SandboxSet, ratePerMin: number, windowSec: number, mix: readonly ScenarioName[], stepIndex: number): Promise<Step> {
  const every = 60_000 / ratePerMin;
  const count = Math.max(1, Math.floor((windowSec * ratePerMin) / 60));
  const outcomes: { kind: 'served' | 'busy' | 'refused' | 'error'; ms: number; warm: boolean }[] = [];
  let maxQueued = 0;
  const sampler = setInterval(() => {
    maxQueued = Math.max(maxQueued, ...sandbox.engines.map((e) => e.load().queued));
  }, 100);
  const start = performance.now();
  const runs = Array.from({ length: count }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + i * every - performance.now())));
    const t = performance.now();
    try {
      const result = await sandbox.runDemo(scenarioNamed(mix[i % mix.length]!), { userId: `sustain-${stepIndex}-${i}` });
      outcomes.push({ kind: 'served', ms: performance.now() - t, warm: result.warmContainers > 0 });
    } catch (error) {
      const kind = isSandboxRefusal(error) ? (error.code === 'sandbox-busy' ? 'busy' : 'refused') : 'error';
      outcomes.push({ kind, ms: performance.now() - t, warm: false });
    }
  });
  await Promise.all(runs);
  clearInterval(sampler);
  await sandbox.idle();
  const of = (kind: string) => outcomes.filter((o) => o.kind === kind);
  return {
    ratePerMin,
    offered: count,
    served: of('served').length,
    busy: of('busy').length,
    otherRefusals: of('refused').length,
    errors: of('error').length,
    warm: outcomes.filter((o) => o.warm).length,
    answerMs: summarize(of('served').map((o) => o.ms), 0),
    maxQueued,
    load1: Number(loadavg()[0]!.toFixed(2)),
  };
}

async function main(): Promise<number> {
  const rates = option('rates', '30,60,90,120,150').split(',').map(Number);
  const windowSec = Number(option('window', '60'));
  const mix = option('scenarios', 'bridge,none,host').split(',');
  if (rates.some((r) => !Number.isFinite(r) || r <= 0) || !(windowSec > 0) || !mix.every(isScenarioName)) {
    console.error('usage: npm run bench:sustain -- [--rates 30,60,90] [--window 60] [--scenarios bridge,none,host] [--out FILE]');
    return 2;
  }
  const config = loadConfig(process.env);
  const sandbox = createSandboxSet({ config: { ...config.sandbox, userCooldownMs: 0 }, endpoints: engineEndpoints(config.docker), logger: silentLogger() });
  const report = await sandbox.start();
  if (!report.ok) {
    console.error(`no engine can run demos: ${report.engines.map((e) => `${e.name}: ${e.engine.ok ? 'no demo image' : e.engine.error}`).join('; ')}`);
    await sandbox.shutdown();
    return 1;
  }
  const engines = report.engines.map((e) => `${e.name}${e.tls ? ' (TLS)' : ''}${e.engine.ok ? ` Docker ${e.engine.version}` : ''}`);
  console.log(`sustain · engines: ${engines.join(', ')} · ${cpus().length} CPUs · limits ${config.sandbox.maxConcurrent} at once, ${config.sandbox.queueSize} waiting, pool ${config.sandbox.poolSize} per kind · mix ${mix.join(', ')} · ${windowSec} s per step`);
  const steps: Step[] = [];
  try {
    for (const [i, rate] of rates.entries()) {
      await sandbox.poolReady();
      const result = await step(sandbox, rate, windowSec, mix as ScenarioName[], i);
      steps.push(result);
      console.log(`  ${rate}/min: ${result.served} served (${result.warm} warm), ${result.busy} busy, p95 ${result.answerMs.p95} ms, queue ≤ ${result.maxQueued}`);
      if (result.busy > 0 && steps.filter((s) => s.busy > 0).length >= 2) break;
    }
  } finally {
    await sandbox.shutdown();
  }
  const sustained = steps.filter((s) => s.busy === 0 && s.errors === 0 && s.otherRefusals === 0).at(-1)?.ratePerMin ?? 0;
  console.log(
    `\n${renderTable(
      'one engine under a steady stream of demos',
      ['demos/min', 'offered', 'served', 'warm', 'busy', 'errors', 'p50 ms', 'p95 ms', 'max ms', 'max queue', 'load 1m'],
      steps.map((s) => [s.ratePerMin, s.offered, s.served, s.warm, s.busy, s.errors + s.otherRefusals, s.answerMs.p50, s.answerMs.p95, s.answerMs.max, s.maxQueued, s.load1]),
      0,
    )}\nsustained without a busy answer: ${sustained} demos/min`,
  );
  const out = option('out', join(ROOT, 'bench', 'results.sustain.json'));
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), engines, cpus: cpus().length, limits: { maxConcurrent: config.sandbox.maxConcurrent, queueSize: config.sandbox.queueSize, poolSize: config.sandbox.poolSize }, mix, windowSec, steps, sustainedPerMin: sustained }, null, 2)}\n`);
  return 0;
}

process.exitCode = await main();
