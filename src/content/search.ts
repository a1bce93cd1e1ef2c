/**
 * Question answering over the library: MiniSearch (BM25+, fuzzy and prefix matching) over both
 * languages of every topic, plus phrase matching of aliases, which are the strongest signal.
 * `covered` is decided from that evidence, and questions about neighbouring domains
 * (Kubernetes, Compose, Podman, …) without a strong Docker-networking signal are refused.
 */
import MiniSearch from 'minisearch';
import { LANGS } from '../i18n.ts';
import { canonicalPhrase, isHan, tokenize } from './tokenize.ts';
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
  idWords: string;
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

const FIELD_BOOST = { idWords: 3, aliases: 4, title: 3, keywords: 2, summary: 1.5, body: 1 };
const ALIAS_BONUS = 12;
const MIN_SCORE = 9;

/** Words that point at a neighbouring domain; such a question needs an alias match to count as covered. */
const OTHER_DOMAINS = /kubernetes|k8s|kubectl|\bpods?\b|networkpolicy|\bcni\b|calico|flannel|cilium|istio|helm|podman|slirp4netns|healthcheck|depends_on|volumes?\b|bind mount|dockerfile|multi-stage|\bnginx\b|ssl|certbot|python|discord|kvm|netplan|开会|作业|几点|数据卷|挂载|镜像大小/;

function stripMarkdown(text: string): string {
  return text.replace(/```[a-z]*\n?/g, ' ').replace(/[*_`>#|[\]()]/g, ' ');
}

export class TopicSearch {
  private readonly index: MiniSearch<IndexedTopic>;
  private readonly aliases: AliasEntry[];

  constructor(topics: readonly Topic[]) {
    this.index = new MiniSearch<IndexedTopic>({
      fields: Object.keys(FIELD_BOOST),
      storeFields: [],
      tokenize,
      processTerm: (term) => term,
    });
    this.index.addAll(
      topics.map((topic) => {
        const docs = LANGS.map((l) => topic.docs[l]);
        return {
          id: topic.id,
          idWords: topic.id.replace(/-/g, ' '),
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

  /** Aliases found in the question, as topic → bonus. */
  private aliasMatches(question: string): Map<string, number> {
    const text = canonicalPhrase(question);
    const taken: [number, number][] = [];
    const bonus = new Map<string, number>();
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
        const weight = ALIAS_BONUS * Math.min(2, 0.6 + alias.phrase.length / 8);
        bonus.set(alias.topicId, (bonus.get(alias.topicId) ?? 0) + weight);
        break;
      }
    }
    return bonus;
  }

  ask(question: string, limit = 5): AskResult {
    const aliasBonus = this.aliasMatches(question);
    const terms = tokenize(question);
    const scores = new Map<string, number>();
    if (terms.length > 0) {
      const hits = this.index.search(terms.join(' '), {
        boost: FIELD_BOOST,
        fuzzy: (term) => (isHan(term) || term.length < 5 || /\d/.test(term) ? false : 0.2),
        prefix: (term) => !isHan(term) && term.length >= 4 && !/\d/.test(term),
        weights: { fuzzy: 0.4, prefix: 0.5 },
        tokenize: (q) => q.split(' '),
      });
      for (const hit of hits) scores.set(String(hit.id), hit.score);
    }
    for (const [id, bonus] of aliasBonus) scores.set(id, (scores.get(id) ?? 0) + bonus);
    const ranked = [...scores]
      .map(([id, score]) => ({ id, score: Math.round(score * 100) / 100 }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
    const best = ranked[0];
    const otherDomain = OTHER_DOMAINS.test(canonicalPhrase(question));
    const covered = best !== undefined && best.score >= MIN_SCORE && (!otherDomain || aliasBonus.size > 0);
    return { covered, results: ranked };
  }
}
