/**
 * Reads `topics/<lang>/<key>.md` into TopicDocs. Reading is lenient: every file problem is
 * collected (file and line) rather than thrown at the first, so `validate-content` can list them
 * all; `loadTopics` throws when any remain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LANGS, type Lang } from '../i18n.ts';
import { REPO_ROOT, TOPICS_DIR } from '../paths.ts';
import { FrontMatterError, splitFrontMatter } from './front-matter.ts';
import type { LanguageSpecific, Topic, TopicDoc } from './topic.ts';
import { NetlabError } from '../errors.ts';

export const DEFAULT_TOPICS_DIR = TOPICS_DIR;

export interface ContentProblem {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly message: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}: [${p.rule}] ${p.message}`;
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return undefined;
  return value.map((v) => String(v));
}

/** `language_specific:` is optional: a list of `{ text, reason }`, both non-empty strings. */
function languageSpecific(value: unknown, problem: (message: string) => void): LanguageSpecific[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problem('`language_specific` must be a list of { text, reason }');
    return [];
  }
  const entries: LanguageSpecific[] = [];
  value.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const text = typeof e['text'] === 'string' || typeof e['text'] === 'number' ? String(e['text']).trim() : '';
    const reason = typeof e['reason'] === 'string' ? e['reason'].trim() : '';
    if (!text || !reason) problem(`\`language_specific\` entry ${i + 1} needs a non-empty \`text\` and \`reason\``);
    else entries.push({ text, reason });
  });
  return entries;
}

export function readTopicDocs(dir = DEFAULT_TOPICS_DIR): { docs: TopicDoc[]; problems: ContentProblem[] } {
  const docs: TopicDoc[] = [];
  const problems: ContentProblem[] = [];
  for (const lang of LANGS) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dir, lang)).filter((n) => n.endsWith('.md')).sort();
    } catch {
      problems.push({ file: relative(REPO_ROOT, join(dir, lang)), line: 0, rule: 'language-folder', message: `missing folder for ${lang}` });
    }
    for (const name of names) {
      const path = join(dir, lang, name);
      const file = relative(REPO_ROOT, path);
      const problem = (line: number, rule: string, message: string) => problems.push({ file, line, rule, message });
      try {
        const raw = readFileSync(path, 'utf8');
        const { data, body, bodyLine } = splitFrontMatter(raw);
        const lsLine = raw.split('\n').findIndex((l) => l.startsWith('language_specific:')) + 1 || 1;
        const field = (key: string): string => {
          const v = data[key];
          if (typeof v !== 'string' || v.trim() === '') {
            problem(1, 'front-matter', `\`${key}\` is required and must be a non-empty string`);
            return '';
          }
          return v.trim();
        };
        const list = (key: string): string[] => {
          const v = stringList(data[key]);
          if (!v) problem(1, 'front-matter', `\`${key}\` is required and must be a list`);
          return (v ?? []).map((s) => s.trim()).filter(Boolean);
        };
        const demo = data['demo'];
        docs.push({
          id: field('id'),
          lang: lang as Lang,
          title: field('title'),
          summary: field('summary'),
          aliases: list('aliases'),
          keywords: list('keywords'),
          related: list('related'),
          sources: list('sources'),
          demo: typeof demo === 'string' && demo.trim() ? demo.trim() : undefined,
          languageSpecific: languageSpecific(data['language_specific'], (message) => problem(lsLine, 'language-specific', message)),
          body,
          file,
          bodyLine,
        });
      } catch (error) {
        if (error instanceof FrontMatterError) problem(error.line, 'front-matter', error.message);
        else throw error;
      }
    }
  }
  return { docs, problems };
}

export class ContentError extends NetlabError {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(`The topic library has ${problems.length} problem(s):\n${problems.slice(0, 10).map(formatProblem).join('\n')}`);
  }
}

/** Groups docs into topics; a topic must exist in every language. */
export function groupTopics(docs: readonly TopicDoc[]): Topic[] {
  const byId = new Map<string, Partial<Record<Lang, TopicDoc>>>();
  for (const doc of docs) {
    const entry = byId.get(doc.id) ?? {};
    entry[doc.lang] = doc;
    byId.set(doc.id, entry);
  }
  const topics: Topic[] = [];
  for (const [id, entry] of byId) {
    if (entry.en && entry.zh) topics.push({ id, docs: { en: entry.en, zh: entry.zh } });
  }
  return topics;
}

export function loadTopics(dir = DEFAULT_TOPICS_DIR): Topic[] {
  const { docs, problems } = readTopicDocs(dir);
  if (problems.length > 0) throw new ContentError(problems);
  return groupTopics(docs);
}
