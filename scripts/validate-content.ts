/** `npm run validate-content`: checks the library and prints every problem with file and line. */
import { formatProblem } from '../src/content/loader.ts';
import { validateLibrary } from '../src/content/validate.ts';

const problems = validateLibrary();
if (problems.length === 0) {
  console.log('validate-content: the library is valid.');
} else {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`validate-content: ${problems.length} problem(s).`);
  process.exitCode = 1;
}
