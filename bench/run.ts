/**
 * `npm run bench [-- <part>…] [options]` — netlab's benchmark suite. Parts: search, render, demos,
 * burst, quiz (none named = all five, in that order). Prints a table per part and the targets, and writes
 * every figure with its raw samples summarised to bench/results.json (a full run) or
 * bench/results.<parts>.json (a partial run), or to --out. See bench/README.md.
 *
 * Options: --runs N (demo runs per scenario and mode, default 20, at least 1) ·
 * --repetitions N (ask() calls per question, default 100) · --pool N (warm pool size; default
 * netlab's) · --direct pooled|all (which scenarios are also timed through sandbox.runDemo()) ·
 * --scenarios a,b,… · --settle MS (quiet time on the engine before each demo sample) · --out FILE.
 *
 * A missed target is reported, never turned into a failing exit code; the exit code is 1 only
 * when a part could not run at all (say, no Docker Engine).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SCENARIO_NAMES, SCENARIOS, isScenarioName, type ScenarioName } from '../src/demos/registry.ts';
import { benchBurst, BURST_SUITE, burstTables, type BurstResults } from './burst.ts';
import { benchCpu, cpuTables, DEFAULT_CPU_SETTINGS, type ScenarioCpu } from './cpu-demo.ts';
import { benchStreams, DEFAULT_STREAM_SETTINGS, streamTables, type StreamStep } from './stream.ts';
import { benchDemos, demosTables, type DemosResults } from './demos.ts';
import { openBenchEngine, type BenchEngine } from './lib/bench-engine.ts';
import { ROOT } from './lib/bot-process.ts';
import { describeMachine, machineInfo } from './lib/machine.ts';
import { benchQuiz, DEFAULT_QUIZ_SETTINGS, quizTables, type QuizResults } from './quiz.ts';
import { benchRender, DEFAULT_RENDER_SETTINGS, renderTables, type RenderResults } from './render.ts';
import { benchSearch, DEFAULT_SEARCH_SETTINGS, searchTables, type SearchResults } from './search.ts';
import { judgeTargets, targetsTable } from './targets.ts';

const PARTS = ['search', 'render', 'demos', 'burst', 'quiz'] as const;
type Part = (typeof PARTS)[number];

const USAGE = `usage: npm run bench [-- [search] [render] [demos] [burst] [quiz] [--runs N] [--repetitions N] [--pool N] [--direct pooled|all] [--scenarios a,b] [--settle MS] [--out FILE]]`;

function parse(argv: readonly string[]) {
  const parts: Part[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (key === 'help') flags.set('help', '');
      else flags.set(key, inline ?? argv[++i] ?? '');
    } else if ((PARTS as readonly string[]).includes(arg)) {
      if (!parts.includes(arg as Part)) parts.push(arg as Part);
    } else {
      throw new Error(`unknown part "${arg}": choose from ${PARTS.join(', ')}`);
    }
  }
  const int = (key: string, fallback: number, min: number, max: number) => {
    const value = flags.get(key);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${key} takes a whole number from ${min} to ${max}`);
    return n;
  };
  const known = new Set(['runs', 'repetitions', 'pool', 'direct', 'scenarios', 'settle', 'out', 'help']);
  for (const key of flags.keys()) if (!known.has(key)) throw new Error(`unknown option --${key}`);
  const direct = flags.get('direct') ?? 'pooled';
  if (direct !== 'pooled' && direct !== 'all') throw new Error('--direct takes pooled or all');
  const scenarios = (flags.get('scenarios')?.split(',').map((s) => s.trim()).filter(Boolean) ?? [...SCENARIO_NAMES]) as string[];
  for (const s of scenarios) if (!isScenarioName(s)) throw new Error(`unknown scenario "${s}": choose from ${SCENARIO_NAMES.join(', ')}`);
  const selected = parts.length > 0 ? PARTS.filter((p) => parts.includes(p)) : [...PARTS];
  return {
    help: flags.has('help'),
    parts: selected,
    runs: int('runs', 20, 1, 1000),
    repetitions: int('repetitions', 100, 1, 100_000),
    pool: flags.has('pool') ? int('pool', 2, 0, 16) : undefined,
    settle: int('settle', 200, 0, 10_000),
    direct: direct as 'pooled' | 'all',
    scenarios: scenarios as ScenarioName[],
    out: flags.get('out') ?? join(ROOT, 'bench', selected.length === PARTS.length ? 'results.json' : `results.${selected.join('+')}.json`),
  };
}

/**
 * What the warm pool serves, as each scenario's definition declares it: some entirely, some in
 * part (the `container` scenario's target is a plain bridge container; the one that joins its
 * namespace is created cold). The others create every container (and network) cold: warm = cold.
 */
const POOLED: readonly ScenarioName[] = SCENARIOS.filter((s) => s.uses.warm === 'all').map((s) => s.name);
const PARTLY_POOLED: readonly ScenarioName[] = SCENARIOS.filter((s) => s.uses.warm === 'some').map((s) => s.name);

async function main(): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const benchStart = performance.now();
  const machine = await machineInfo(process.env['DOCKER_HOST']);
  console.log(`netlab bench · parts: ${options.parts.join(', ')}\n${describeMachine(machine)}\n`);

  const results: {
    search?: SearchResults;
    render?: RenderResults;
    demos?: DemosResults;
    burst?: BurstResults;
    bursts?: BurstResults[];
    streams?: StreamStep[];
    cpuPerDemo?: ScenarioCpu[];
    quiz?: QuizResults;
  } = {};
  const errors: Record<string, string> = {};
  const partTimes: Record<string, number> = {};
  const loadAvg: Record<string, number[]> = {};
  const settings: Record<string, unknown> = {};

  let engine: BenchEngine | undefined;
  const foreignContainers: Record<string, number> = {};
  const timed = async (part: Part, work: () => Promise<void>) => {
    const t0 = performance.now();
    const foreignBefore = engine?.watch.othersCreated ?? 0;
    try {
      await work();
    } catch (error) {
      errors[part] = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`[${part}] could not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      partTimes[part] = Math.round(performance.now() - t0);
      if (engine) {
        foreignContainers[part] = engine.watch.othersCreated - foreignBefore;
        if (foreignContainers[part]! > 0) console.log(`note: ${foreignContainers[part]} netlab containers of other processes were created on the engine during ${part}: the figures may be disturbed\n`);
      }
      loadAvg[part] = loadavg().map((x) => Number(x.toFixed(2)));
    }
  };

  if (options.parts.includes('search')) {
    await timed('search', async () => {
      const s = { ...DEFAULT_SEARCH_SETTINGS, repetitions: options.repetitions };
      settings['search'] = s;
      results.search = await benchSearch(s);
      console.log(`${searchTables(results.search).join('\n\n')}\n`);
    });
  }

  if (options.parts.includes('render')) {
    await timed('render', async () => {
      settings['render'] = DEFAULT_RENDER_SETTINGS;
      results.render = await benchRender(DEFAULT_RENDER_SETTINGS);
      console.log(`${renderTables(results.render).join('\n\n')}\n`);
    });
  }

  if (options.parts.includes('demos') || options.parts.includes('burst')) {
    try {
      engine = await openBenchEngine();
    } catch (error) {
      for (const part of ['demos', 'burst'] as const) if (options.parts.includes(part)) errors[part] = `Docker Engine: ${(error as Error).message}`;
      console.error(`demos and burst need the Docker Engine and the demo image: ${(error as Error).message}`);
    }
  }
  try {
    if (engine && options.parts.includes('demos')) {
      const e = engine;
      await timed('demos', async () => {
        const s = {
          runs: options.runs,
          scenarios: options.scenarios,
          pooled: [...POOLED, ...PARTLY_POOLED],
          partlyPooled: PARTLY_POOLED,
          direct: options.direct === 'all' ? options.scenarios : options.scenarios.filter((x) => POOLED.includes(x)),
          poolSize: options.pool,
          settleQuietMs: options.settle,
          settleCapMs: 5_000,
        };
        settings['demos'] = s;
        results.demos = await benchDemos(e, s);
        console.log(`${demosTables(results.demos).join('\n\n')}\n`);
      });
    }
    if (engine && options.parts.includes('burst')) {
      const e = engine;
      await timed('burst', async () => {
        settings['burst'] = { bursts: BURST_SUITE, streams: DEFAULT_STREAM_SETTINGS, cpu: DEFAULT_CPU_SETTINGS };
        // The first burst in a bench process measures the harness's own first run (the fake
        // Discord's code paths compiling while 30 interactions go out), not the bot: every
        // acknowledgement came seconds late in it, then under 200 ms in the next bursts, each
        // against a fresh bot. So one burst warms the harness up and is not reported.
        console.log('warm-up burst (the harness, not the bot; not reported)…');
        await benchBurst(e, BURST_SUITE[0]!);
        results.bursts = [];
        for (const burstSettings of BURST_SUITE) {
          const r = await benchBurst(e, burstSettings);
          results.bursts.push(r);
          console.log(`${burstTables(r).join('\n\n')}\n`);
        }
        results.burst = results.bursts[0];
        results.streams = await benchStreams(e, DEFAULT_STREAM_SETTINGS);
        console.log(`${streamTables(results.streams, DEFAULT_STREAM_SETTINGS).join('\n\n')}\n`);
        results.cpuPerDemo = await benchCpu(e, DEFAULT_CPU_SETTINGS);
        console.log(`${cpuTables(results.cpuPerDemo, DEFAULT_CPU_SETTINGS).join('\n\n')}\n`);
      });
    }
  } finally {
    await engine?.close();
  }

  if (options.parts.includes('quiz')) {
    await timed('quiz', async () => {
      settings['quiz'] = DEFAULT_QUIZ_SETTINGS;
      results.quiz = await benchQuiz(DEFAULT_QUIZ_SETTINGS);
      console.log(`${quizTables(results.quiz).join('\n\n')}\n`);
    });
  }

  const targets = judgeTargets(results);
  console.log(targetsTable(targets));
  const totalMs = Math.round(performance.now() - benchStart);
  console.log(`\nbench took ${(totalMs / 1000).toFixed(0)} s (${Object.entries(partTimes).map(([p, ms]) => `${p} ${(ms / 1000).toFixed(0)} s`).join(', ')})`);

  const report = {
    machine,
    parts: options.parts,
    settings,
    timings: { totalMs, partsMs: partTimes, loadAvgAfterPart: loadAvg, foreignContainersCreatedDuringPart: foreignContainers },
    notes: {
      percentiles: 'nearest rank over the raw samples (an observed value); times in ms unless named otherwise',
      benchImage: engine ? `${engine.benchImage} (same image id as ${engine.sourceImage}; lets the bench count only its own containers)` : undefined,
    },
    targets,
    ...results,
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  };
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results written to ${options.out}`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

process.exitCode = await main();
