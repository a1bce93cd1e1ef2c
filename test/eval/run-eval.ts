/**
 * `npm run eval [-- --verbose]`: retrieval quality on the development set and the held-out set,
 * per language. A hit counts only when the question is answered as covered.
 */
import { Library } from '../../src/content/library.ts';
import { LANGS } from '../../src/i18n.ts';
import { evaluate, loadQuestions } from './evaluate.ts';

const verbose = process.argv.includes('--verbose');
const library = Library.load();
const rows: Record<string, string | number>[] = [];
for (const set of ['questions', 'heldout'] as const) {
  const questions = loadQuestions(set);
  for (const lang of [...LANGS, 'all'] as const) {
    const subset = lang === 'all' ? questions : questions.filter((q) => q.lang === lang);
    const { metrics, misses } = evaluate(library, subset);
    rows.push({ set, lang, ...metrics });
    if (verbose && lang !== 'all') {
      for (const m of misses) console.log(`[${set}/${lang}] ${m.covered ? '' : '(refused) '}${JSON.stringify(m.q)} expected ${m.expect.join('|') || 'out of scope'} got ${m.got.join(', ')}`);
    }
  }
}
console.table(rows);
