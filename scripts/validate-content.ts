/** `npm run validate-content`: checks the library and the quiz bank, and prints every problem with file and line. */
import { formatProblem } from '../src/content/loader.ts';
import { TOPIC_KEYS } from '../src/content/topic.ts';
import { validateLibrary, validateQuizBank, validateSourceStrings } from '../src/content/validate.ts';
import { readQuizBank } from '../src/quiz/bank.ts';

const problems = [...validateLibrary(), ...validateSourceStrings(), ...validateQuizBank()];
if (problems.length === 0) {
  console.log('validate-content: the library is valid.');
} else {
  for (const p of problems) console.error(formatProblem(p));
  const perRule = new Map<string, number>();
  for (const p of problems) perRule.set(p.rule, (perRule.get(p.rule) ?? 0) + 1);
  const counts = [...perRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`);
  console.error(`validate-content: ${problems.length} problem(s): ${counts.join(', ')}.`);
  process.exitCode = 1;
}

// Coverage is reported, not enforced, while the bank grows towards its target.
const { items } = readQuizBank();
const perTopic = new Map<string, number>(TOPIC_KEYS.map((k) => [k, 0]));
for (const item of items) perTopic.set(item.topic, (perTopic.get(item.topic) ?? 0) + 1);
const short = [...perTopic].filter(([, n]) => n < 4).map(([k]) => k);
console.log(
  `quiz bank: ${items.length} items, each in en and zh, in ${[...perTopic.values()].filter((n) => n > 0).length} of ${perTopic.size} topics` +
    (short.length ? `; target ≥ 4 per topic and ≥ 120 in all (below 4: ${short.length} topics)` : ''),
);
