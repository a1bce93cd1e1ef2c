/**
 * The library's rules, each with its own message naming the file and line. `npm run
 * validate-content` prints every problem; CI fails on any.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LANGS } from '../i18n.ts';
import { SCENARIO_NAMES } from '../demos/registry.ts';
import { REPO_ROOT } from '../paths.ts';
import { BUDGET, DISCORD } from '../limits.ts';
import { GLOSSARY_FILE } from './glossary.ts';
import { groupTopics, readTopicDocs, DEFAULT_TOPICS_DIR, type ContentProblem } from './loader.ts';
import { renderSections } from './render.ts';
import { checkChinese, checkSourceStrings } from './rules-chinese.ts';
import { checkCommands, checkSummaryCode } from './rules-commands.ts';
import { checkParity } from './rules-parity.ts';
import { TOPIC_KEYS, type TopicDoc } from './topic.ts';
import { canonicalPhrase } from './tokenize.ts';

/** A topic's `demo:` names one of these: the scenario registry's names. */
export const DEMO_SCENARIOS: readonly string[] = SCENARIO_NAMES;

function lineOf(doc: TopicDoc, needle: string, fallback = 1): number {
  const lines = readFileSync(join(REPO_ROOT, doc.file), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(needle));
  return at >= 0 ? at + 1 : fallback;
}

function validUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.includes('.');
  } catch {
    return false;
  }
}

function checkDoc(doc: TopicDoc, fileKey: string, ids: Set<string>, problem: (line: number, rule: string, msg: string) => void): void {
  if (doc.id !== fileKey) problem(lineOf(doc, 'id:'), 'id-matches-file', `id \`${doc.id}\` does not match the file name \`${fileKey}.md\``);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(doc.id)) problem(lineOf(doc, 'id:'), 'id-format', `id \`${doc.id}\` must be kebab-case`);
  if (doc.title.length > 80) problem(lineOf(doc, 'title:'), 'title-length', `title is ${doc.title.length} characters (max 80)`);
  if (doc.summary.length > 300) problem(lineOf(doc, 'summary:'), 'summary-length', `summary is ${doc.summary.length} characters (max 300)`);
  if (doc.aliases.length === 0) problem(lineOf(doc, 'aliases:'), 'aliases-present', 'needs at least one alias');
  for (const key of doc.related) {
    if (!ids.has(key)) problem(lineOf(doc, key), 'related-exists', `related key \`${key}\` is not a topic`);
    if (key === doc.id) problem(lineOf(doc, key), 'related-not-self', 'a topic cannot be related to itself');
  }
  if (doc.sources.length === 0) problem(lineOf(doc, 'sources:'), 'sources-present', 'needs at least one source URL');
  for (const url of doc.sources) if (!validUrl(url)) problem(lineOf(doc, url), 'link-format', `source \`${url}\` is not a well-formed https URL`);
  if (doc.demo !== undefined && !DEMO_SCENARIOS.includes(doc.demo)) {
    problem(lineOf(doc, 'demo:'), 'demo-scenario', `demo \`${doc.demo}\` is not one of ${DEMO_SCENARIOS.join(', ')}`);
  }
  const bodyLines = doc.body.split('\n');
  let inFence = false;
  bodyLines.forEach((text, i) => {
    const line = doc.bodyLine + i;
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) return;
    if (/^#{4,}\s/.test(text)) problem(line, 'heading-depth', 'headings deeper than ### do not render on Discord');
    if (/^#\s/.test(text)) problem(line, 'heading-depth', 'use ## for sections; the title comes from the front matter');
    if (/<\/?[a-z][^>]*>/i.test(text.replace(/`[^`]*`/g, '').replace(/<https?:[^>]+>/g, ''))) problem(line, 'no-html', 'raw HTML does not render on Discord');
    if (/@(everyone|here)\b|<@[!&]?\d+>/.test(text)) problem(line, 'no-mentions', 'curated text must not contain mentions');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) if (!validUrl(m[1]!.replace(/^<|>$/g, ''))) problem(line, 'link-format', `link \`${m[1]}\` is not a well-formed https URL`);
    for (const m of text.replace(/`[^`]*`/g, '').matchAll(/\bhttp:\/\/\S+/g)) problem(line, 'link-format', `use https: \`${m[0]}\``);
  });
  if (inFence) problem(doc.bodyLine + bodyLines.length - 1, 'fence-closed', 'a code block is never closed');
  for (const section of renderSections(doc.body)) {
    const line = section.heading ? lineOf(doc, `## ${section.heading.slice(0, 20)}`, doc.bodyLine) : doc.bodyLine;
    if (section.text.length > BUDGET.sectionChars) {
      problem(line, 'section-length', `section “${section.heading || '(intro)'}” renders to ${section.text.length} characters (max ${BUDGET.sectionChars}, one Discord message)`);
    }
    if (section.heading.length > DISCORD.embedTitleMax) problem(line, 'heading-length', `heading longer than ${DISCORD.embedTitleMax} characters`);
  }
  const report = (p: ContentProblem) => problem(p.line, p.rule, p.message);
  checkCommands(doc).forEach(report);
  checkSummaryCode(doc, lineOf(doc, 'summary:')).forEach(report);
  if (doc.lang === 'zh') checkChinese(doc, (key) => lineOf(doc, key)).forEach(report);
}

export function validateLibrary(dir = DEFAULT_TOPICS_DIR): ContentProblem[] {
  const { docs, problems } = readTopicDocs(dir);
  const ids = new Set(docs.map((d) => d.id));
  for (const lang of LANGS) {
    const present = new Set(docs.filter((d) => d.lang === lang).map((d) => d.file.split('/').pop()!.replace(/\.md$/, '')));
    for (const key of new Set([...TOPIC_KEYS, ...ids])) {
      if (!present.has(key)) problems.push({ file: relative(REPO_ROOT, join(dir, lang, `${key}.md`)), line: 0, rule: 'every-language', message: `topic \`${key}\` is missing in ${lang}` });
    }
    const aliasOwner = new Map<string, TopicDoc>();
    for (const doc of docs.filter((d) => d.lang === lang)) {
      const fileKey = doc.file.split('/').pop()!.replace(/\.md$/, '');
      checkDoc(doc, fileKey, ids, (line, rule, message) => problems.push({ file: doc.file, line, rule, message }));
      for (const alias of doc.aliases) {
        const key = canonicalPhrase(alias);
        const owner = aliasOwner.get(key);
        if (owner && owner.id !== doc.id) {
          problems.push({ file: doc.file, line: lineOf(doc, alias), rule: 'unique-aliases', message: `alias “${alias}” is also an alias of \`${owner.id}\` (${owner.file})` });
        } else if (ids.has(key) && key !== doc.id) {
          problems.push({ file: doc.file, line: lineOf(doc, alias), rule: 'unique-aliases', message: `alias “${alias}” is another topic's id` });
        }
        aliasOwner.set(key, doc);
      }
    }
  }
  for (const topic of groupTopics(docs)) problems.push(...checkParity(topic, (doc, needle) => lineOf(doc, needle)));
  return problems;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The glossary over the Chinese string literals of every `.ts` file under `dir` (default src/). */
export function validateSourceStrings(dir = join(REPO_ROOT, 'src')): ContentProblem[] {
  return typeScriptFiles(dir)
    .sort()
    .map((path) => relative(REPO_ROOT, path))
    .filter((file) => file !== GLOSSARY_FILE)
    .flatMap((file) => checkSourceStrings(file, readFileSync(join(REPO_ROOT, file), 'utf8')));
}
