/**
 * `npx tsx bench/zh-tw.ts` — what Traditional Chinese for zh-TW members costs
 * (src/text/traditional.ts): starting the opencc-js `cn → tw` worker and building its converter
 * (time until it answers, the longest stall of the main thread meanwhile, resident memory added,
 * measured in this fresh process), then converting every Chinese topic and a typical /ask
 * answer. Also the in-thread build, for comparison: what the bot would stall for without the
 * worker. Prints one JSON object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { traditionalAnswer, traditionalConverter } from '../src/text/traditional.ts';

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (from: number) => Math.round((performance.now() - from) * 10) / 10;

const rssBefore = process.memoryUsage().rss;
const stalls = monitorEventLoopDelay({ resolution: 10 });
stalls.enable();
let t = performance.now();
const convert = await traditionalConverter();
const readyMs = ms(t);
stalls.disable();
const rssAfter = process.memoryUsage().rss;

const dir = fileURLToPath(new URL('../src/content/topics/zh/', import.meta.url));
const topics = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
const characters = topics.reduce((n, text) => n + text.length, 0);
t = performance.now();
await convert(topics);
const libraryMs = ms(t);

const body = topics[0]!.slice(0, 1_500);
const samples: number[] = [];
for (let i = 0; i < 50; i++) {
  const start = performance.now();
  await traditionalAnswer({ title: '默认网桥（docker0）', body, footer: '现场演示：/demo bridge · 主题：mode-bridge-default' });
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);

// The same build on this thread, as it would run without the worker.
t = performance.now();
const { Converter } = await import('opencc-js/cn2t');
Converter({ from: 'cn', to: 'tw' });
const inThreadMs = ms(t);

console.log(
  JSON.stringify(
    {
      preset: 'cn → tw',
      workerReadyMs: readyMs,
      longestMainThreadStallMs: Math.round(stalls.max / 1e6),
      rssAddedMiB: mib(rssAfter - rssBefore),
      wholeLibrary: { topics: topics.length, characters, ms: libraryMs },
      answerOf1500Chars: { medianMs: Math.round(samples[25]! * 100) / 100, maxMs: Math.round(samples[49]! * 100) / 100 },
      inThreadBuildMs: inThreadMs,
    },
    null,
    2,
  ),
);
