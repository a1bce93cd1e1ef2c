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
import type { Lang } from '../i18n.ts';
import { QUIZ_DIR, readQuizBank } from '../quiz/bank.ts';
import { choiceShape, codeSpans, GIVEAWAY, isSentenceOrCommand, readerText, topicReaderText, visibleLength } from '../quiz/support.ts';

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

/**
 * The quiz bank against the library: every item names a topic that exists, and in each language
 * its support quote is the topic's own sentence or command, whose `key` (the crux) is in the right
 * answer and in no distractor. Distractors are plausible (the answer's shape and length, distinct,
 * no "all of the above") and wrong (none is what the quote says). Both languages ask the same
 * thing: the same number of choices, the same code spans in the same places.
 */
export function validateQuizBank(topicsDir = DEFAULT_TOPICS_DIR, quizDir = QUIZ_DIR): ContentProblem[] {
  const { docs } = readTopicDocs(topicsDir);
  const { items, problems } = readQuizBank(quizDir);
  const topicText = new Map(docs.map((d) => [`${d.lang}/${d.id}`, topicReaderText(d)]));
  const seen = new Map<string, string>();
  for (const item of items) {
    const problem = (rule: string, message: string) => problems.push({ file: item.file, line: item.line, rule, message: `${item.id}: ${message}` });
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(item.id)) problem('quiz-id', 'ids are kebab-case');
    if (seen.has(item.id)) problem('quiz-id', `id also used in ${seen.get(item.id)}`);
    seen.set(item.id, item.file);
    for (const lang of LANGS) {
      const t = item.text[lang];
      const body = topicText.get(`${lang}/${item.topic}`);
      if (body === undefined) {
        problem('quiz-topic', `topic \`${item.topic}\` has no ${lang} text`);
        continue;
      }
      const say = (rule: string, message: string) => problem(rule, `[${lang}] ${message}`);
      const quote = readerText(t.support.quote);
      const key = readerText(t.support.key);
      const answer = readerText(t.answer);
      if (!body.includes(quote)) say('quiz-support', `the quote is not in ${lang}/${item.topic}.md: “${t.support.quote}”`);
      if (!isSentenceOrCommand(t.support.quote)) say('quiz-support', 'quote a whole sentence or a command, not a few words');
      if (!quote.includes(key)) say('quiz-support', `the key “${t.support.key}” is not in the quote`);
      if (!answer.includes(key)) say('quiz-support', `the right answer does not contain the key “${t.support.key}”`);
      if (t.distractors.length < 2 || t.distractors.length > 3) say('quiz-distractors', `${t.distractors.length} distractors; 2 or 3 make 3–4 choices`);
      const choices = [t.answer, ...t.distractors].map(readerText);
      if (new Set(choices).size !== choices.length) say('quiz-distractors', 'two choices read the same');
      for (const d of t.distractors) {
        const plain = readerText(d);
        if (plain.includes(key)) say('quiz-distractors', `the distractor “${d}” contains the key, so it is right too`);
        // A short token (`none`) may well appear in the quote in another role; a phrase may not.
        if (visibleLength(d) >= 8 && quote.includes(plain)) say('quiz-distractors', `the distractor “${d}” is what the quote says`);
        if (GIVEAWAY.test(d)) say('quiz-distractors', `“${d}” tests nothing; write a real alternative`);
        if (choiceShape(d) !== choiceShape(t.answer)) say('quiz-distractors', `“${d}” is a ${choiceShape(d)}, the answer a ${choiceShape(t.answer)}: the shape gives it away`);
        const [a, b] = [visibleLength(t.answer), visibleLength(d)];
        if (Math.max(a, b) > 24 && (b > a * 3 || b * 3 < a)) say('quiz-distractors', `“${d}” is ${b} characters against the answer's ${a}: the length gives it away`);
      }
      if (t.question.length > 300 || t.explanation.length > 400 || [t.answer, ...t.distractors].some((c) => c.length > 150)) {
        say('quiz-limits', 'question ≤ 300, each choice ≤ 150, explanation ≤ 400 characters');
      }
      if ([t.question, t.answer, t.explanation, ...t.distractors].some((s) => /@(everyone|here)\b|<@[!&]?\d+>/.test(s))) say('quiz-limits', 'no mentions');
    }
    const spans = (lang: Lang) => [item.text[lang].answer, ...item.text[lang].distractors].map((c) => codeSpans(c).join(' · '));
    if (item.text.en.distractors.length !== item.text.zh.distractors.length) problem('quiz-parity', 'en and zh have different numbers of choices');
    else if (spans('en').join('\n') !== spans('zh').join('\n')) problem('quiz-parity', `the choices' code spans differ between en and zh (en: ${spans('en').join(' | ')}; zh: ${spans('zh').join(' | ')})`);
  }
  return problems;
}
