/**
 * The curated library, loaded once: topics by id, alias lookup, question answering,
 * autocomplete and rendered sections (cached per topic and language).
 */
import type { Lang } from '../i18n.ts';
import { UserError } from '../errors.ts';
import { quoteInput, sliceUnits } from '../text/echo.ts';
import { DISCORD } from '../limits.ts';
import { loadTopics } from './loader.ts';
import { cleanQuestion } from './question.ts';
import { renderSections, type RenderedSection } from './render.ts';
import { TopicSearch } from './search.ts';
import { SectionSearch } from './section-search.ts';
import { canonicalPhrase, normalizeText } from './tokenize.ts';
import { toSimplified } from '../text/simplified.ts';
import { CORE_TOPICS, type Topic, type TopicDoc } from './topic.ts';

export interface AskAnswer {
  readonly question: string;
  readonly covered: boolean;
  readonly results: readonly { readonly id: string; readonly title: string; readonly score: number }[];
  /** The best topic's section (in the answer's language) that matches the question best. */
  readonly section?: { readonly index: number; readonly heading: string };
}

export interface Choice {
  readonly name: string;
  readonly value: string;
}

export class UnknownTopicError extends UserError {}

export class Library {
  private readonly byId: Map<string, Topic>;
  private readonly byAlias = new Map<string, Topic>();
  private readonly search: TopicSearch;
  private readonly sectionSearch: SectionSearch;
  private readonly rendered = new Map<string, RenderedSection[]>();

  constructor(readonly topics: readonly Topic[]) {
    this.byId = new Map(topics.map((t) => [t.id, t]));
    for (const topic of topics) {
      for (const doc of Object.values(topic.docs)) {
        for (const name of [topic.id, doc.title, ...doc.aliases]) {
          const key = canonicalPhrase(name);
          if (!this.byAlias.has(key)) this.byAlias.set(key, topic);
        }
      }
    }
    this.search = new TopicSearch(topics);
    this.sectionSearch = new SectionSearch(topics, this.search.fuzzy);
  }

  static load(dir?: string): Library {
    return new Library(loadTopics(dir));
  }

  get(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  /** A topic by id, alias or title in either language; throws a polite UnknownTopicError. */
  resolve(name: string): Topic {
    const key = canonicalPhrase(toSimplified(name.replace(/^\/?learn\s+/i, '')));
    const topic = this.byId.get(key) ?? this.byAlias.get(key);
    if (topic) return topic;
    const nearest = key ? this.search.ask(key, 3).results.map((r) => `\`${r.id}\``) : [];
    const shown = quoteInput(name);
    throw new UnknownTopicError('unknown-topic', {
      en: `There is no topic called ${shown}.${nearest.length ? ` Did you mean ${nearest.join(', ')}?` : ''} Use \`/learn\` with autocomplete or \`netlab topics\` for the list.`,
      zh: `没有名为 ${shown} 的主题。${nearest.length ? `你是不是想找 ${nearest.join('、')}？` : ''}可以用 \`/learn\` 的自动补全或 \`netlab topics\` 查看列表。`,
    });
  }

  doc(id: string, lang: Lang): TopicDoc {
    const topic = this.byId.get(id);
    if (!topic) throw new Error(`unknown topic id ${id}`);
    return topic.docs[lang];
  }

  /** The topics that answer a question, best first, and the best topic's best section, in `lang`. */
  ask(rawQuestion: string, lang: Lang, limit = 5): AskAnswer {
    const question = cleanQuestion(rawQuestion);
    // The library is in Simplified Chinese: a question in Traditional is searched converted.
    const searched = toSimplified(question);
    const { covered, results } = this.search.ask(searched, limit);
    const best = covered ? results[0] : undefined;
    // A question that only names the topic ("macvlan", "自定义网络") gets the topic's lead section.
    const namesOnly = best !== undefined && this.byAlias.get(canonicalPhrase(searched))?.id === best.id;
    const section = best && !namesOnly ? this.sectionSearch.best(searched, best.id, lang) : undefined;
    return {
      question,
      covered,
      results: results.map((r) => ({ id: r.id, title: this.doc(r.id, lang).title, score: r.score })),
      ...(section ? { section: { index: section.index, heading: section.heading } } : {}),
    };
  }

  sections(id: string, lang: Lang): RenderedSection[] {
    const key = `${id}/${lang}`;
    let sections = this.rendered.get(key);
    if (!sections) {
      sections = renderSections(this.doc(id, lang).body);
      this.rendered.set(key, sections);
    }
    return sections;
  }

  /** Ranked: exact id/alias, then prefix of id/alias/title, then keywords, then body matches. */
  autocomplete(query: string, lang: Lang): Choice[] {
    const q = canonicalPhrase(toSimplified(query.slice(0, 100)));
    const choice = (t: Topic): Choice => {
      const name = `${t.docs[lang].title} · ${t.id}`;
      return { name: name.length > DISCORD.choiceNameMax ? `${sliceUnits(name, DISCORD.choiceNameMax - 1)}…` : name, value: t.id };
    };
    if (q === '') return CORE_TOPICS.flatMap((id) => (this.byId.has(id) ? [choice(this.byId.get(id)!)] : []));
    const tiers: Topic[][] = [[], [], [], []];
    for (const topic of this.topics) {
      const docs = Object.values(topic.docs);
      const names = [topic.id, ...docs.flatMap((d) => d.aliases)].map(canonicalPhrase);
      const titles = docs.map((d) => canonicalPhrase(d.title));
      if (names.includes(q)) tiers[0]!.push(topic);
      else if ([...names, ...titles].some((n) => n.startsWith(q) || n.split(/[\s-]/).some((w) => w.startsWith(q)))) tiers[1]!.push(topic);
      else if (docs.some((d) => d.keywords.some((k) => canonicalPhrase(k).includes(q)) || titles.some((t) => t.includes(q)))) tiers[2]!.push(topic);
    }
    const seen = new Set(tiers.flat().map((t) => t.id));
    const hits = normalizeText(q).length >= 2 ? this.search.ask(q, 25).results : [];
    for (const hit of hits) if (!seen.has(hit.id)) tiers[3]!.push(this.byId.get(hit.id)!);
    // Within a tier, the topic the query is most about comes first (`mtu`: network-mtu before overlay).
    const rank = new Map(hits.map((h, i) => [h.id, i]));
    const byRank = (a: Topic, b: Topic) => (rank.get(a.id) ?? hits.length) - (rank.get(b.id) ?? hits.length);
    return tiers
      .flatMap((tier) => [...tier].sort(byRank))
      .slice(0, DISCORD.autocompleteChoicesMax)
      .map(choice);
  }
}
