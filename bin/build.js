/**
 * Compiles netlab's TypeScript into one ES module, dist/netlab.mjs, with esbuild, so the bot
 * runs plain JavaScript: no compiling at run time, less memory and a quicker start. It is built
 * at install (`npm install` runs `prepare`) and again on demand: `ensureBundle()` rebuilds (a
 * fraction of a second) whenever a source file is newer than the bundle, so an edited checkout
 * never runs stale code. An install that cannot be written to (a read-only folder, an image
 * without the compiler) runs the bundle it was installed with. Packages stay external and load
 * from node_modules. `npm run build` forces a build.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BUNDLE = join(ROOT, 'dist', 'netlab.mjs');

/** The latest modification time of any file under `dir` (0 when there is no such folder). */
function newestIn(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh() {
  if (!existsSync(BUNDLE)) return false;
  const built = statSync(BUNDLE).mtimeMs;
  return built >= newestIn(join(ROOT, 'src')) && built >= statSync(join(ROOT, 'package.json')).mtimeMs;
}

/** Errors that mean "this install cannot be changed", not "the build is broken". */
const CANNOT_WRITE = new Set(['EACCES', 'EROFS', 'EPERM', 'ERR_MODULE_NOT_FOUND']);

async function build() {
  const esbuild = await import('esbuild');
  try {
    const result = await esbuild.build({
      entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
      outfile: BUNDLE,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      write: false,
      logLevel: 'silent',
    });
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    // Write beside, then rename: two processes starting at once never load a half-written file.
    for (const file of result.outputFiles) {
      const temporary = `${file.path}.${process.pid}.tmp`;
      writeFileSync(temporary, file.contents);
      renameSync(temporary, file.path);
    }
  } finally {
    await esbuild.stop?.();
  }
}

/**
 * Returns the bundle's path, building it first when it is missing or older than the sources.
 * Where the install cannot be written to, the bundle it has runs (with a warning when the
 * sources are newer); with no bundle at all, it says how to make one.
 */
export async function ensureBundle({ force = false, warn = (text) => process.stderr.write(`${text}\n`) } = {}) {
  if (!force && isFresh()) return BUNDLE;
  try {
    await build();
  } catch (error) {
    if (force || !CANNOT_WRITE.has(error?.code)) throw error;
    if (!existsSync(BUNDLE)) {
      throw new Error(`netlab: ${BUNDLE} is missing and cannot be built here (${error.code}). Run \`npm install\` (or \`npm run build\`) where this folder is writable.`, { cause: error });
    }
    warn(`netlab: the sources are newer than ${BUNDLE}, but it cannot be rebuilt here (${error.code}); running the installed bundle.`);
  }
  return BUNDLE;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await ensureBundle({ force: true });
  console.log(`built ${BUNDLE} in ${Math.round(performance.now() - started)} ms`);
}
