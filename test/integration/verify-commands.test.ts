/**
 * verify-commands against the real engine, on a fixture topic: a block that holds passes (names,
 * `-it`, the nginx stand-in, listings cut to the run's own resources), wrong output and a failing
 * command are caught, a host change is refused before anything runs, identical zh/en blocks run
 * once, and nothing with the run's label is left on the engine.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTopicDocs } from '../../src/content/loader.ts';
import { blockOccurrences, runBlocks, type RunBlock } from '../../scripts/lib/verify-plan.ts';
import { VerifyRunner, type BlockResult } from '../../scripts/lib/verify-runner.ts';

const fixtures = fileURLToPath(new URL('./fixtures/verify-library/', import.meta.url));
const blocks: RunBlock[] = runBlocks(blockOccurrences(readTopicDocs(fixtures).docs));
const results = new Map<string, BlockResult>();
let runner: VerifyRunner;

/** The result of the block under the section whose heading starts with `heading`. */
function section(heading: string): BlockResult {
  const block = blocks.find((b) => {
    const o = b.occurrences[0]!;
    const body = readTopicDocs(fixtures).docs.find((d) => d.file === o.file)!;
    const before = body.body.split('\n').slice(0, o.block.line - body.bodyLine);
    return before.filter((l) => l.startsWith('## ')).pop()?.startsWith(`## ${heading}`);
  });
  return results.get(block!.key)!;
}

beforeAll(async () => {
  runner = await VerifyRunner.create({ namePrefix: process.env['VERIFY_NAME_PREFIX'] ?? 'verify-it-', blockTimeoutMs: 90_000 });
  for (const block of blocks) results.set(block.key, await runner.runBlock(block));
}, 300_000);

afterAll(() => {
  runner.cleanup();
  runner.dispose();
});

describe('verify-commands on the real engine', () => {
  it('runs identical zh and en blocks once', () => {
    expect(blocks.map((b) => b.occurrences.map((o) => o.lang).join('+'))).toEqual(['en', 'en+zh', 'en', 'en', 'en']);
    expect(section('None mode').ok).toBe(true);
  });

  it('passes a block whose commands run and show what the topic shows', () => {
    const result = section('Names on a user-defined network');
    expect(result.commands.filter((c) => !c.ok).map((c) => `${c.command.text}: ${c.message}\n${c.output}`)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('catches output the topic shows wrongly and a command that fails', () => {
    const result = section('Wrong on purpose');
    expect(result.ok).toBe(false);
    expect(result.commands.map((c) => c.message)).toEqual(['shown line 1 “goodbye” is not in the output', 'exited with 1 (a command with no shown output must exit 0)']);
  });

  it('refuses a command that changes the host without running it', () => {
    const result = section('Changes the host');
    expect(result).toMatchObject({ ok: false, commands: [], error: expect.stringContaining('illustrative:host-root') });
    expect(execFileSync('ip', ['link', 'show'], { encoding: 'utf8' })).not.toContain('verify0');
  });

  it('runs docker compose through docker-compose when installed, and says so when not', () => {
    const result = section('Compose');
    expect(result.ok).toBe(runner.compose !== undefined);
    expect(result.ok || result.commands[0]!.output.includes('docker-compose')).toBe(true);
  });

  it('leaves nothing with its label on the engine', () => {
    runner.cleanup();
    expect(runner.leftovers()).toBe(0);
    const label = `label=netlab.verify=${runner.runId}`;
    const listed = ['ps -aq', 'network ls -q', 'volume ls -q'].map((c) => execFileSync(runner.docker, [...c.split(' '), '--filter', label], { encoding: 'utf8' }).trim());
    expect(listed).toEqual(['', '', '']);
  });
});
