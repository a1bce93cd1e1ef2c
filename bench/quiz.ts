/**
 * Part `quiz`: how fast an answer is confirmed, and how many writes the database takes.
 *
 * - Answer latency, end to end: the real bot process (`node bin/netlab.js start`, its database on
 *   this machine's disk) logged into the fake Discord. Each member asks /quiz, then presses an
 *   answer button; measured from the fake's dispatch of the button's INTERACTION_CREATE to the
 *   accepted update callback (type 7), which the bot sends only after the answer's transaction has
 *   committed. Once member by member (`sequential`), then `rounds` times with `members` pressing
 *   in the same tick. The question itself (/quiz → its reply) is timed too.
 * - Write throughput, in this process, on a file in the temp folder: quiz answers (the whole
 *   transaction: close the question, insert the answer, move the Leitner box) and activity notes,
 *   one after the other, with netlab's `synchronous = FULL` and, for comparison, `NORMAL`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { openDatabase } from '../src/store/database.ts';
import { ActivityRepo } from '../src/store/activity.ts';
import { QuizRepo } from '../src/store/quiz.ts';
import { silentLogger } from '../src/log.ts';
import { quizBank } from '../src/quiz/bank.ts';
import type { FakeDiscord, InteractionRecord } from '../test/e2e/fake-discord.ts';
import { button, chatInput } from '../test/e2e/interactions.ts';
import { startBotProcess } from './lib/bot-process.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

export interface QuizBenchSettings {
  readonly sequential: number;
  readonly members: number;
  readonly rounds: number;
  readonly writes: number;
}

export const DEFAULT_QUIZ_SETTINGS: QuizBenchSettings = { sequential: 200, members: 30, rounds: 10, writes: 5_000 };

interface WriteFigures {
  readonly answersPerSec: number;
  readonly answerMs: Summary;
  readonly notesPerSec: number;
  readonly noteMs: Summary;
}

export interface QuizResults {
  readonly settings: QuizBenchSettings;
  readonly filesystem: string;
  readonly latency: {
    readonly questionMs: Summary;
    readonly sequentialAnswerMs: Summary;
    readonly burstAnswerMs: Summary;
    readonly burstLastAnswerMs: Summary;
    readonly failures: number;
  };
  readonly writes: { readonly full: WriteFigures; readonly normal: WriteFigures };
  readonly dbBytesAfter: number;
  readonly process: { readonly readyMs: number; readonly exitCode: number | null; readonly stopMs: number };
}

const log = (text: string) => process.stderr.write(`[quiz] ${text}\n`);
let serial = 0;
const memberId = () => `5${String(Date.now() % 1e9).padStart(9, '0')}${String(++serial).padStart(8, '0')}`;

function customIds(message: APIMessage): string[] {
  return [...JSON.stringify(message.components ?? []).matchAll(/"custom_id":"([^"]+)"/g)].map((m) => m[1]!);
}

async function question(fake: FakeDiscord, userId: string): Promise<{ message: APIMessage; ms: number }> {
  const record = fake.sendInteraction(chatInput({ name: 'quiz', userId, locale: 'en-US' }));
  const done = await record.waitForFinal((r) => (r.original?.components?.length ?? 0) > 0 || r.callbacks.some((c) => c.status >= 300), 10_000);
  if (!done.original) throw new Error(`no question: ${done.summary()}`);
  return { message: done.original, ms: done.ackLatencyMs ?? Number.NaN };
}

/** Presses the first choice; resolves with dispatch → accepted update, or NaN if it never came. */
async function answer(fake: FakeDiscord, userId: string, message: APIMessage): Promise<number> {
  const id = customIds(message).find((c) => /^quiz:[0-9a-f]{16}\.1$/.test(c));
  if (!id) return Number.NaN;
  const record: InteractionRecord = fake.sendInteraction(button({ customId: id, message, userId, locale: 'en-US' }));
  const done = await record.waitForCallback(10_000).catch(() => undefined);
  return done && done.type === 7 && done.status < 300 ? done.atMs : Number.NaN;
}

function writeFigures(dir: string, name: string, synchronous: 'FULL' | 'NORMAL', count: number): WriteFigures {
  const db = openDatabase(join(dir, name));
  db.pragma(`synchronous = ${synchronous}`);
  const now = () => Date.now();
  const quiz = new QuizRepo(db, now, 3_600_000);
  const activity = new ActivityRepo(db, now, silentLogger());
  const items = quizBank().items;
  const open = Array.from({ length: count }, (_, i) => {
    const started = quiz.start({ scope: 'bench', userId: `m${i}` }, items[i % items.length]!.id, 'en', [0, 1, 2, 3]);
    if (!('started' in started)) throw new Error('a bench member already had an open question');
    return started.started;
  });
  const answerMs: number[] = [];
  let t0 = performance.now();
  for (const [i, q] of open.entries()) {
    const t = performance.now();
    quiz.answer(q, items[i % items.length]!.topic, i % 4);
    answerMs.push(performance.now() - t);
  }
  const answersPerSec = count / ((performance.now() - t0) / 1000);
  const noteMs: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    activity.record({ scope: 'bench', userId: `m${i}` }, 'read', 'mode-none');
    noteMs.push(performance.now() - t);
  }
  const notesPerSec = count / ((performance.now() - t0) / 1000);
  db.close();
  return { answersPerSec: Math.round(answersPerSec), answerMs: summarize(answerMs, 3), notesPerSec: Math.round(notesPerSec), noteMs: summarize(noteMs, 3) };
}

export async function benchQuiz(settings: QuizBenchSettings = DEFAULT_QUIZ_SETTINGS): Promise<QuizResults> {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-bench-quiz-'));
  try {
    const filesystem = execFileSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).trim();
    log(`write throughput on ${filesystem}: ${settings.writes} answers and ${settings.writes} notes, synchronous FULL then NORMAL`);
    const full = writeFigures(dir, 'full.db', 'FULL', settings.writes);
    const normal = writeFigures(dir, 'normal.db', 'NORMAL', settings.writes);

    const dbPath = join(dir, 'bot.db');
    const bot = await startBotProcess({ NETLAB_DB: dbPath, LOG_LEVEL: 'info', SANDBOX_POOL_SIZE: '0', NETLAB_QUIZ_TIMEOUT_SEC: '3600' });
    const questionMs: number[] = [];
    const sequentialMs: number[] = [];
    const burstMs: number[] = [];
    const lastMs: number[] = [];
    let failures = 0;
    let stopped: Awaited<ReturnType<typeof bot.stop>> | undefined;
    try {
      log(`answer latency: ${settings.sequential} members one after the other`);
      for (let i = 0; i < settings.sequential; i++) {
        const m = memberId();
        const q = await question(bot.fake, m);
        questionMs.push(q.ms);
        const ms = await answer(bot.fake, m, q.message);
        if (Number.isNaN(ms)) failures++;
        else sequentialMs.push(ms);
      }
      log(`answer latency: ${settings.rounds} rounds of ${settings.members} members pressing at once`);
      for (let round = 0; round < settings.rounds; round++) {
        const members = Array.from({ length: settings.members }, memberId);
        const questions = await Promise.all(members.map((m) => question(bot.fake, m)));
        const times = await Promise.all(questions.map((q, i) => answer(bot.fake, members[i]!, q.message)));
        failures += times.filter(Number.isNaN).length;
        const ok = times.filter((t) => !Number.isNaN(t));
        burstMs.push(...ok);
        lastMs.push(Math.max(...ok));
      }
    } finally {
      stopped = await bot.stop();
    }
    return {
      settings,
      filesystem,
      latency: {
        questionMs: summarize(questionMs),
        sequentialAnswerMs: summarize(sequentialMs),
        burstAnswerMs: summarize(burstMs),
        burstLastAnswerMs: summarize(lastMs),
        failures,
      },
      writes: { full, normal },
      dbBytesAfter: statSync(dbPath).size,
      process: { readyMs: Math.round(bot.readyMs), exitCode: stopped.code, stopMs: Math.round(stopped.stopMs) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function quizTables(r: QuizResults): string[] {
  const l = r.latency;
  const lat = (name: string, s: Summary) => [name, s.n, s.p50, s.p95, s.p99, s.max];
  const w = (name: string, f: WriteFigures) => [name, f.answersPerSec, f.answerMs.p50, f.answerMs.p99, f.notesPerSec, f.noteMs.p99];
  return [
    renderTable(
      `quiz answers through the real bot process (dispatch → accepted update, ms; ${l.failures} failures)`,
      ['what', 'n', 'p50', 'p95', 'p99', 'max'],
      [lat('/quiz question', l.questionMs), lat('answer, one member at a time', l.sequentialAnswerMs), lat(`answer, ${r.settings.members} at once`, l.burstAnswerMs), lat(`last of ${r.settings.members}`, l.burstLastAnswerMs)],
    ),
    renderTable(
      `database writes, one after the other (${r.filesystem}; the bot's file ended at ${(r.dbBytesAfter / 1024).toFixed(0)} KiB)`,
      ['synchronous', 'answers/s', 'answer p50 ms', 'answer p99 ms', 'notes/s', 'note p99 ms'],
      [w('FULL (netlab)', r.writes.full), w('NORMAL', r.writes.normal)],
      3,
    ),
  ];
}
