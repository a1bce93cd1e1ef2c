/**
 * Run by bench/search.ts in a fresh Node process: the first library load, as `npm start` pays it.
 * Prints one JSON line: module import, reading and parsing the topics, building the index, the
 * whole Library load, and the first question's latency (nothing JIT-compiled yet).
 */
const t0 = performance.now();
const { loadTopics } = await import('../src/content/loader.ts');
const { Library } = await import('../src/content/library.ts');
const t1 = performance.now();
const topics = loadTopics();
const t2 = performance.now();
const library = new Library(topics);
const t3 = performance.now();
library.ask('为什么 none 模式只有 lo', 'zh');
const t4 = performance.now();
library.ask('what does --net=host do to my ports', 'en');
const t5 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, readParseMs: t2 - t1, indexBuildMs: t3 - t2, loadMs: t3 - t1, firstAskMs: t4 - t3, secondAskMs: t5 - t4, topics: topics.length }));
