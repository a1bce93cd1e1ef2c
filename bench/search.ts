/**
 * Part `search`: how long the library takes to load and index, and how fast `ask()` answers the
 * evaluation questions.
 *
 * - Load: Library.load() split into reading + parsing the topic files and building the search
 *   index (new Library(topics): alias table + MiniSearch index). The first load in this process,
 *   then the median of several fresh loads (JIT-warm), and — what `npm start` pays — a cold load
 *   in fresh child processes (bench/search-cold.ts).
 * - ask(): every question of test/eval/questions.json and heldout.json, in its own language,
 *   `repetitions` times after a warm-up, each call timed alone; summarised over all calls, per
 *   set and language, and per question (the slowest questions by p99). Throughput from a separate
 *   untimed loop.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Library } from '../src/content/library.ts';
import { loadTopics } from '../src/content/loader.ts';
import { TopicSearch } from '../src/content/search.ts';
import { loadQuestions, type EvalQuestion } from '../test/eval/evaluate.ts';
import { ROOT } from './lib/bot-process.ts';
import { median, summarize, type Summary } from './lib/stats.ts';
import { clip, renderTable } from './lib/table.ts';

const run = promisify(execFile);

export interface SearchSettings {
  readonly freshLoads: number;
  readonly coldProcesses: number;
  readonly repetitions: number;
  readonly warmupPasses: number;
  readonly throughputPasses: number;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = { freshLoads: 10, coldProcesses: 3, repetitions: 200, warmupPasses: 5, throughputPasses: 30 };

interface ColdLoad {
  importMs: number;
  readParseMs: number;
  indexBuildMs: number;
  loadMs: number;
  firstAskMs: number;
  secondAskMs: number;
  processMs: number;
}

export interface SearchResults {
  readonly settings: SearchSettings;
  readonly topics: number;
  readonly load: {
    readonly firstInProcess: { readonly readParseMs: number; readonly indexBuildMs: number; readonly loadMs: number };
    readonly fresh: { readonly readParseMs: Summary; readonly indexBuildMs: Summary; readonly searchIndexOnlyMs: Summary; readonly loadMs: Summary };
    readonly coldProcess: { readonly runs: readonly ColdLoad[]; readonly loadMsMedian: number; readonly indexBuildMsMedian: number; readonly firstAskMsMedian: number };
  };
  readonly ask: {
    readonly questions: number;
    readonly calls: number;
    readonly allMs: Summary;
    readonly bySet: readonly { readonly set: string; readonly lang: string; readonly questions: number; readonly ms: Summary }[];
    /** Per question: p50/p99 over its repetitions; the slowest by p99 first. */
    readonly slowest: readonly { readonly set: string; readonly lang: string; readonly q: string; readonly p50: number; readonly p99: number; readonly max: number }[];
    readonly perQuestionP99: Summary;
    readonly questionsPerSecond: number;
  };
}

const r2 = (x: number) => Number(x.toFixed(2));

async function coldLoad(): Promise<ColdLoad> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/search-cold.ts'], { cwd: ROOT, timeout: 60_000 });
  const processMs = performance.now() - started;
  const line = stdout.trim().split('\n').at(-1) ?? '{}';
  const parsed = JSON.parse(line) as Omit<ColdLoad, 'processMs'>;
  return { ...parsed, processMs };
}

export async function benchSearch(settings: SearchSettings = DEFAULT_SEARCH_SETTINGS): Promise<SearchResults> {
  // First load in this process (modules already imported, nothing JIT-compiled for loading yet).
  let t0 = performance.now();
  let topics = loadTopics();
  let t1 = performance.now();
  let library = new Library(topics);
  let t2 = performance.now();
  const firstInProcess = { readParseMs: r2(t1 - t0), indexBuildMs: r2(t2 - t1), loadMs: r2(t2 - t0) };

  const readParse: number[] = [];
  const indexBuild: number[] = [];
  const searchOnly: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < settings.freshLoads; i++) {
    t0 = performance.now();
    topics = loadTopics();
    t1 = performance.now();
    library = new Library(topics);
    t2 = performance.now();
    readParse.push(t1 - t0);
    indexBuild.push(t2 - t1);
    total.push(t2 - t0);
    const s0 = performance.now();
    new TopicSearch(topics);
    searchOnly.push(performance.now() - s0);
  }

  const coldRuns: ColdLoad[] = [];
  for (let i = 0; i < settings.coldProcesses; i++) coldRuns.push(await coldLoad());

  // ask(): every question in its language; warm-up passes, then timed passes.
  const sets: { set: string; questions: EvalQuestion[] }[] = [
    { set: 'questions', questions: loadQuestions('questions') },
    { set: 'heldout', questions: loadQuestions('heldout') },
  ];
  const items = sets.flatMap(({ set, questions }) => questions.map((q) => ({ set, ...q, samples: [] as number[] })));
  for (let pass = 0; pass < settings.warmupPasses; pass++) for (const item of items) library.ask(item.q, item.lang);
  for (let pass = 0; pass < settings.repetitions; pass++) {
    for (const item of items) {
      const started = performance.now();
      library.ask(item.q, item.lang);
      item.samples.push(performance.now() - started);
    }
  }
  const throughputStart = performance.now();
  for (let pass = 0; pass < settings.throughputPasses; pass++) for (const item of items) library.ask(item.q, item.lang);
  const questionsPerSecond = Math.round((settings.throughputPasses * items.length) / ((performance.now() - throughputStart) / 1000));

  const groups = new Map<string, { set: string; lang: string; questions: number; samples: number[] }>();
  for (const item of items) {
    for (const key of [`${item.set}/${item.lang}`, `${item.set}/all`, 'all/all']) {
      const [set, lang] = key.split('/') as [string, string];
      const g = groups.get(key) ?? { set, lang, questions: 0, samples: [] };
      g.questions++;
      g.samples.push(...item.samples);
      groups.set(key, g);
    }
  }
  const perQuestion = items.map((item) => {
    const s = summarize(item.samples, 3);
    return { set: item.set, lang: item.lang, q: item.q, p50: s.p50, p99: s.p99, max: s.max };
  });
  perQuestion.sort((a, b) => b.p99 - a.p99);

  return {
    settings,
    topics: topics.length,
    load: {
      firstInProcess,
      fresh: { readParseMs: summarize(readParse), indexBuildMs: summarize(indexBuild), searchIndexOnlyMs: summarize(searchOnly), loadMs: summarize(total) },
      coldProcess: {
        runs: coldRuns.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === 'number' ? r2(v) : v])) as unknown as ColdLoad),
        loadMsMedian: r2(median(coldRuns.map((c) => c.loadMs))),
        indexBuildMsMedian: r2(median(coldRuns.map((c) => c.indexBuildMs))),
        firstAskMsMedian: r2(median(coldRuns.map((c) => c.firstAskMs))),
      },
    },
    ask: {
      questions: items.length,
      calls: items.length * settings.repetitions,
      allMs: summarize(items.flatMap((i) => i.samples), 3),
      bySet: [...groups.values()].map((g) => ({ set: g.set, lang: g.lang, questions: g.questions, ms: summarize(g.samples, 3) })),
      slowest: perQuestion.slice(0, 5),
      perQuestionP99: summarize(perQuestion.map((q) => q.p99), 3),
      questionsPerSecond,
    },
  };
}

export function searchTables(r: SearchResults): string[] {
  const f = r.load.fresh;
  const cold = r.load.coldProcess;
  const load = renderTable(
    `search · library load (${r.topics} topics × 2 languages; ms)`,
    ['measure', 'read+parse', 'index build', 'Library.load()', 'first ask()'],
    [
      [`cold: fresh process, median of ${cold.runs.length}`, median(cold.runs.map((c) => c.readParseMs)), cold.indexBuildMsMedian, cold.loadMsMedian, cold.firstAskMsMedian],
      ...cold.runs.map((c, i) => [`  cold process #${i + 1}`, c.readParseMs, c.indexBuildMs, c.loadMs, c.firstAskMs]),
      ['first load in the bench process', r.load.firstInProcess.readParseMs, r.load.firstInProcess.indexBuildMs, r.load.firstInProcess.loadMs, null],
      [`fresh loads, median of ${f.loadMs.n}`, f.readParseMs.p50, f.indexBuildMs.p50, f.loadMs.p50, null],
      [`fresh loads, max of ${f.loadMs.n}`, f.readParseMs.max, f.indexBuildMs.max, f.loadMs.max, null],
    ],
  );
  const ask = renderTable(
    `search · ask() latency, ${r.settings.repetitions} repetitions per question after ${r.settings.warmupPasses} warm-up passes (ms)`,
    ['set', 'lang', 'questions', 'calls', 'p50', 'p95', 'p99', 'max'],
    r.ask.bySet.map((g) => [g.set, g.lang, g.questions, g.ms.n, g.ms.p50, g.ms.p95, g.ms.p99, g.ms.max]),
    3,
  );
  const slow = renderTable(
    `search · slowest questions by p99 (ms) · per-question p99: median ${r.ask.perQuestionP99.p50}, max ${r.ask.perQuestionP99.max} · throughput ${r.ask.questionsPerSecond} questions/s (one core)`,
    ['set', 'lang', 'question', 'p50', 'p99', 'max'],
    r.ask.slowest.map((q) => [q.set, q.lang, clip(q.q, 48), q.p50, q.p99, q.max]),
    3,
  );
  return [load, ask, slow];
}
