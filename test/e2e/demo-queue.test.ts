// A moving queue end to end: members waiting for /demo see their place in line, moving down,
// and the answer replaces it without waiting behind position edits. When positions show and how
// often (Discord rate-limits edits of an interaction's message) is the responder's rule, proven on
// fake timers in test/unit/responder.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from './interactions.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import { managedResources, requireEngine } from '../integration/engine.ts';

let h: BotHarness;
let engine: Awaited<ReturnType<typeof requireEngine>>;

beforeAll(async () => {
  engine = await requireEngine();
  // Every member runs their own demo here (no shared runs), so that they queue.
  h = await startBotHarness({ env: { SANDBOX_MAX_CONCURRENT: '1', SANDBOX_QUEUE_SIZE: '7', SANDBOX_SHARE_WINDOW_MS: '0' } });
  await h.sandbox.start();
});

afterAll(async () => {
  await h?.stop();
  expect(h.fake.violations).toEqual([]);
  expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
});

const isWaiting = (body: unknown) => JSON.stringify(body).includes('Waiting in line');

describe('/demo with a queue', () => {
  it('shows each waiting member their place, moving down, then the answer', async () => {
    const members = Array.from({ length: 8 }, (_, i) => `50000000000000000${i}`);
    const records = members.map((userId) => h.send(chatInput({ name: 'demo', options: { scenario: 'none' }, locale: 'en-US', userId })));
    const answers = await Promise.all(records.map((r) => finalAnswer(r, 60_000)));
    for (const answer of answers) expect(embedText(answer)).toContain('1: lo:');

    const last = records.at(-1)!;
    const waits = last.edits.filter((e) => isWaiting(e.body));
    const ahead = waits.map((e) => Number(/There (?:is|are) (\d+) demos? ahead of you/.exec(JSON.stringify(e.body))?.[1]));
    // Nothing overwrites the answer: every member's last edit is the result.
    expect(records.map((r) => isWaiting(r.edits.at(-1)?.body))).toEqual(records.map(() => false));
    // Seven demos ran ahead of the last member, one at a time: it saw its place move down.
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(ahead.every((n, i) => n >= 1 && n <= 7 && (i === 0 || n < ahead[i - 1]!))).toBe(true);
  });
});
