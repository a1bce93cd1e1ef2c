/**
 * `npm run verify-commands [-- --list] [--topic id,…] [--dir topics/] [--name-prefix p] [--timeout s] [--docker path]`
 *
 * Runs every ```console run block of the library against the real engine (see
 * scripts/lib/verify-runner.ts), prints every command with its topic, language, tag and result,
 * and the share of `run` commands. Exits 1 when a run block fails, a block is untagged, or the
 * run share (overall or in either language) is below 60 %. `--list` prints the list and the
 * share without running anything.
 */
import { parseArgs } from 'node:util';
import { readTopicDocs, DEFAULT_TOPICS_DIR } from '../src/content/loader.ts';
import { blockOccurrences, runBlocks, runShare, tagLabel, type BlockOccurrence, type Share } from './lib/verify-plan.ts';
import { VerifyRunner, type BlockResult } from './lib/verify-runner.ts';

const MIN_SHARE = 0.6;

const { values } = parseArgs({
  options: {
    list: { type: 'boolean', default: false },
    topic: { type: 'string' },
    dir: { type: 'string' },
    'name-prefix': { type: 'string' },
    timeout: { type: 'string' },
    docker: { type: 'string' },
  },
});

const started = Date.now();
const topics = values.topic?.split(',').map((t) => t.trim());
const docs = readTopicDocs(values.dir ?? DEFAULT_TOPICS_DIR).docs.filter((d) => !topics || topics.includes(d.id));
const occurrences = blockOccurrences(docs);
const blocks = runBlocks(occurrences);
const results = new Map<BlockOccurrence, BlockResult>();
let leftovers = 0;

if (!values.list && blocks.length > 0) {
  const runner = await VerifyRunner.create({
    ...(values['name-prefix'] !== undefined ? { namePrefix: values['name-prefix'] } : {}),
    ...(values.timeout !== undefined ? { blockTimeoutMs: Number(values.timeout) * 1000 } : {}),
    ...(values.docker !== undefined ? { docker: values.docker } : {}),
  });
  try {
    const stale = runner.removeStale();
    console.log(`verify-commands: run ${runner.runId}, docker ${runner.docker} (client ${runner.clientVersion()}), docker-compose ${runner.compose ?? 'not installed'}${stale ? `, removed ${stale} leftovers of earlier runs` : ''}`);
    for (const block of blocks) {
      const first = block.occurrences[0]!;
      process.stderr.write(`  running ${first.topic} (${block.occurrences.map((o) => o.lang).join('+')}) line ${first.block.line}…\n`);
      const result = await runner.runBlock(block);
      for (const o of block.occurrences) results.set(o, result);
      process.stderr.write(`    ${(result.durationMs / 1000).toFixed(1)} s, ${block.block.commands.length} commands\n`);
    }
  } finally {
    runner.cleanup();
    leftovers = runner.leftovers();
    runner.dispose();
  }
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(1, width - [...text].length));
const width = Math.max(5, ...occurrences.map((o) => o.topic.length)) + 2;
const failures: string[] = [];
for (const o of occurrences) {
  const tag = tagLabel(o.block);
  const result = results.get(o);
  o.block.commands.forEach((command, i) => {
    let status: string;
    if (o.block.kind.kind === 'illustrative') status = 'shown';
    else if (o.block.kind.kind !== 'run') status = 'FAIL';
    else if (values.list) status = 'listed';
    else if (!result) status = 'FAIL';
    else if (result.error) status = 'FAIL';
    else status = result.commands[i]?.ok ? 'pass' : 'FAIL';
    console.log(`${pad(o.topic, width)}${pad(o.lang, 4)}${pad(tag, 26)}${pad(status, 7)}$ ${command.text}`);
  });
  if (o.block.kind.kind !== 'run' && o.block.kind.kind !== 'illustrative') failures.push(`${o.file}:${o.block.line}: ${tag}: not verified (tag it run or illustrative:<reason>)`);
  if (result && !result.ok && result.block.occurrences[0] === o) {
    const remapped = [...result.ports].map(([from, to]) => `${from}→${to}`).join(', ');
    const where = `${result.block.occurrences.map((x) => `${x.file}:${x.block.line}`).join(', ')}${remapped ? ` (host ports ${remapped})` : ''}`;
    if (result.error) failures.push(`${where}: ${result.error}`);
    for (const c of result.commands.filter((r) => !r.ok)) {
      const output = c.output.trimEnd().split('\n').slice(0, 12).map((l) => `      | ${l}`).join('\n');
      failures.push(`${where}\n    $ ${c.command.text}\n    line ${c.command.line}: ${c.message}\n${output}`);
    }
  }
}

const percent = (s: Share) => `${s.run} of ${s.total} (${Math.round(s.ratio * 100)} %)`;
const share = runShare(occurrences);
console.log(`\nrun commands: ${percent(share.all)} distinct commands across both languages; en ${percent(share.byLang.en)}, zh ${percent(share.byLang.zh)}`);
if (!values.list) {
  const failed = blocks.filter((b) => !b.occurrences.every((o) => results.get(o)?.ok));
  console.log(`run blocks: ${blocks.length - failed.length} of ${blocks.length} passed (identical zh/en blocks run once); ${leftovers} labelled resources left; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const slowest = [...new Set(results.values())].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);
  console.log(`slowest blocks: ${slowest.map((r) => `${r.block.occurrences[0]!.topic}:${r.block.block.line} ${(r.durationMs / 1000).toFixed(1)} s`).join(', ')}`);
}
for (const f of failures) console.error(`\n${f}`);
const lowShare = [share.all, share.byLang.en, share.byLang.zh].some((s) => s.ratio < MIN_SHARE);
if (lowShare) console.error(`\nverify-commands: the run share must be at least ${MIN_SHARE * 100} % overall and in each language`);
if (failures.length > 0 || lowShare || leftovers > 0) process.exitCode = 1;
