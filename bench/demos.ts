/**
 * Part `demos`: demo latency per scenario, cold and warm, next to what a member would type
 * instead — `docker run --rm netlab-demo:latest ip addr` through the docker CLI — measured in the
 * same rounds (interleaved), so both see the same machine.
 *
 * - Through Discord: the real bot process (`node bin/netlab.js start`) logged into the fake
 *   Discord; a /demo chat-input interaction from a new member each time; the figure is the time
 *   from the fake's dispatch of INTERACTION_CREATE to the accepted edit whose embed shows the
 *   output. The acknowledgement (dispatch → deferred callback) is recorded too.
 * - Directly: `sandbox.runDemo()` in the bench process (no Discord, no rendering).
 * - Cold: SANDBOX_POOL_SIZE=0. Warm: the pool at its configured size; before every sample the
 *   bench waits until the engine is quiet and the pool is back to its size ("time for refill").
 *   Scenarios the pool does not cover are measured cold only; their warm figure is the cold one.
 * - overlay runs in its own block at the end of the cold phase, only when the engine is already a
 *   swarm manager or its swarm is inactive (then the bot may create one: SANDBOX_INIT_SWARM=true,
 *   and the bench leaves the swarm again afterwards).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { scenarioNamed, type ScenarioName } from '../src/demos/registry.ts';
import { createSandbox, type EngineSandbox } from '../src/docker/sandbox.ts';
import { silentLogger } from '../src/log.ts';
import type { BenchEngine } from './lib/bench-engine.ts';
import { startBotProcess, type BotProcess } from './lib/bot-process.ts';
import { sendDemo, type DemoOutcome } from './lib/discord.ts';
import { ratio, summarize, type Summary } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

const exec = promisify(execFile);

export interface DemoSettings {
  readonly runs: number;
  readonly scenarios: readonly ScenarioName[];
  /** Scenarios the warm pool serves, wholly or in part: measured warm as well as cold. */
  readonly pooled: readonly ScenarioName[];
  /** Of those, the ones the pool serves only in part (labelled so in the table). */
  readonly partlyPooled: readonly ScenarioName[];
  /** Scenarios also timed through sandbox.runDemo() directly. */
  readonly direct: readonly ScenarioName[];
  /** SANDBOX_POOL_SIZE for the warm phase; undefined = netlab's default. */
  readonly poolSize: number | undefined;
  readonly settleQuietMs: number;
  readonly settleCapMs: number;
}

export interface ProcessCheck {
  readonly phase: string;
  readonly readyMs: number;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stopMs: number;
  readonly killed: boolean;
  readonly leftoverContainers: number;
  /** Labelled networks on the engine after the exit, whoever made them. */
  readonly labelledNetworksAfter: number;
  readonly env: Readonly<Record<string, string>>;
}

interface Series {
  bot: number[];
  direct: number[];
  /** Per sample: the sandbox's own timings (from the reply's footer, or the DemoResult) next to the end-to-end time. */
  botParts: Part[];
  directParts: Part[];
}

interface Part {
  readonly e2e: number;
  readonly create: number;
  readonly run: number;
  readonly total: number;
}

export interface Breakdown {
  readonly scenario: ScenarioName;
  readonly phase: 'cold' | 'warm';
  readonly path: 'discord' | 'direct';
  readonly n: number;
  /** p50 of each, ms: end to end; the sandbox's total, container acquisition (create/start or pool), commands; and everything outside the sandbox (e2e − total). */
  readonly e2e: number;
  readonly sandboxTotal: number;
  readonly create: number;
  readonly run: number;
  readonly outside: number;
}

export interface ScenarioResult {
  readonly scenario: ScenarioName;
  readonly pooled: boolean;
  readonly cold: { readonly bot: Summary; readonly direct: Summary | null };
  /** null when the pool does not cover the scenario (warm = cold). */
  readonly warm: { readonly bot: Summary; readonly direct: Summary | null } | null;
  readonly ratios: { readonly coldVsDocker: number; readonly warmVsDocker: number };
}

export interface DemosResults {
  readonly settings: DemoSettings & { readonly poolSizeEffective: number };
  readonly baseline: { readonly command: string; readonly cold: Summary; readonly warm: Summary | null; readonly all: Summary };
  readonly scenarios: readonly ScenarioResult[];
  readonly breakdown: readonly Breakdown[];
  readonly overlay: { readonly measured: boolean; readonly reason: string; readonly swarmInitialisedByBench: boolean; readonly swarmLeftAsFound: boolean };
  readonly ack: { readonly cold: Summary; readonly warm: Summary; readonly all: Summary };
  readonly failures: readonly { readonly phase: string; readonly scenario: string; readonly kind: string; readonly detail?: string }[];
  readonly violations: readonly string[];
  readonly processes: readonly ProcessCheck[];
  /** Waits between samples that hit their cap instead of seeing the engine settle (should be 0). */
  readonly settleTimeouts: number;
  readonly raw: Record<string, Record<string, number[]>>;
  readonly durationMs: number;
}

const log = (text: string) => process.stderr.write(`[demos] ${text}\n`);

/** Containers and networks each scenario uses (its definition says; its clean-up removes them all). */
const CONTAINERS_PER_DEMO = (s: ScenarioName) => scenarioNamed(s).uses.containers;
const NETWORKS_PER_DEMO = (s: ScenarioName) => scenarioNamed(s).uses.networks;

export async function benchDemos(engine: BenchEngine, settings: DemoSettings): Promise<DemosResults> {
  const started = performance.now();
  const { watch, benchImage, sourceImage } = engine;
  const settleTimeoutsBefore = watch.settleTimeouts;
  const baselineArgs = ['run', '--rm', sourceImage, 'ip', 'addr'];
  const failures: { phase: string; scenario: string; kind: string; detail?: string }[] = [];
  const violations: string[] = [];
  const processes: ProcessCheck[] = [];
  const ack = { cold: [] as number[], warm: [] as number[] };
  const baseline = { cold: [] as number[], warm: [] as number[] };
  const series = { cold: new Map<ScenarioName, Series>(), warm: new Map<ScenarioName, Series>() };
  for (const s of settings.scenarios) {
    series.cold.set(s, { bot: [], direct: [], botParts: [], directParts: [] });
    series.warm.set(s, { bot: [], direct: [], botParts: [], directParts: [] });
  }

  const swarmBefore = await engine.swarm();
  const overlayWanted = settings.scenarios.includes('overlay');
  const overlayPossible = swarmBefore.isManager || swarmBefore.state === 'inactive';
  const overlayReason = !overlayWanted
    ? 'not selected'
    : swarmBefore.isManager
      ? 'the engine is a swarm manager'
      : swarmBefore.state === 'inactive'
        ? 'swarm inactive: the bot creates a single-node swarm (SANDBOX_INIT_SWARM=true); the bench leaves it afterwards'
        : `skipped: swarm state "${swarmBefore.state}" is not the bench's to change`;
  const measureOverlay = overlayWanted && overlayPossible;
  const initSwarm = measureOverlay && !swarmBefore.isManager;
  let swarmInitialisedByBench = false;
  let swarmLeftAsFound: boolean;

  async function settle(minRunning: number): Promise<void> {
    await watch.settle({ quietMs: settings.settleQuietMs, capMs: settings.settleCapMs, minRunning });
  }

  /**
   * After a sample: the demo answered before its clean-up, so wait until its containers are
   * destroyed (and its networks removed), the pool is full again and the engine is quiet — the
   * next sample must not share the machine with this one's aftermath.
   */
  async function afterSample(scenario: ScenarioName, destroyedBefore: number, networksBefore: number | null, poolTarget: number): Promise<void> {
    await watch.settle({ quietMs: settings.settleQuietMs, capMs: settings.settleCapMs, minRunning: poolTarget, destroyedAtLeast: destroyedBefore + CONTAINERS_PER_DEMO(scenario) });
    if (networksBefore === null) return;
    for (let i = 0; i < 100 && (await engine.labelledNetworks()) > networksBefore; i++) await new Promise((r) => setTimeout(r, 50));
  }

  const networksNow = async (scenario: ScenarioName) => (NETWORKS_PER_DEMO(scenario) > 0 ? engine.labelledNetworks() : null);

  async function dockerRun(into: number[] | null): Promise<void> {
    await settle(0);
    const t0 = performance.now();
    await exec('docker', baselineArgs, { timeout: 60_000 });
    if (into) into.push(performance.now() - t0);
  }

  async function viaBot(phase: 'cold' | 'warm', bot: BotProcess, scenario: ScenarioName, measured: boolean, poolTarget: number): Promise<void> {
    await settle(poolTarget);
    const destroyedBefore = watch.destroyed;
    const networksBefore = await networksNow(scenario);
    const outcome: DemoOutcome = await sendDemo(bot.fake, { scenario, timeoutMs: 60_000 }).outcome;
    await afterSample(scenario, destroyedBefore, networksBefore, poolTarget);
    violations.push(...outcome.violations.map((v) => `${phase}/${scenario}: ${v}`));
    if (outcome.kind !== 'output') {
      failures.push({ phase, scenario, kind: outcome.kind, ...(outcome.detail ? { detail: outcome.detail } : {}) });
      return;
    }
    if (!outcome.checksPassed) failures.push({ phase, scenario, kind: 'checks-failed' });
    if (!measured) return;
    series[phase].get(scenario)!.bot.push(outcome.answerMs);
    const t = outcome.sandboxTimings;
    if (t) series[phase].get(scenario)!.botParts.push({ e2e: outcome.answerMs, create: t.create, run: t.run, total: t.total });
    ack[phase].push(outcome.ackMs);
  }

  async function viaSandbox(phase: 'cold' | 'warm', sandbox: EngineSandbox, scenario: ScenarioName, measured: boolean, poolTarget: number): Promise<void> {
    await settle(poolTarget);
    const destroyedBefore = watch.destroyed;
    const networksBefore = await networksNow(scenario);
    const t0 = performance.now();
    let result: Awaited<ReturnType<EngineSandbox['runDemo']>>;
    try {
      result = await sandbox.runDemo(scenarioNamed(scenario), { userId: 'bench-direct' });
    } catch (error) {
      failures.push({ phase, scenario: `${scenario} (direct)`, kind: 'error', detail: (error as Error).message });
      await afterSample(scenario, destroyedBefore, networksBefore, poolTarget);
      return;
    }
    const e2e = performance.now() - t0;
    await afterSample(scenario, destroyedBefore, networksBefore, poolTarget);
    if (!measured) return;
    series[phase].get(scenario)!.direct.push(e2e);
    const t = result.timingsMs;
    series[phase].get(scenario)!.directParts.push({ e2e, create: t.create, run: t.run, total: t.total });
  }

  function directSandbox(env: Record<string, string>): EngineSandbox {
    const config = loadConfig({ ...(process.env['DOCKER_HOST'] ? { DOCKER_HOST: process.env['DOCKER_HOST'] } : {}), DEMO_IMAGE: benchImage, SANDBOX_USER_COOLDOWN_MS: '0', ...env });
    return createSandbox({ config: config.sandbox, dockerHost: config.docker.host, logger: silentLogger() });
  }

  async function stopBot(phase: string, bot: BotProcess, env: Record<string, string>): Promise<void> {
    const result = await bot.stop();
    const leftovers = await watch.listMine();
    processes.push({
      phase,
      readyMs: Math.round(bot.readyMs),
      exitCode: result.code,
      signal: result.signal,
      stopMs: Math.round(result.stopMs),
      killed: result.killed,
      leftoverContainers: leftovers.length,
      labelledNetworksAfter: await engine.labelledNetworks(),
      env,
    });
  }

  const single = settings.scenarios.filter((s) => s !== 'overlay');

  // ── cold phase ─────────────────────────────────────────────────────────────────────────────
  log(`cold phase: ${settings.runs} rounds of docker run + ${single.join(', ')}${measureOverlay ? ', then an overlay block' : ''}`);
  const coldEnv = { DEMO_IMAGE: benchImage, SANDBOX_POOL_SIZE: '0', SANDBOX_INIT_SWARM: initSwarm ? 'true' : 'false', LOG_LEVEL: 'info' };
  let bot = await startBotProcess(coldEnv);
  let direct = directSandbox({ SANDBOX_POOL_SIZE: '0', SANDBOX_INIT_SWARM: initSwarm ? 'true' : 'false' });
  await direct.start();
  try {
    // One unmeasured pass: JIT, caches, first-use costs.
    await dockerRun(null);
    for (const s of single) {
      await viaBot('cold', bot, s, false, 0);
      if (settings.direct.includes(s)) await viaSandbox('cold', direct, s, false, 0);
    }
    for (let round = 0; round < settings.runs; round++) {
      await dockerRun(baseline.cold);
      for (const s of single) {
        await viaBot('cold', bot, s, true, 0);
        if (settings.direct.includes(s)) await viaSandbox('cold', direct, s, true, 0);
      }
      if ((round + 1) % 5 === 0) log(`cold round ${round + 1}/${settings.runs}`);
    }
    if (measureOverlay) {
      log(`overlay block: ${settings.runs} runs${initSwarm ? ' (the first run creates the swarm)' : ''}`);
      await viaBot('cold', bot, 'overlay', false, 0);
      swarmInitialisedByBench = initSwarm && (await engine.swarm()).isManager;
      if (settings.direct.includes('overlay')) await viaSandbox('cold', direct, 'overlay', false, 0);
      for (let i = 0; i < settings.runs; i++) {
        await viaBot('cold', bot, 'overlay', true, 0);
        if (settings.direct.includes('overlay')) await viaSandbox('cold', direct, 'overlay', true, 0);
      }
    }
  } finally {
    await direct.shutdown();
    await stopBot('demos/cold', bot, coldEnv);
    if (swarmInitialisedByBench || (initSwarm && (await engine.swarm()).isManager)) {
      await engine.leaveSwarm();
      log('left the swarm the bench created');
    }
    swarmLeftAsFound = (await engine.swarm()).isManager === swarmBefore.isManager;
  }

  // ── warm phase ─────────────────────────────────────────────────────────────────────────────
  const pooled = settings.pooled.filter((s) => settings.scenarios.includes(s));
  const poolEnv: Record<string, string> = settings.poolSize === undefined ? {} : { SANDBOX_POOL_SIZE: String(settings.poolSize) };
  const poolConfig = loadConfig(poolEnv).sandbox;
  const poolSizeEffective = poolConfig.poolSize;
  // pool.ts keeps poolSize containers per kind: bridge, none and host (host only when enabled).
  const poolKinds = poolConfig.hostScenario ? 3 : 2;
  const warmEnv = { DEMO_IMAGE: benchImage, LOG_LEVEL: 'info', ...poolEnv };
  if (pooled.length > 0) {
    log(`warm phase (pool size ${poolSizeEffective}): ${settings.runs} rounds of docker run + ${pooled.join(', ')}`);
    bot = await startBotProcess(warmEnv);
    direct = directSandbox(poolEnv);
    await direct.start();
    try {
      // Both pools full: the bot's and the bench's own sandbox's, poolSize per kind each.
      const expected = 2 * poolSizeEffective * poolKinds;
      await direct.poolReady();
      await watch.settle({ quietMs: 500, capMs: 30_000, minRunning: expected });
      const poolTarget = Math.min(expected, watch.running);
      log(`pools ready: ${watch.running} idle containers (expected ${expected}) across the bot and the bench's own sandbox`);
      await dockerRun(null);
      for (const s of pooled) {
        await viaBot('warm', bot, s, false, poolTarget);
        if (settings.direct.includes(s)) await viaSandbox('warm', direct, s, false, poolTarget);
      }
      for (let round = 0; round < settings.runs; round++) {
        await dockerRun(baseline.warm);
        for (const s of pooled) {
          await viaBot('warm', bot, s, true, poolTarget);
          if (settings.direct.includes(s)) await viaSandbox('warm', direct, s, true, poolTarget);
        }
        if ((round + 1) % 5 === 0) log(`warm round ${round + 1}/${settings.runs}`);
      }
    } finally {
      await direct.shutdown();
      await stopBot('demos/warm', bot, warmEnv);
    }
  }

  const coldDocker = summarize(baseline.cold);
  const warmDocker = baseline.warm.length > 0 ? summarize(baseline.warm) : null;
  const scenarios: ScenarioResult[] = settings.scenarios
    .filter((s) => s !== 'overlay' || measureOverlay)
    .map((s) => {
      const cold = series.cold.get(s)!;
      const warm = series.warm.get(s)!;
      const isPooled = pooled.includes(s);
      const coldBot = summarize(cold.bot);
      const warmBot = isPooled ? summarize(warm.bot) : null;
      return {
        scenario: s,
        pooled: isPooled,
        cold: { bot: coldBot, direct: cold.direct.length ? summarize(cold.direct) : null },
        warm: warmBot ? { bot: warmBot, direct: warm.direct.length ? summarize(warm.direct) : null } : null,
        ratios: {
          coldVsDocker: ratio(coldBot.p50, coldDocker.p50),
          // Not pooled: warm is cold, against the cold phase's docker figure.
          warmVsDocker: warmBot && warmDocker ? ratio(warmBot.p50, warmDocker.p50) : ratio(coldBot.p50, coldDocker.p50),
        },
      };
    });
  const breakdown: Breakdown[] = [];
  for (const s of settings.scenarios) {
    for (const phase of ['cold', 'warm'] as const) {
      if (phase === 'warm' && !pooled.includes(s)) continue;
      const x = series[phase].get(s)!;
      for (const [path, parts] of [['discord', x.botParts], ['direct', x.directParts]] as const) {
        if (parts.length === 0) continue;
        const p50 = (f: (p: Part) => number) => summarize(parts.map(f)).p50;
        breakdown.push({ scenario: s, phase, path, n: parts.length, e2e: p50((p) => p.e2e), sandboxTotal: p50((p) => p.total), create: p50((p) => p.create), run: p50((p) => p.run), outside: p50((p) => p.e2e - p.total) });
      }
    }
  }
  const raw: Record<string, Record<string, number[]>> = { docker: { cold: baseline.cold.map(r1), warm: baseline.warm.map(r1) } };
  for (const s of settings.scenarios) {
    const c = series.cold.get(s)!;
    const w = series.warm.get(s)!;
    raw[s] = {
      coldBot: c.bot.map(r1),
      coldDirect: c.direct.map(r1),
      warmBot: w.bot.map(r1),
      warmDirect: w.direct.map(r1),
      // The sandbox's own create (container acquisition) and run (commands) per sample, same order.
      coldBotCreate: c.botParts.map((p) => p.create),
      coldBotRun: c.botParts.map((p) => p.run),
      warmBotCreate: w.botParts.map((p) => p.create),
      warmBotRun: w.botParts.map((p) => p.run),
      coldDirectCreate: c.directParts.map((p) => p.create),
      coldDirectRun: c.directParts.map((p) => p.run),
      warmDirectCreate: w.directParts.map((p) => p.create),
      warmDirectRun: w.directParts.map((p) => p.run),
    };
  }
  raw['ack'] = { cold: ack.cold.map(r1), warm: ack.warm.map(r1) };
  return {
    settings: { ...settings, poolSizeEffective },
    baseline: { command: `docker ${baselineArgs.join(' ')}`, cold: coldDocker, warm: warmDocker, all: summarize([...baseline.cold, ...baseline.warm]) },
    scenarios,
    breakdown,
    overlay: { measured: measureOverlay, reason: overlayReason, swarmInitialisedByBench, swarmLeftAsFound },
    ack: { cold: summarize(ack.cold), warm: summarize(ack.warm), all: summarize([...ack.cold, ...ack.warm]) },
    failures,
    violations,
    processes,
    settleTimeouts: watch.settleTimeouts - settleTimeoutsBefore,
    raw,
    durationMs: Math.round(performance.now() - started),
  };
}

const r1 = (x: number) => Number(x.toFixed(1));

export function demosTables(r: DemosResults): string[] {
  const b = r.baseline;
  const latency = renderTable(
    `demos · latency per scenario, ${r.settings.runs} runs each (ms) · Discord = dispatch of /demo → edit showing the output, real bot process · direct = sandbox.runDemo() · warm pool size ${r.settings.poolSizeEffective}`,
    ['scenario', 'cold p50', 'cold p95', 'warm p50', 'warm p95', 'direct cold p50', 'direct warm p50', 'cold ÷ docker', 'warm ÷ docker'],
    [
      ...r.scenarios.map((s) => [
        s.pooled ? (r.settings.partlyPooled.includes(s.scenario) ? `${s.scenario} (1 of 2 containers pooled)` : s.scenario) : `${s.scenario} (not pooled: warm = cold)`,
        s.cold.bot.p50,
        s.cold.bot.p95,
        s.warm?.bot.p50 ?? s.cold.bot.p50,
        s.warm?.bot.p95 ?? s.cold.bot.p95,
        s.cold.direct?.p50 ?? null,
        s.warm?.direct?.p50 ?? null,
        s.ratios.coldVsDocker,
        s.ratios.warmVsDocker,
      ]),
      [`${b.command} (CLI)`, b.cold.p50, b.cold.p95, b.warm?.p50 ?? null, b.warm?.p95 ?? null, null, null, 1, b.warm ? 1 : null],
    ],
    2,
  );
  const parts = renderTable(
    'demos · where the time goes, p50 (ms): end to end = as above; sandbox = the runner’s own total (Discord: read from the reply’s footer); acquire = container create+start or taken from the pool; commands = the execs and scripts fed to the containers’ shells; outside = end to end − sandbox (Discord: gateway, dispatcher, defer, rendering, REST edit)',
    ['scenario', 'phase', 'path', 'n', 'end to end', 'sandbox', 'acquire', 'commands', 'outside'],
    r.breakdown.filter((b) => r.settings.pooled.includes(b.scenario)).map((b) => [b.scenario, b.phase, b.path, b.n, b.e2e, b.sandboxTotal, b.create, b.run, b.outside]),
    1,
  );
  const rows = [
    ['cold phase (pool off)', r.ack.cold.n, r.ack.cold.p50, r.ack.cold.p95, r.ack.cold.p99, r.ack.cold.max],
    ['warm phase (pool on)', r.ack.warm.n, r.ack.warm.p50, r.ack.warm.p95, r.ack.warm.p99, r.ack.warm.max],
    ['all demos', r.ack.all.n, r.ack.all.p50, r.ack.all.p95, r.ack.all.p99, r.ack.all.max],
  ];
  const ackTable = renderTable('demos · acknowledgement: dispatch → deferred callback accepted by the fake Discord (ms)', ['phase', 'n', 'p50', 'p95', 'p99', 'max'], rows, 1);
  const notes = [
    `docker run baseline: cold phase n=${b.cold.n} p50 ${b.cold.p50} ms · warm phase n=${b.warm?.n ?? 0} p50 ${b.warm?.p50 ?? '–'} ms (ratios use the baseline of the same phase)`,
    `overlay: ${r.overlay.measured ? 'measured' : 'not measured'} — ${r.overlay.reason}${r.overlay.measured ? ` · swarm left as found: ${r.overlay.swarmLeftAsFound ? 'yes' : 'NO'}` : ''}`,
    `waits between samples that hit their cap: ${r.settleTimeouts}`,
    `failures: ${r.failures.length}${r.failures.length ? ` (${r.failures.map((f) => `${f.phase}/${f.scenario}: ${f.kind}`).join('; ')})` : ''} · fake-Discord violations: ${r.violations.length}`,
    ...r.processes.map((p) => `bot process ${p.phase}: ready in ${p.readyMs} ms, SIGTERM → exit ${p.exitCode}${p.signal ? ` (${p.signal})` : ''} in ${p.stopMs} ms, its labelled containers left: ${p.leftoverContainers} (labelled networks on the engine: ${p.labelledNetworksAfter})`),
    `part took ${(r.durationMs / 1000).toFixed(0)} s`,
  ].join('\n');
  return [latency, parts, ackTable, notes];
}
