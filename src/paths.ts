/**
 * Where netlab's own files are. The code runs from `src/` (tests, tsx) and from the bundle in
 * `dist/` (`bin/netlab.js`), so paths are found from the checkout's root, not from the module.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder up from this module that holds netlab's topic library. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'src', 'content', 'topics'))) return dir;
    if (dirname(dir) === dir) throw new Error(`netlab's files (src/content/topics) were not found above ${start}`);
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const TOPICS_DIR = join(REPO_ROOT, 'src', 'content', 'topics');
