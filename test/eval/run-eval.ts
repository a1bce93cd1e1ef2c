/**
 * `npm run eval [-- --verbose]`: retrieval quality on every set in test/eval/*.json, per
 * language: hit@1, hit@3, refusals of out-of-scope questions, and the share of answers that hold
 * their facts. A hit counts only when the question is answered as covered.
 */
import { Library } from '../../src/content/library.ts';
import { LANGS } from '../../src/i18n.ts';
import { evalSetNames, evaluate, loadQuestions } from './evaluate.ts';

const verbose = process.argv.includes('--verbose');
const library = Library.load();
const rows: Record<string, string | number>[] = [];
for (const set of evalSetNames()) {
  const questions = loadQuestions(set);
  for (const lang of [...LANGS, 'all'] as const) {
    const subset = lang === 'all' ? questions : questions.filter((q) => q.lang === lang);
    const { metrics, misses } = evaluate(library, subset);
    rows.push({ set, lang, ...metrics, facts: metrics.facts ?? '-' });
    if (verbose && lang !== 'all') {
      for (const m of misses) {
        const facts = m.missingFacts ? ` lacks ${m.missingFacts.map((f) => JSON.stringify(f)).join(', ')}` : '';
        console.log(`[${set}/${lang}] ${m.covered ? '' : '(refused) '}${JSON.stringify(m.q)} expected ${m.expect.join('|') || 'out of scope'} got ${m.got.join(', ')}${facts}`);
      }
    }
  }
}
console.table(rows);
