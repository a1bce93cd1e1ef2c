/**
 * Part of `burst`: steady streams. The real bot process (netlab's defaults) gets one /demo every
 * 1/rate seconds, each from a different member, in turn over the mix, for a fixed time; then it
 * is stopped with SIGTERM. Measured per rate: time to the final answer (p50, p95), how many were
 * served warm (the footer's create time), shared, busy or failed, and the same machine's
 * `docker run --rm <image> ip addr` (median of a few, taken just before the stream) for the
 * ratio the issue asks about: p50 ≤ 0.25 × docker run.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import type { ScenarioName } from '../src/demos/registry.ts';
import type { BenchEngine } from './lib/bench-engine.ts';
import { startBotProcess } from './lib/bot-process.ts';
import { sendDemo, type DemoOutcome } from './lib/discord.ts';
import { median, ratio, summarize, type Summary } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

const exec = promisify(execFile);
const log = (text: string) => process.stderr.write(`[stream] ${text}\n`);

/** A demo whose containers came from the pool shows a create time of a few ms; cold ones hundreds. */
const WARM_CREATE_MS = 60;

export interface StreamSettings {
  readonly ratesPerSec: readonly number[];
  readonly durationSec: number;
  readonly mix: readonly ScenarioName[];
  readonly dockerRunSamples: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = { ratesPerSec: [1, 2, 3, 4], durationSec: 60, mix: ['bridge', 'none', 'host'], dockerRunSamples: 5 };

export interface StreamStep {
  readonly ratePerSec: number;
  readonly perMinute: number;
  readonly offered: number;
  readonly output: number;
  readonly warm: number;
  readonly shared: number;
  readonly busy: number;
  readonly failures: number;
  readonly answerMs: Summary;
  readonly dockerRunMs: number;
  /** p50 / docker run's median. */
  readonly p50Ratio: number;
  readonly peakRssMiB: number;
  readonly load1: number;
}

async function dockerRunMedian(image: string, samples: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await exec('docker', ['run', '--rm', '--network', 'bridge', image, 'ip', 'addr'], { timeout: 60_000 });
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function benchStreams(engine: BenchEngine, settings: StreamSettings = DEFAULT_STREAM_SETTINGS): Promise<StreamStep[]> {
  const steps: StreamStep[] = [];
  for (const rate of settings.ratesPerSec) {
    const bot = await startBotProcess({ DEMO_IMAGE: engine.benchImage, LOG_LEVEL: 'info' }); // ready is read from the info log
    try {
      await engine.watch.settle({ quietMs: 500, capMs: 30_000, minRunning: 12 });
      const dockerRunMs = await dockerRunMedian(engine.benchImage, settings.dockerRunSamples);
      await engine.watch.settle({ quietMs: 500, capMs: 10_000, minRunning: 12 });
      const count = Math.round(rate * settings.durationSec);
      log(`${rate}/s for ${settings.durationSec} s (${count} demos); docker run median ${dockerRunMs.toFixed(0)} ms`);
      const sent: Promise<DemoOutcome>[] = [];
      let peakRss = 0;
      const start = performance.now();
      for (let i = 0; i < count; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        sent.push(sendDemo(bot.fake, { scenario: settings.mix[i % settings.mix.length]!, locale: i % 2 === 0 ? 'en-US' : 'zh-CN', timeoutMs: 60_000 }).outcome);
        if (i % 10 === 0) peakRss = Math.max(peakRss, await bot.rssMiB());
      }
      const outcomes = await Promise.all(sent);
      const outputs = outcomes.filter((o) => o.kind === 'output');
      const answerMs = summarize(outputs.map((o) => o.answerMs));
      steps.push({
        ratePerSec: rate,
        perMinute: rate * 60,
        offered: count,
        output: outputs.length,
        warm: outputs.filter((o) => (o.sandboxTimings?.create ?? Infinity) <= WARM_CREATE_MS).length,
        shared: outputs.filter((o) => o.sharedWith > 0).length,
        busy: outcomes.filter((o) => o.kind === 'busy').length,
        failures: outcomes.filter((o) => o.kind === 'error' || o.kind === 'no-reply').length,
        answerMs,
        dockerRunMs: Math.round(dockerRunMs),
        p50Ratio: ratio(answerMs.p50, dockerRunMs),
        peakRssMiB: Number(peakRss.toFixed(1)),
        load1: Number(loadavg()[0]!.toFixed(2)),
      });
    } finally {
      await bot.stop().catch(() => undefined);
    }
  }
  return steps;
}

/** The highest rate tried whose p50 stayed at ≤ 0.25 × docker run with nothing refused or failed (issue 11's figure). */
export function highestWarmRate(steps: readonly StreamStep[]): StreamStep | undefined {
  return steps.filter((s) => s.p50Ratio <= 0.25 && s.busy === 0 && s.failures === 0).sort((x, y) => y.ratePerSec - x.ratePerSec)[0];
}

export function streamTables(steps: readonly StreamStep[], settings: StreamSettings): string[] {
  const best = highestWarmRate(steps);
  const tried = steps.map((s) => s.perMinute).join(', ');
  const summary = best
    ? `highest steady rate tried (${tried} per min) with p50 ≤ 0.25 × docker run: ${best.perMinute} demos per minute (p50 ${best.answerMs.p50.toFixed(0)} ms = ${best.p50Ratio.toFixed(2)} × ${best.dockerRunMs} ms)`
    : `no rate tried (${tried} per min) kept p50 ≤ 0.25 × docker run`;
  return [
    renderTable(
      `steady streams · one /demo every 1/rate s for ${settings.durationSec} s, each from a different member (${settings.mix.join('/')}) · real bot process, default limits`,
      ['rate', 'per min', 'offered', 'output', 'warm', 'shared', 'busy', 'failures', 'p50 ms', 'p95 ms', 'docker run ms', 'p50 / docker run', 'peak RSS MiB', 'load1'],
      steps.map((s) => [`${s.ratePerSec}/s`, s.perMinute, s.offered, s.output, s.warm, s.shared, s.busy, s.failures, s.answerMs.p50, s.answerMs.p95, s.dockerRunMs, s.p50Ratio, s.peakRssMiB, s.load1]),
    ),
    summary,
  ];
}
