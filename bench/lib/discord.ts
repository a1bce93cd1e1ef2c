/**
 * One `/demo` as a member sends it, through the FakeDiscord, and what the member saw: the
 * acknowledgement (deferred callback) and the reply edited to show the demo's output, an honest
 * "busy" answer, an error, or nothing. Times are from the fake's dispatch of INTERACTION_CREATE
 * to the moment the bot's request reached the fake.
 */
import type { APIEmbed } from 'discord.js';
import type { FakeDiscord, InteractionRecord, MessageWrite } from '../../test/e2e/fake-discord.ts';
import { chatInput } from '../../test/e2e/interactions.ts';

export type OutcomeKind = 'output' | 'busy' | 'error' | 'no-reply';

export interface DemoOutcome {
  readonly scenario: string;
  readonly userId: string;
  readonly kind: OutcomeKind;
  /** Dispatch → the accepted write that showed the outcome (the output edit, or the busy/error message). */
  readonly answerMs: number;
  /** Dispatch → first accepted callback (type 5, "thinking…"); NaN when never acknowledged. */
  readonly ackMs: number;
  readonly ackType: number | null;
  /** performance.now() at dispatch, in the bench process. */
  readonly dispatchedAt: number;
  /** The demo's checks all passed (green embed) — only meaningful for `output`. */
  readonly checksPassed: boolean;
  /** The sandbox's own timings from the reply's footer (queue, create, run, total), when shown. */
  readonly sandboxTimings: SandboxTimings | null;
  /** The run id in the answer's footer (members who shared a run see the same one); null when none shown. */
  readonly runId: string | null;
  /** The classmates the answer says it shared its run with (0: a run of one's own). */
  readonly sharedWith: number;
  /** Rule breaks the fake recorded for this interaction (late ack, invalid payload…). */
  readonly violations: readonly string[];
  readonly detail?: string;
}

export interface SandboxTimings {
  readonly queue: number;
  readonly create: number;
  readonly run: number;
  readonly total: number;
}

/** Reads "queue 3 ms · create 12 ms · run 80 ms · total 95 ms" (or the Chinese footer) back. */
function footerTimings(write: MessageWrite): SandboxTimings | null {
  const footer = embedsOf(write.body).map((e) => e.footer?.text ?? '').join(' ');
  const num = (re: RegExp) => Number(re.exec(footer)?.[1] ?? Number.NaN);
  const t = { queue: num(/(?:queue|排队) (\d+) ms/), create: num(/(?:create|创建) (\d+) ms/), run: num(/(?:run|运行) (\d+) ms/), total: num(/(?:total|总计) (\d+) ms/) };
  if (!Number.isFinite(t.create) || !Number.isFinite(t.total)) return null;
  return { ...t, queue: Number.isFinite(t.queue) ? t.queue : 0, run: Number.isFinite(t.run) ? t.run : Number.NaN };
}

const OK_COLOR = 0x2e9d5b;
const BUSY = /busy right now|演示沙箱现在很忙/;

let serial = 0;
/** A fresh member id per interaction (17–20 digits), so cooldowns and one-demo-per-member never interfere. */
export function nextMemberId(): string {
  serial++;
  return `4${String(Date.now() % 1e9).padStart(9, '0')}${String(serial).padStart(8, '0')}`;
}

const embedsOf = (body: Record<string, unknown>): APIEmbed[] => (Array.isArray(body['embeds']) ? (body['embeds'] as APIEmbed[]) : []);
const textOf = (body: Record<string, unknown>) =>
  [String(body['content'] ?? ''), ...embedsOf(body).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`)].join('\n');

/** The demo's answer: a 🧪 title and the output in a code block. */
function isOutput(write: MessageWrite): boolean {
  const embeds = embedsOf(write.body);
  return write.status < 300 && (embeds[0]?.title ?? '').startsWith('🧪') && embeds.some((e) => (e.description ?? '').includes('```'));
}

function classify(record: InteractionRecord): { kind: OutcomeKind; write: MessageWrite; checksPassed: boolean } | undefined {
  const output = record.edits.find(isOutput);
  if (output) return { kind: 'output', write: output, checksPassed: embedsOf(output.body)[0]?.color === OK_COLOR };
  // Refusals and errors arrive as an ephemeral follow-up (the public "thinking…" is deleted).
  const followUp = record.followUps.find((f) => f.status < 300);
  if (followUp) return { kind: BUSY.test(textOf(followUp.body)) ? 'busy' : 'error', write: followUp, checksPassed: false };
  return undefined;
}

export interface SendOptions {
  readonly scenario: string;
  readonly userId?: string;
  readonly locale?: 'en-US' | 'zh-CN';
  readonly timeoutMs?: number;
}

/** Dispatches the interaction now; the promise resolves once the member has an outcome (bounded). */
export function sendDemo(fake: FakeDiscord, options: SendOptions): { record: InteractionRecord; outcome: Promise<DemoOutcome> } {
  const userId = options.userId ?? nextMemberId();
  const payload = chatInput({ name: 'demo', options: { scenario: options.scenario }, locale: options.locale ?? 'en-US', userId, username: `member${serial}` });
  const dispatchedAt = performance.now();
  const record = fake.sendInteraction(payload);
  const outcome = (async (): Promise<DemoOutcome> => {
    let found: ReturnType<typeof classify>;
    try {
      await record.waitForFinal((r) => classify(r) !== undefined, options.timeoutMs ?? 60_000);
      found = classify(record);
    } catch {
      found = undefined;
    }
    const ack = record.callbacks.find((c) => c.status < 300);
    const base = {
      scenario: options.scenario,
      userId,
      ackMs: ack?.atMs ?? Number.NaN,
      ackType: ack?.type ?? null,
      dispatchedAt,
      violations: record.violations.map((v) => v.detail),
    };
    if (!found) return { ...base, runId: null, sharedWith: 0, kind: 'no-reply', answerMs: Number.NaN, checksPassed: false, sandboxTimings: null, detail: record.summary() };
    const shown = found.kind === 'output' ? textOf(found.write.body) + embedsOf(found.write.body).map((e) => e.footer?.text ?? '').join(' ') : '';
    return {
      ...base,
      runId: /run ([0-9a-f]{10})/.exec(shown)?.[1] ?? null,
      sharedWith: Number(/Shared live run with (\d+)|与 (\d+) 位同学/.exec(shown)?.slice(1).find(Boolean) ?? 0),
      kind: found.kind,
      sandboxTimings: found.kind === 'output' ? footerTimings(found.write) : null,
      answerMs: found.write.atMs,
      checksPassed: found.checksPassed,
      ...(found.kind === 'error' ? { detail: textOf(found.write.body).trim().slice(0, 300) } : {}),
    };
  })();
  return { record, outcome };
}
