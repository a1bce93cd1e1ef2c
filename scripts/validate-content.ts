/** `npm run validate-content`: checks the library and prints every problem with file and line. */
import { formatProblem } from '../src/content/loader.ts';
import { validateLibrary, validateSourceStrings } from '../src/content/validate.ts';

const problems = [...validateLibrary(), ...validateSourceStrings()];
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
