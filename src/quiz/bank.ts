/**
 * The quiz bank: src/content/quiz/<topic key>.yaml, one file per topic, every item in both
 * languages with the sentence or command of the topic that makes its answer right. The format and
 * its rules are in src/content/quiz/README.md; `npm run validate-content` checks every item
 * against its topic's text (validateQuizBank in src/content/validate.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import type { ContentProblem } from '../content/loader.ts';
import { NetlabError } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import { REPO_ROOT } from '../paths.ts';

export const QUIZ_DIR = join(REPO_ROOT, 'src', 'content', 'quiz');

const text = z.string().trim().min(1);

const quizText = z.strictObject({
  question: text,
  answer: text,
  distractors: z.array(text).min(1),
  explanation: text,
  /** The topic's own words that make the answer right: `key` is the crux, found in `quote` and in `answer`. */
  support: z.strictObject({ quote: text, key: text }),
});

const quizFile = z.strictObject({
  topic: text,
  items: z.array(z.strictObject({ id: text, en: quizText, zh: quizText })),
});

export type QuizText = z.infer<typeof quizText>;

export interface QuizItem {
  readonly id: string;
  readonly topic: string;
  readonly text: Readonly<Record<Lang, QuizText>>;
  /** Repository-relative path and 1-based line of `id:`, for validation messages. */
  readonly file: string;
  readonly line: number;
}

export class QuizBankError extends NetlabError {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`the quiz bank has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`).join('\n')}`);
  }
}

/** Every item of every file, and the problems of files that could not be read as a bank. */
export function readQuizBank(dir = QUIZ_DIR): { items: QuizItem[]; problems: ContentProblem[] } {
  const items: QuizItem[] = [];
  const problems: ContentProblem[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const path = join(dir, name);
    const file = relative(REPO_ROOT, path);
    const source = readFileSync(path, 'utf8');
    const lines = source.split('\n');
    const lineOf = (id: string) => Math.max(1, lines.findIndex((l) => new RegExp(`^\\s*-?\\s*id:\\s*["']?${id}["']?\\s*$`).test(l)) + 1);
    let parsed;
    try {
      parsed = quizFile.safeParse(load(source));
    } catch (error) {
      problems.push({ file, line: (error as { mark?: { line: number } }).mark?.line ?? 1, rule: 'quiz-format', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, line: 1, rule: 'quiz-format', message: `${issue.path.join('.') || '(file)'}: ${issue.message}` });
      continue;
    }
    const topic = parsed.data.topic;
    if (`${topic}.yaml` !== name) problems.push({ file, line: 1, rule: 'quiz-format', message: `topic \`${topic}\` does not match the file name \`${name}\`` });
    for (const item of parsed.data.items) items.push({ id: item.id, topic, text: { en: item.en, zh: item.zh }, file, line: lineOf(item.id) });
  }
  return { items, problems };
}

export class QuizBank {
  private readonly byId: ReadonlyMap<string, QuizItem>;

  constructor(readonly items: readonly QuizItem[]) {
    this.byId = new Map(items.map((i) => [i.id, i]));
  }

  /** Loads the bank; a file that is not a bank at all stops the load (validate-content says why). */
  static load(dir = QUIZ_DIR): QuizBank {
    const { items, problems } = readQuizBank(dir);
    if (problems.length > 0) throw new QuizBankError(problems);
    return new QuizBank(items);
  }

  get(id: string): QuizItem | undefined {
    return this.byId.get(id);
  }

  /** Topic keys that have at least one item, in bank order. */
  get topics(): string[] {
    return [...new Set(this.items.map((i) => i.topic))];
  }

  ofTopic(topic: string): QuizItem[] {
    return this.items.filter((i) => i.topic === topic);
  }

  /** Items per topic, for validate-content's coverage line. Every item has both languages (the format requires it). */
  coverage(): { topic: string; items: number }[] {
    return this.topics.map((topic) => ({ topic, items: this.ofTopic(topic).length }));
  }
}

let shared: QuizBank | undefined;

/** The repository's bank, loaded once per process. */
export function quizBank(): QuizBank {
  shared ??= QuizBank.load();
  return shared;
}
