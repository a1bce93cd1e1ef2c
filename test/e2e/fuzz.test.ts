// The fuzz suite: at least 1,000 hostile interactions from a seeded PRNG (FUZZ_SEED replays a
// run; the seed is printed) through the real bot — discord.js against the fake Discord, which
// checks every payload against Discord's OpenAPI description and limits — with a sandbox on the
// real engine for the few /demo among them. Asserted, with the counts printed: no crash, one
// answer (or a defined refusal) per interaction, nobody pinged but the member named in
// `mention`, nothing of the member's input reflected unescaped, no Discord-limit violation, and
// no container or network left.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_OWNER, MANAGED_FILTER } from '../../src/docker/labels.ts';
import { createLogger } from '../../src/log.ts';
import { requireEngine } from '../integration/engine.ts';
import { embedText, finalAnswer, startBotHarness, type BotHarness } from './bot-harness.ts';
import type { InteractionRecord } from './fake-discord.ts';
import { members, nextCase, type CaseDeck, type FuzzCase } from './fuzz-cases.ts';
import { inspect, pinged, type Finding } from './fuzz-checks.ts';
import { Prng } from './fuzz-input.ts';
import { chatInput } from './interactions.ts';

const COUNT = 1_000;
const IN_FLIGHT = 4;
/** Played one at a time first, so the bot's cold start (first compilations, the zh-TW worker) is not a burst. */
const WARM_UP = 24;
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : Math.floor(Math.random() * 2 ** 31);

/** The dispatcher's one log line per handled interaction (and any error line), as they come. */
class LogWatch extends Writable {
  readonly outcomes = new Map<string, string>();
  readonly errors: string[] = [];
  readonly #waiting = new Map<string, () => void>();
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { level: string; msg: string; interactionId?: string; outcome?: string };
      if (entry.level === 'error' || entry.level === 'fatal') this.errors.push(line.slice(0, 600));
      if (entry.msg === 'interaction' && entry.interactionId) {
        this.outcomes.set(entry.interactionId, entry.outcome ?? '?');
        this.#waiting.get(entry.interactionId)?.();
      }
    }
    done();
  }
  /** Resolves once the dispatcher logged the interaction as handled (false after `ms`). */
  handled(id: string, ms: number): Promise<boolean> {
    if (this.outcomes.has(id)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.outcomes.has(id)), ms);
      this.#waiting.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

const log = new LogWatch();
const crashes: string[] = [];
const onCrash = (error: unknown) => void crashes.push(String((error as Error)?.stack ?? error).slice(0, 600));
let h: BotHarness;
let engine: Awaited<ReturnType<typeof requireEngine>>;

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
  process.on('unhandledRejection', onCrash).on('uncaughtException', onCrash);
  engine = await requireEngine();
  h = await startBotHarness({
    logger: createLogger('info', { destination: log, format: 'json' }),
    // A real pace per member (100 members share the load: about 7.5 paced cases each, so even
    // when the whole run takes a few seconds and nothing refills, most cases reach the handlers;
    // a member drawn often meets "slow down"); demos cut short so a hung one cannot stall the run.
    env: { MEMBER_COMMAND_BURST: '10', MEMBER_COMMAND_EVERY_MS: '1500', SANDBOX_DEADLINE_MS: '10000', SANDBOX_MAX_CONCURRENT: '2', SANDBOX_QUEUE_SIZE: '4' },
  });
  await h.sandbox.start();
  await h.fake.waitForReady();
});

let stopped = false;
async function stopBot(): Promise<void> {
  if (stopped || !h) return;
  stopped = true;
  await h.stop();
}

afterAll(async () => {
  process.off('unhandledRejection', onCrash).off('uncaughtException', onCrash);
  await stopBot();
});

interface Outcome {
  readonly fuzzCase: FuzzCase;
  readonly record: InteractionRecord;
  readonly answered: boolean;
  readonly problem: string | undefined;
  readonly findings: readonly Finding[];
}

/** After a defer: the reply edited in, or (a refusal after a public defer) the reply removed and a follow-up sent. */
function finalAfterDefer(record: InteractionRecord): boolean {
  if (record.original) return ((record.original.flags ?? 0) & 128) === 0;
  return record.deletes.length > 0 && record.followUps.some((f) => f.status < 300);
}

/** Sends one case and waits until it is answered for good (or gives up and says why). */
async function play(fuzzCase: FuzzCase): Promise<Outcome> {
  const record = h.send(fuzzCase.payload);
  const viaDispatcher = fuzzCase.kind === 'command' || fuzzCase.kind === 'button' || fuzzCase.kind === 'form';
  let answered = viaDispatcher ? await log.handled(record.id, 40_000) : await record.waitForCallback(10_000).then(() => true, () => false);
  // The dispatcher logs after its last send; the fake records the answer as the response arrives.
  if (answered) answered = await record.waitForFinal((r) => r.callbacks.length > 0, 2_000).then(() => true, () => false);
  const accepted = record.callbacks.filter((c) => c.status < 300);
  let problem: string | undefined;
  if (!answered) problem = `no answer: ${record.summary()}`;
  else if (record.callbacks.length !== 1 || accepted.length !== 1) problem = `${record.callbacks.length} callbacks: ${record.summary()}`;
  else if (accepted[0]!.type === 5 && !finalAfterDefer(record)) problem = `deferred and never answered: ${record.summary()}`;
  return { fuzzCase, record, answered, problem, findings: inspect(record, fuzzCase.inputs, fuzzCase.mention) };
}

function tally<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

describe(`fuzz (seed ${SEED})`, () => {
  it(`survives ${COUNT} hostile interactions: one answer each, no ping beyond mention, no unescaped echo, no limit broken, nothing left`, async () => {
    const started = performance.now();
    const rng = new Prng(SEED);
    const deck: CaseDeck = { rng, members: members(rng), harvested: [], fileHost: h.fake.apiBase.replace(/\/api.*$/, '') };
    const outcomes: Outcome[] = [];
    // Cases are drawn in order from the seed; up to IN_FLIGHT are answered at once.
    let drawn = 0;
    const worker = async () => {
      while (drawn < COUNT) {
        drawn += 1;
        const fuzzCase = nextCase(deck);
        const outcome = await play(fuzzCase);
        outcomes.push(outcome);
        for (const message of outcome.record.visibleMessages) {
          for (const m of JSON.stringify(message.components ?? []).matchAll(/"custom_id":"([^"]{1,100})"/g)) if (deck.harvested.length < 200) deck.harvested.push(m[1]!);
        }
      }
    };
    while (drawn < WARM_UP) {
      drawn += 1;
      outcomes.push(await play(nextCase(deck)));
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    // A normal question still gets its answer: the client and the bot are alive.
    const last = h.send(chatInput({ name: 'ask', options: { question: 'what does --network host do' }, locale: 'en-US', userId: '1300000000000009999' }));
    const alive = embedText(await finalAnswer(last, 10_000)).length > 0;
    await h.sandbox.idle();

    const outcomeOf = (o: Outcome) => (o.fuzzCase.kind === 'command' || o.fuzzCase.kind === 'button' || o.fuzzCase.kind === 'form' ? (log.outcomes.get(o.record.id) ?? 'none') : `${o.fuzzCase.kind}:answered`);
    const problems = outcomes.filter((o) => o.problem);
    const findings = outcomes.flatMap((o) => o.findings.map((f) => ({ ...f, label: o.fuzzCase.label })));
    const internalErrors = outcomes.filter((o) => outcomeOf(o) === 'error');
    const rateLimited = outcomes.filter((o) => outcomeOf(o) === 'user_error:rate-limited').length;
    const handled = outcomes.filter((o) => o.fuzzCase.kind === 'command' || o.fuzzCase.kind === 'button' || o.fuzzCase.kind === 'form').length;
    const pings = outcomes.flatMap((o) => pinged(o.record).map((user) => `${o.record.payload.guild_id ?? 'dm'}/${user}`));
    const pingedTwice = [...new Set(pings.filter((p, i) => pings.indexOf(p) !== i))];
    const demos = outcomes.filter((o) => o.fuzzCase.label === 'demo');
    const owner = h.sandbox.engines.map((e) => e.ownerId);
    await stopBot();
    const left = { containers: 0, networks: 0 };
    for (const id of owner) {
      left.containers += (await engine.listContainers({ labels: { ...MANAGED_FILTER, [LABEL_OWNER]: id } })).length;
      left.networks += (await engine.listNetworks({ labels: { ...MANAGED_FILTER, [LABEL_OWNER]: id } })).length;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz seed ${SEED}: ${outcomes.length} interactions in ${seconds} s (${tally(outcomes, (o) => o.fuzzCase.kind)}; ${demos.length} /demo)\n` +
        `  answered ${outcomes.length - problems.length}, unanswered or answered twice ${problems.length}; outcomes: ${tally(outcomes, outcomeOf)}\n` +
        `  rate-limited ${rateLimited} of ${handled} commands, buttons and forms; pings ${pings.length} (each to the member in \`mention\`), a classmate pinged twice ${pingedTwice.length}\n` +
        `  crashes ${crashes.length}, internal errors ${internalErrors.length}, error log lines ${log.errors.length}, pings beyond mention ${findings.filter((f) => f.kind === 'ping' || f.kind === 'no-allowed-mentions').length}, ` +
        `unescaped reflections ${findings.filter((f) => f.kind !== 'ping' && f.kind !== 'no-allowed-mentions').length}, Discord-limit violations ${h.fake.violations.length}, containers left ${left.containers}, networks left ${left.networks}`,
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(COUNT);
    expect(alive).toBe(true);
    expect(crashes).toEqual([]);
    expect(problems.map((o) => `[${o.fuzzCase.label}] ${o.problem}`)).toEqual([]);
    expect(internalErrors.map((o) => `[${o.fuzzCase.label}] ${JSON.stringify(o.fuzzCase.payload.data).slice(0, 300)}`)).toEqual([]);
    expect(log.errors).toEqual([]);
    expect(findings.slice(0, 20)).toEqual([]);
    expect(pingedTwice).toEqual([]);
    expect(h.fake.violations.slice(0, 20)).toEqual([]);
    expect(h.fake.errors).toEqual([]);
    // Most cases reach the handlers: the pace refuses some, not all.
    expect(rateLimited).toBeLessThan(handled * 0.25);
    expect(left).toEqual({ containers: 0, networks: 0 });
  }, 150_000);
});
