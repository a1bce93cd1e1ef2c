/**
 * Search within a topic: each `## ` section of each language is indexed on its own, so an answer
 * can show the section that matches the question (a pasted error, "fixed IP") instead of always
 * the first. A question in one language may be answered in the other: scores of the other
 * language's sections are carried over to their counterparts, found once by the technical
 * tokens (flags, commands, addresses, keys) the two languages share.
 */
import MiniSearch from 'minisearch';
import { LANGS, type Lang } from '../i18n.ts';
import { questionLanguage } from './language.ts';
import { renderSections } from './render.ts';
import { isHan, tokenize } from './tokenize.ts';
import type { Topic } from './topic.ts';

interface IndexedSection {
  id: string;
  topic: string;
  lang: Lang;
  index: number;
  heading: string;
  body: string;
}

export interface SectionHit {
  /** Position in `renderSections()` of the topic's doc in the answer language. */
  readonly index: number;
  readonly heading: string;
  readonly score: number;
}

const FIELD_BOOST = { heading: 2, body: 1 };
/** How much the position of a section counts when pairing zh and en sections. */
const POSITION_WEIGHT = 0.3;

/** Flags keep their dashes here (`--link` is not the `link` of `ip link`): precise within a topic. */
function sectionTerms(text: string): string[] {
  const flags = text.normalize('NFKC').toLowerCase().match(/(?<![\w-])--[a-z][a-z0-9-]*/g) ?? [];
  return [...tokenize(text), ...flags];
}

/** Runs of three words, to recognise a pasted error message the section quotes. */
function trigrams(text: string): Set<string> {
  const words = text.normalize('NFKC').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** How much a quoted phrase adds, relative to the best BM25 score of the topic's sections. */
const PHRASE_WEIGHT = 1;
/** The weight of matches in the language the question is not written in. */
const OTHER_LANGUAGE_WEIGHT = 0.3;

/** The Latin terms of a text: in a Chinese section these are its commands, flags and keys. */
function latinTerms(text: string): Set<string> {
  return new Set(tokenize(text).filter((t) => !isHan(t)));
}

export class SectionSearch {
  private readonly index: MiniSearch<IndexedSection>;
  private readonly headings = new Map<string, string[]>();
  private readonly phrases = new Map<string, Set<string>>();
  /** `topic/lang/index` → the index of its counterpart in the other language. */
  private readonly counterpart = new Map<string, number>();

  constructor(
    topics: readonly Topic[],
    /** The topic search's typo tolerance, so that both forgive the same words. */
    private readonly fuzzy: (term: string) => number | false,
  ) {
    this.index = new MiniSearch<IndexedSection>({
      fields: Object.keys(FIELD_BOOST),
      storeFields: ['topic', 'lang', 'index'],
      tokenize: sectionTerms,
      processTerm: (term) => term,
    });
    const all: IndexedSection[] = [];
    for (const topic of topics) {
      const terms: Record<Lang, Set<string>[]> = { en: [], zh: [] };
      for (const lang of LANGS) {
        const sections = renderSections(topic.docs[lang].body);
        this.headings.set(`${topic.id}/${lang}`, sections.map((s) => s.heading));
        sections.forEach((s, index) => {
          all.push({ id: `${topic.id}/${lang}/${index}`, topic: topic.id, lang, index, heading: s.heading, body: s.text });
          this.phrases.set(`${topic.id}/${lang}/${index}`, trigrams(s.text));
          terms[lang].push(latinTerms(`${s.heading}\n${s.text}`));
        });
      }
      this.pair(topic.id, terms);
    }
    this.index.addAll(all);
  }

  /** Pairs each section with the other language's section that shares most of its technical terms. */
  private pair(topic: string, terms: Record<Lang, Set<string>[]>): void {
    for (const [from, to] of [['en', 'zh'], ['zh', 'en']] as const) {
      terms[from].forEach((own, i) => {
        let best = -1;
        let bestScore = -Infinity;
        terms[to].forEach((other, j) => {
          // The Chinese side's Latin terms are nearly all technical: measure the overlap against them.
          const reference = from === 'zh' ? own : other;
          const shared = [...own].filter((t) => other.has(t)).length;
          const position = 1 - Math.abs(i / Math.max(1, terms[from].length - 1) - j / Math.max(1, terms[to].length - 1));
          const score = shared / (reference.size + 1) + POSITION_WEIGHT * position;
          if (score > bestScore) {
            bestScore = score;
            best = j;
          }
        });
        if (best >= 0) this.counterpart.set(`${topic}/${from}/${i}`, best);
      });
    }
  }

  /** The section of `topicId` in `lang` that best matches the question, if any matches at all. */
  best(question: string, topicId: string, lang: Lang): SectionHit | undefined {
    const terms = [...new Set(sectionTerms(question))];
    if (terms.length === 0) return undefined;
    const hits = this.index.search(terms.join(' '), {
      boost: FIELD_BOOST,
      fuzzy: this.fuzzy,
      maxFuzzy: 2,
      weights: { fuzzy: 0.4, prefix: 0.5 },
      prefix: (term) => term.length >= 4 && !isHan(term),
      tokenize: (q) => q.split(' '),
      filter: (r) => r['topic'] === topicId,
    });
    const scores = new Map<number, number>();
    const top = Math.max(0, ...hits.map((h) => h.score));
    const quoted = trigrams(question);
    // Sections in the question's own language are matched best; the other language's only help.
    const written = questionLanguage(question);
    const weight = (hitLang: Lang) => (hitLang === lang ? (written === 'unclear' || written === lang ? 1 : OTHER_LANGUAGE_WEIGHT) : written === lang ? OTHER_LANGUAGE_WEIGHT : 1);
    for (const hit of hits) {
      const own = hit['lang'] === lang;
      const index = own ? (hit['index'] as number) : this.counterpart.get(`${topicId}/${hit['lang']}/${hit['index']}`);
      if (index === undefined) continue;
      // A pasted error message that the section quotes is the strongest sign it is the fix.
      const phrases = this.phrases.get(String(hit.id))!;
      const shared = quoted.size === 0 ? 0 : [...quoted].filter((p) => phrases.has(p)).length / quoted.size;
      scores.set(index, (scores.get(index) ?? 0) + weight(hit['lang'] as Lang) * (hit.score + PHRASE_WEIGHT * top * shared));
    }
    const [best] = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (!best) return undefined;
    const heading = this.headings.get(`${topicId}/${lang}`)?.[best[0]] ?? '';
    return { index: best[0], heading, score: Math.round(best[1] * 1000) / 1000 };
  }
}
