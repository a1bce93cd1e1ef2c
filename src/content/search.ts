/**
 * Question answering over the library: MiniSearch (BM25+, fuzzy and prefix matching) over both
 * languages of every topic, plus phrase matching of aliases, which are the strongest signal.
 * `covered` is decided from that evidence and from scope.ts, which refuses questions about
 * neighbouring fields (Kubernetes, Podman, VMware settings, application proxies, …).
 */
import MiniSearch from 'minisearch';
import { LANGS } from '../i18n.ts';
import { outOfScope } from './scope.ts';
import { canonicalPhrase, isHan, normalizeText, tokenize } from './tokenize.ts';
import type { Topic } from './topic.ts';

export interface SearchHit {
  readonly id: string;
  readonly score: number;
}

export interface AskResult {
  readonly covered: boolean;
  readonly results: readonly SearchHit[];
}

interface IndexedTopic {
  id: string;
  aliases: string;
  title: string;
  keywords: string;
  summary: string;
  body: string;
}

interface AliasEntry {
  readonly phrase: string;
  readonly topicId: string;
  /** Latin aliases must match at word boundaries; Chinese ones anywhere. */
  readonly bounded: boolean;
}

const FIELD_BOOST = { aliases: 4, title: 3, keywords: 2, summary: 1.5, body: 1 };
/** An alias found in the question adds up to this much to a score normalized to the best BM25 hit (1.0). */
const ALIAS_BONUS = 0.5;
/** How much each alias after a topic's strongest one adds, relative to its own weight. */
const STACKED_ALIAS = 0.5;
/** The raw BM25 evidence below which a question without any alias match counts as not covered. */
const MIN_EVIDENCE = 15;

/** Topics about words rather than networking: their aliases ("translate", "which version") prove no domain. */
const META_TOPICS = new Set(['glossary-zh', 'history-versions']);

function stripMarkdown(text: string): string {
  return text.replace(/```[a-z]*\n?/g, ' ').replace(/[*_`>#|[\]()]/g, ' ');
}

export class TopicSearch {
  private readonly index: MiniSearch<IndexedTopic>;
  private readonly aliases: AliasEntry[];
  /** Every indexed term: a query term found here needs no typo tolerance (and no costly fuzzy walk). */
  private readonly vocabulary = new Set<string>();

  constructor(topics: readonly Topic[]) {
    this.index = new MiniSearch<IndexedTopic>({
      fields: Object.keys(FIELD_BOOST),
      storeFields: [],
      tokenize: (text) => {
        const terms = tokenize(text);
        for (const term of terms) this.vocabulary.add(term);
        return terms;
      },
      processTerm: (term) => term,
    });
    this.index.addAll(
      topics.map((topic) => {
        const docs = LANGS.map((l) => topic.docs[l]);
        return {
          id: topic.id,
          aliases: docs.flatMap((d) => d.aliases).join(' \n '),
          title: docs.map((d) => d.title).join(' \n '),
          keywords: docs.flatMap((d) => d.keywords).join(' \n '),
          summary: docs.map((d) => d.summary).join(' \n '),
          body: docs.map((d) => stripMarkdown(d.body)).join(' \n '),
        };
      }),
    );
    const seen = new Set<string>();
    this.aliases = [];
    for (const topic of topics) {
      for (const lang of LANGS) {
        for (const alias of [topic.id, ...topic.docs[lang].aliases]) {
          const phrase = canonicalPhrase(alias);
          const key = `${topic.id}\u0000${phrase}`;
          if (phrase.length < 2 || seen.has(key)) continue;
          seen.add(key);
          this.aliases.push({ phrase, topicId: topic.id, bounded: !isHan(phrase) });
        }
      }
    }
    // Longest first: a longer alias inside the question hides the shorter ones it contains.
    this.aliases.sort((a, b) => b.phrase.length - a.phrase.length);
  }

  /** Typos are forgiven in longer Latin words only; Chinese words and numbers match exactly. */
  readonly fuzzy = (term: string): number | false => (isHan(term) || term.length < 5 || /\d/.test(term) || this.vocabulary.has(term) ? false : 0.2);

  /** Aliases found in the question, as topic → bonus. */
  private aliasMatches(question: string): Map<string, number> {
    const text = canonicalPhrase(question);
    const taken: [number, number][] = [];
    const bonus = new Map<string, number>();
    const weights = new Map<string, number[]>();
    for (const alias of this.aliases) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(alias.phrase, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + alias.phrase.length;
        if (alias.bounded && (/[a-z0-9]/.test(text[at - 1] ?? '') || /[a-z0-9]/.test(text[end] ?? ''))) continue;
        if (taken.some(([s, e]) => at >= s && end <= e)) continue;
        taken.push([at, end]);
        // Longer (more specific) aliases weigh more, up to twice the base bonus.
        const weight = ALIAS_BONUS * Math.min(1.6, 0.5 + alias.phrase.length / 8);
        weights.set(alias.topicId, [...(weights.get(alias.topicId) ?? []), weight]);
        break;
      }
    }
    // The strongest alias counts in full, further ones of the same topic for half: two names of
    // one topic (`docker0`, 默认网桥) in a question about something else must not outweigh it.
    for (const [id, list] of weights) {
      const [first = 0, ...rest] = [...list].sort((a, b) => b - a);
      bonus.set(id, first + rest.reduce((n, w) => n + w * STACKED_ALIAS, 0));
    }
    return bonus;
  }

  ask(question: string, limit = 5): AskResult {
    const aliasBonus = this.aliasMatches(question);
    const terms = [...new Set(tokenize(question))];
    const bm25 = new Map<string, number>();
    if (terms.length > 0) {
      const hits = this.index.search(terms.join(' '), {
        boost: FIELD_BOOST,
        fuzzy: this.fuzzy,
        maxFuzzy: 2,
        weights: { fuzzy: 0.4, prefix: 0.5 },
        tokenize: (q) => q.split(' '),
      });
      for (const hit of hits) bm25.set(String(hit.id), hit.score);
    }
    const top = Math.max(0, ...bm25.values());
    const scores = new Map<string, number>();
    for (const [id, score] of bm25) scores.set(id, score / top);
    for (const [id, bonus] of aliasBonus) scores.set(id, (scores.get(id) ?? 0) + bonus);
    const ranked = [...scores]
      .map(([id, score]) => ({ id, score: Math.round(score * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
    const evidence = top >= MIN_EVIDENCE || aliasBonus.size > 0;
    const namesTopic = [...aliasBonus.keys()].some((id) => !META_TOPICS.has(id));
    const covered = ranked.length > 0 && evidence && !outOfScope(normalizeText(question), namesTopic);
    return { covered, results: ranked };
  }
}
