// Faults end to end, with the real discord.js client and the real engine: Discord answering 429,
// 500 or not at all, and the real dockerd frozen (SIGSTOP) in the middle of demos, then thawed.
// The bot never crashes, members get answers (or an honest refusal by the deadline), demos work
// again once the engine is back, and nothing is left behind.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import { chatInput } from './interactions.ts';
import { managedResources, requireEngine } from '../integration/engine.ts';

let h: BotHarness;
let engine: Awaited<ReturnType<typeof requireEngine>>;
const DEADLINE_MS = 5_000;

beforeAll(async () => {
  engine = await requireEngine();
  h = await startBotHarness({ env: { SANDBOX_DEADLINE_MS: String(DEADLINE_MS) } });
  await h.sandbox.start();
});

afterAll(async () => {
  await h?.stop();
  expect(h.fake.errors).toEqual([]);
  expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
});

const ask = (question: string, userId = '600000000000000001') => h.send(chatInput({ name: 'ask', options: { question }, locale: 'en-US', userId }));

describe('Discord failing', () => {
  it('a 429 on the reply: discord.js waits and retries, the member gets the answer', async () => {
    h.fake.injectFault({ method: 'POST', path: /\/callback$/, kind: '429', count: 1 });
    const record = ask('what is docker0');
    expect(embedText(await finalAnswer(record, 10_000))).toContain('docker0');
    expect(h.fake.faulted.filter((f) => f.kind === '429')).toHaveLength(1);
  });

  it('a 500 on the edit of a deferred answer: retried, the member gets the answer', async () => {
    h.fake.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, kind: '500', count: 1 });
    const record = h.send(chatInput({ name: 'networks', locale: 'en-US', userId: '600000000000000002' }));
    expect(embedText(await finalAnswer(record, 15_000))).toMatch(/bridge\s+bridge/);
    expect(h.fake.faulted.filter((f) => f.kind === '500')).toHaveLength(1);
  });

  it('a reply Discord never answers: that member’s request is lost, and the bot goes on serving everyone else', async () => {
    h.fake.injectFault({ method: 'POST', path: /\/callback$/, kind: 'hang', count: 1 });
    ask('what is host mode', '600000000000000003');
    const next = ask('what is none mode', '600000000000000004');
    expect(embedText(await finalAnswer(next, 10_000))).toContain('none');
  });
});

describe('the engine frozen (dockerd stopped with SIGSTOP) and thawed', () => {
  it('a demo asked while the engine is frozen is answered by the deadline + 2 s; after it thaws, demos work again and nothing is left', async () => {
    const dockerd = execFileSync('pgrep', ['-xo', 'dockerd'], { encoding: 'utf8' }).trim();
    const asked = Date.now();
    let answeredAfterMs: number;
    let text: string;
    try {
      process.kill(Number(dockerd), 'SIGSTOP');
      const record = h.send(chatInput({ name: 'demo', options: { scenario: 'none' }, locale: 'en-US', userId: '600000000000000005' }));
      const answered = await record.waitForFinal((r) => r.followUps.length > 0 || (r.original?.embeds?.length ?? 0) > 0, DEADLINE_MS + 10_000);
      answeredAfterMs = Date.now() - asked;
      text = JSON.stringify([answered.original, answered.followUps.map((f) => f.body)]);
    } finally {
      process.kill(Number(dockerd), 'SIGCONT');
    }
    // What a member notices: an answer by the deadline plus two seconds (wide margin for CI).
    expect(answeredAfterMs).toBeLessThan(DEADLINE_MS + 2_000 + 3_000);
    expect(text).toMatch(/did not finish within 5 s|not answering right now|engine reported an error/);
    const again = h.send(chatInput({ name: 'demo', options: { scenario: 'none' }, locale: 'en-US', userId: '600000000000000006' }));
    expect(embedText(await finalAnswer(again, 30_000))).toContain('1: lo:');
    await h.sandbox.idle();
  }, 90_000);
});
