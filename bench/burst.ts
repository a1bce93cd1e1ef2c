/**
 * Part `burst`: "try it now" — 30 members press /demo at the same moment. The real bot process
 * (`node bin/netlab.js start`, netlab's default limits and pool) is logged into the fake Discord;
 * the 30 INTERACTION_CREATE events are dispatched back to back in one tick. Measured:
 *
 * - time from the first dispatch to the last answer; per-interaction time to its final answer;
 * - outcomes: output shown, an honest "busy, try again" answer, an error reply, or no reply at all
 *   (failures = errors + no reply);
 * - the most of the bot's containers alive at once (engine events for containers labelled
 *   netlab.managed=true, created from the bench's image tag), against what the limits allow:
 *   SANDBOX_MAX_CONCURRENT demos × the most containers one demo of the mix uses (bridge: its
 *   container and the host view of its cable) + the pool's SANDBOX_POOL_SIZE × its 3 kinds
 *   (bridge, none, host) — the bound pool.ts promises;
 * - acknowledgement latency (dispatch → deferred callback);
 * - the bot's memory: VmRSS idle (after ready and the pool filled) and its peak during the burst,
 *   sampled every 20 ms from /proc/<pid>/status; VmHWM (the kernel's peak since start) too;
 * - where the CPU went from the first dispatch until the engine was quiet again: the whole
 *   machine, the bot process, dockerd and containerd (the rest is runc, the container shims,
 *   dockerd's network hook, the containers and the kernel);
 * - that SIGTERM afterwards exits 0 and leaves no labelled container.
 */
import { loadConfig } from '../src/config.ts';
import { scenarioNamed, type ScenarioName } from '../src/demos/registry.ts';
import type { BenchEngine } from './lib/bench-engine.ts';
import { sampleEvery, startBotProcess } from './lib/bot-process.ts';
import { cpuBetween, cpuSnapshot, pidsNamed } from './lib/cpu.ts';
import { sendDemo, type DemoOutcome } from './lib/discord.ts';
import { median, summarize, type Summary } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

export interface BurstSettings {
  /** What the table calls it: "30 mixed", "30 all-same", "60". */
  readonly label: string;
  readonly members: number;
  readonly mix: readonly ScenarioName[];
  readonly rssEveryMs: number;
}

/** The most containers one demo of the mix starts. */
const perDemo = (settings: BurstSettings) => Math.max(...settings.mix.map((s) => scenarioNamed(s).uses.containers));

export const DEFAULT_BURST_SETTINGS: BurstSettings = { label: '30 mixed', members: 30, mix: ['bridge', 'none', 'host'], rssEveryMs: 20 };

/** The bursts `npm run bench -- burst` runs, each against a fresh bot process. */
export const BURST_SUITE: readonly BurstSettings[] = [
  DEFAULT_BURST_SETTINGS,
  { label: '30 all-same', members: 30, mix: ['bridge'], rssEveryMs: 20 },
  { label: '60 mixed', members: 60, mix: ['bridge', 'none', 'host'], rssEveryMs: 20 },
];

export interface BurstResults {
  readonly settings: BurstSettings & { readonly limits: { readonly maxConcurrent: number; readonly queueSize: number; readonly poolSize: number; readonly userCooldownMs: number; readonly shareWindowMs: number } };
  readonly lastAnswerMs: number;
  readonly answerMs: { readonly all: Summary; readonly output: Summary; readonly busy: Summary };
  readonly outcomes: { readonly output: number; readonly busy: number; readonly error: number; readonly noReply: number; readonly failures: number; readonly checksFailed: number };
  /** Real runs behind the outputs (distinct run ids), and outputs labelled as a shared run. */
  readonly runs: { readonly distinct: number; readonly sharedOutputs: number; readonly labelMismatches: number };
  readonly containers: { readonly maxAlive: number; readonly maxRunning: number; readonly idlePoolBefore: number; readonly allowed: number; readonly othersAliveMax: number; readonly eventsSeen: number };
  readonly ack: Summary;
  readonly memory: { readonly idleRssMiB: number; readonly peakRssMiB: number; readonly hwmMiB: number; readonly samples: number };
  readonly cpu: { readonly wallSec: number; readonly capacitySec: number; readonly machineBusySec: number; readonly botSec: number; readonly harnessSec: number; readonly dockerdSec: number; readonly containerdSec: number };
  readonly process: { readonly readyMs: number; readonly exitCode: number | null; readonly signal: string | null; readonly stopMs: number; readonly killed: boolean; readonly leftoverContainers: number; readonly labelledNetworksAfter: number; readonly env: Readonly<Record<string, string>> };
  readonly violations: readonly string[];
  readonly errors: readonly string[];
  readonly raw: { readonly outcomes: readonly { scenario: string; kind: string; answerMs: number; ackMs: number }[]; readonly rssMiB: readonly number[] };
}

const log = (text: string) => process.stderr.write(`[burst] ${text}\n`);
const r1 = (x: number) => Number(x.toFixed(1));

export async function benchBurst(engine: BenchEngine, settings: BurstSettings = DEFAULT_BURST_SETTINGS): Promise<BurstResults> {
  const { watch, benchImage } = engine;
  const limits = loadConfig({}).sandbox; // netlab's defaults: the bot runs with nothing overridden
  const env = { DEMO_IMAGE: benchImage, LOG_LEVEL: 'info' };
  const bot = await startBotProcess(env);
  let stopped: Awaited<ReturnType<typeof bot.stop>> | undefined;
  try {
    // Idle: after ready, once the pool has filled (poolSize per kind) and the engine is quiet.
    const poolKinds = limits.hostScenario ? 3 : 2;
    await watch.settle({ quietMs: 500, capMs: 30_000, minRunning: limits.poolSize * poolKinds });
    const idleSamples: number[] = [];
    for (let i = 0; i < 20; i++) {
      idleSamples.push(await bot.rssMiB());
      await new Promise((r) => setTimeout(r, 50));
    }
    const idlePoolBefore = watch.running;
    log(`bot ready in ${Math.round(bot.readyMs)} ms; idle pool ${idlePoolBefore}; RSS ${median(idleSamples).toFixed(1)} MiB; harness heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB; sending ${settings.members} /demo at once`);

    const rss = sampleEvery(settings.rssEveryMs, () => bot.rssMiB());
    const destroyedBefore = watch.destroyed;
    const [dockerd, containerd] = [pidsNamed('dockerd'), pidsNamed('containerd')];
    const cpuBefore = cpuSnapshot([bot.pid, process.pid, ...dockerd, ...containerd]);
    const burstStart = performance.now();
    const sent = Array.from({ length: settings.members }, (_, i) =>
      sendDemo(bot.fake, { scenario: settings.mix[i % settings.mix.length]!, locale: i % 2 === 0 ? 'en-US' : 'zh-CN', timeoutMs: 120_000 }),
    );
    const outcomes: DemoOutcome[] = await Promise.all(sent.map((s) => s.outcome));
    const lastAnswerAt = Math.max(...outcomes.map((o) => o.dispatchedAt + (Number.isFinite(o.answerMs) ? o.answerMs : 0)));
    // Peak memory and containers include the clean-up after the last answer: every demo's
    // containers destroyed (as many as its scenario uses), the pool refilled.
    // (Members who shared a run share its containers: count each run once.)
    const runsSeen = new Map(outcomes.filter((o) => o.kind === 'output').map((o, i) => [o.runId ?? `unknown-${i}`, o.scenario]));
    const ran = [...runsSeen.values()].reduce((n, scenario) => n + scenarioNamed(scenario as ScenarioName).uses.containers, 0);
    await watch.settle({ quietMs: 500, capMs: 15_000, minRunning: idlePoolBefore, destroyedAtLeast: destroyedBefore + ran });
    const burstEnd = performance.now();
    const cpu = cpuBetween(cpuBefore, cpuSnapshot([bot.pid, process.pid, ...dockerd, ...containerd]));
    const sumOf = (pids: number[]) => r1(pids.reduce((sum, pid) => sum + (cpu.byPid.get(pid) ?? 0), 0));
    const rssSamples = await rss.stop();
    const hwm = await bot.hwmMiB();
    const window = watch.maxBetween(burstStart, burstEnd);

    stopped = await bot.stop();
    const leftovers = await watch.listMine();

    const by = (kind: DemoOutcome['kind']) => outcomes.filter((o) => o.kind === kind);
    const failures = by('error').length + by('no-reply').length;
    // pool.ts's bound: maxConcurrent × containers per demo + poolSize × kinds (bridge, none, host).
    const allowed = limits.maxConcurrent * perDemo(settings) + limits.poolSize * poolKinds;
    return {
      settings: { ...settings, limits: { maxConcurrent: limits.maxConcurrent, queueSize: limits.queueSize, poolSize: limits.poolSize, userCooldownMs: limits.userCooldownMs, shareWindowMs: limits.shareWindowMs } },
      lastAnswerMs: r1(lastAnswerAt - burstStart),
      answerMs: {
        all: summarize(outcomes.filter((o) => Number.isFinite(o.answerMs)).map((o) => o.answerMs)),
        output: summarize(by('output').map((o) => o.answerMs)),
        busy: summarize(by('busy').map((o) => o.answerMs)),
      },
      runs: sharedRuns(by('output')),
      outcomes: { output: by('output').length, busy: by('busy').length, error: by('error').length, noReply: by('no-reply').length, failures, checksFailed: by('output').filter((o) => !o.checksPassed).length },
      containers: { maxAlive: window.alive, maxRunning: window.running, idlePoolBefore, allowed, othersAliveMax: window.othersAlive, eventsSeen: watch.events },
      ack: summarize(outcomes.map((o) => o.ackMs).filter(Number.isFinite)),
      memory: {
        idleRssMiB: r1(median(idleSamples)),
        peakRssMiB: r1(Math.max(...rssSamples.filter((s) => s.at >= burstStart).map((s) => s.value))),
        hwmMiB: r1(hwm),
        samples: rssSamples.length,
      },
      cpu: { wallSec: r1(cpu.wallSec), capacitySec: r1(cpu.capacitySec), machineBusySec: r1(cpu.machineBusySec), botSec: sumOf([bot.pid]), harnessSec: sumOf([process.pid]), dockerdSec: sumOf(dockerd), containerdSec: sumOf(containerd) },
      process: { readyMs: Math.round(bot.readyMs), exitCode: stopped.code, signal: stopped.signal, stopMs: Math.round(stopped.stopMs), killed: stopped.killed, leftoverContainers: leftovers.length, labelledNetworksAfter: await engine.labelledNetworks(), env },
      violations: outcomes.flatMap((o) => o.violations),
      errors: outcomes.filter((o) => o.kind === 'error' || o.kind === 'no-reply').map((o) => `${o.scenario}: ${o.kind} ${o.detail ?? ''}`.trim()),
      raw: { outcomes: outcomes.map((o) => ({ scenario: o.scenario, kind: o.kind, answerMs: r1(o.answerMs), ackMs: r1(o.ackMs) })), rssMiB: rssSamples.map((s) => r1(s.value)) },
    };
  } finally {
    if (!stopped) await bot.stop().catch(() => undefined);
  }
}

/**
 * Distinct run ids behind the outputs, and whether each label is right: a member who says they
 * shared with N classmates must see the same run id as exactly N others.
 */
function sharedRuns(outputs: readonly DemoOutcome[]): BurstResults['runs'] {
  const perRun = new Map<string, number>();
  for (const o of outputs) if (o.runId) perRun.set(o.runId, (perRun.get(o.runId) ?? 0) + 1);
  const labelMismatches = outputs.filter((o) => !o.runId || perRun.get(o.runId)! - 1 !== o.sharedWith).length;
  return { distinct: perRun.size, sharedOutputs: outputs.filter((o) => o.sharedWith > 0).length, labelMismatches };
}

export function burstTables(r: BurstResults): string[] {
  const l = r.settings.limits;
  const o = r.outcomes;
  const c = r.containers;
  const m = r.memory;
  const main = renderTable(
    `burst ${r.settings.label} · ${r.settings.members} simultaneous /demo (${r.settings.mix.join('/')}) from ${r.settings.members} members · real bot process, default limits (max ${l.maxConcurrent} at once, queue ${l.queueSize}, pool ${l.poolSize}, share window ${l.shareWindowMs} ms)`,
    ['figure', 'value'],
    [
      ['time until the last answer (ms)', r.lastAnswerMs],
      ['outputs shown', o.output],
      ['real runs behind them (distinct run ids) · outputs labelled shared', `${r.runs.distinct} · ${r.runs.sharedOutputs}`],
      ['outputs whose "shared with N" label disagrees with the run ids seen', r.runs.labelMismatches],
      ['honest "busy, try again" answers', o.busy],
      ['failures (error reply or no reply)', o.failures],
      ['demos whose checks failed', o.checksFailed],
      ['most containers alive at once (running)', `${c.maxAlive} (${c.maxRunning})`],
      ['allowed: max concurrent × containers per demo + pool size × 3 kinds', `${l.maxConcurrent} × ${perDemo(r.settings)} + ${l.poolSize} × 3 = ${c.allowed}`],
      ['idle pool containers before the burst', c.idlePoolBefore],
      ['other labelled containers on the engine (max)', c.othersAliveMax],
      ['bot RSS idle (MiB)', m.idleRssMiB],
      ['bot RSS peak during the burst (MiB)', m.peakRssMiB],
      ['bot VmHWM, peak since start (MiB)', m.hwmMiB],
      ['CPU s busy / available, burst until the engine was quiet', `${r.cpu.machineBusySec} / ${r.cpu.capacitySec} (${r.cpu.wallSec} s wall)`],
      ['machine CPU s per output shown (busy ÷ outputs)', o.output > 0 ? (r.cpu.machineBusySec / o.output).toFixed(2) : '–'],
      ['… of which the bot / this harness (fake Discord) / dockerd / containerd', `${r.cpu.botSec} / ${r.cpu.harnessSec} / ${r.cpu.dockerdSec} / ${r.cpu.containerdSec}`],
      ['SIGTERM → exit code (ms to exit)', `${r.process.exitCode} (${r.process.stopMs})`],
      ['labelled containers left after exit', r.process.leftoverContainers],
      ['fake-Discord violations', r.violations.length],
    ],
  );
  const latency = renderTable(
    `burst ${r.settings.label} · per-interaction latency (ms): to the final answer, and acknowledgement (dispatch → deferred callback)`,
    ['measure', 'n', 'p50', 'p95', 'p99', 'max'],
    [
      ['final answer, all', r.answerMs.all.n, r.answerMs.all.p50, r.answerMs.all.p95, r.answerMs.all.p99, r.answerMs.all.max],
      ['final answer, output shown', r.answerMs.output.n, r.answerMs.output.p50, r.answerMs.output.p95, r.answerMs.output.p99, r.answerMs.output.max],
      ['final answer, busy', r.answerMs.busy.n, r.answerMs.busy.p50, r.answerMs.busy.p95, r.answerMs.busy.p99, r.answerMs.busy.max],
      ['acknowledgement', r.ack.n, r.ack.p50, r.ack.p95, r.ack.p99, r.ack.max],
    ],
  );
  return [main, latency, ...(r.errors.length ? [`errors: ${r.errors.join(' | ')}`] : [])];
}
