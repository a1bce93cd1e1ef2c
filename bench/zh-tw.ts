/**
 * `npx tsx --expose-gc bench/zh-tw.ts` — what Traditional Chinese for zh-TW members costs
 * (src/text/traditional.ts): loading opencc-js and building its `cn → tw` converter once (time,
 * heap and resident memory, measured in this fresh process), then converting every Chinese topic
 * and a typical /ask answer. Prints one JSON object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (from: number) => Math.round((performance.now() - from) * 10) / 10;

gc();
const before = process.memoryUsage();
let t = performance.now();
const { traditionalConverter, traditionalAnswer } = await import('../src/text/traditional.ts');
// The module alone first (its dictionaries are data in the module), then the converter's build.
await import('opencc-js/cn2t');
const importMs = ms(t);
t = performance.now();
const convert = await traditionalConverter();
const buildMs = ms(t);
gc();
const after = process.memoryUsage();

const dir = fileURLToPath(new URL('../src/content/topics/zh/', import.meta.url));
const topics = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
const characters = topics.reduce((n, text) => n + text.length, 0);
t = performance.now();
for (const text of topics) convert(text);
const libraryMs = ms(t);

const body = topics[0]!.slice(0, 1_500);
const samples: number[] = [];
for (let i = 0; i < 50; i++) {
  const start = performance.now();
  await traditionalAnswer({ title: '默认网桥（docker0）', body, footer: '现场演示：/demo bridge · 主题：mode-bridge-default' });
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);

console.log(
  JSON.stringify(
    {
      preset: 'cn → tw',
      importMs,
      buildConverterMs: buildMs,
      heapMiB: mib(after.heapUsed - before.heapUsed),
      rssMiB: mib(after.rss - before.rss),
      wholeLibrary: { topics: topics.length, characters, ms: libraryMs },
      answerOf1500Chars: { medianMs: Math.round(samples[25]! * 100) / 100, maxMs: Math.round(samples[49]! * 100) / 100 },
      gcExposed: Boolean((globalThis as { gc?: unknown }).gc),
    },
    null,
    2,
  ),
);
