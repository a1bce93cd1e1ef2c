// A moving queue end to end: members waiting for /demo see their place in line once they have
// waited a second, updated at most once a second (Discord rate-limits edits of an interaction's
// message), and the answer replaces it without waiting behind position edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_EVERY_MS } from '../../src/discord/responder.ts';
import { chatInput } from './interactions.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import { managedResources, requireEngine } from '../integration/engine.ts';

let h: BotHarness;
let engine: Awaited<ReturnType<typeof requireEngine>>;

beforeAll(async () => {
  engine = await requireEngine();
  h = await startBotHarness({ env: { SANDBOX_MAX_CONCURRENT: '1', SANDBOX_QUEUE_SIZE: '7' } });
  await h.sandbox.start();
});

afterAll(async () => {
  await h?.stop();
  expect(h.fake.violations).toEqual([]);
  expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
});

const isWaiting = (body: unknown) => JSON.stringify(body).includes('Waiting in line');

describe('/demo with a queue', () => {
  it('shows each waiting member their place, at most one edit a second, then the answer', async () => {
    const members = Array.from({ length: 8 }, (_, i) => `50000000000000000${i}`);
    const records = members.map((userId) => h.send(chatInput({ name: 'demo', options: { scenario: 'none' }, locale: 'en-US', userId })));
    const answers = await Promise.all(records.map((r) => finalAnswer(r, 60_000)));
    for (const answer of answers) expect(embedText(answer)).toContain('1: lo:');

    const last = records.at(-1)!;
    const waits = last.edits.filter((e) => isWaiting(e.body));
    const ahead = waits.map((e) => Number(/There (?:is|are) (\d+) demos? ahead of you/.exec(JSON.stringify(e.body))?.[1]));
    for (const record of records) {
      // The first place shown after a second, then at most one edit a second. Times are when the
      // fake received each edit, so REST latency can shift one against the next a little.
      const times = record.edits.filter((e) => isWaiting(e.body)).map((e) => e.atMs);
      if (times.length > 0) expect(times[0]).toBeGreaterThanOrEqual(PROGRESS_EVERY_MS - 5);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(PROGRESS_EVERY_MS - 250);
      // Nothing overwrites the answer: the last edit is the result.
      expect(isWaiting(record.edits.at(-1)?.body)).toBe(false);
    }
    // Seven demos ran ahead of the last member, quicker than one a second: it saw its place move
    // down, with the moves in between skipped.
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits.length).toBeLessThan(7);
    expect(ahead.every((n, i) => n >= 1 && n <= 7 && (i === 0 || n < ahead[i - 1]!))).toBe(true);
  });
});
