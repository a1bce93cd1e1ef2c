// The start path: bin/netlab.js runs dist/netlab.mjs, which bin/build.js compiles from src/ and
// compiles again whenever a source is newer, so a checkout never runs stale code.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUNDLE, ensureBundle } from '../../bin/build.js';

const run = promisify(execFile);

describe('the compiled bundle', () => {
  it('is reused while fresh and rebuilt once a source is newer', async () => {
    await ensureBundle({ force: true });
    const built = statSync(BUNDLE).mtimeMs;
    expect(await ensureBundle()).toBe(BUNDLE);
    expect(statSync(BUNDLE).mtimeMs).toBe(built); // fresh: not rebuilt

    const dayAgo = new Date(Date.now() - 86_400_000);
    utimesSync(BUNDLE, dayAgo, dayAgo); // now every source is newer
    await ensureBundle();
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(dayAgo.getTime() + 60_000);
  });

  it('runs the installed bundle where it cannot be rebuilt, and says how to make one when there is none', async () => {
    // An install without the compiler (as in a production image) cannot rebuild: a copy of the
    // start path outside the checkout, run by plain node, finds no esbuild.
    const dir = mkdtempSync(join(tmpdir(), 'netlab-build-'));
    try {
      mkdirSync(join(dir, 'bin'));
      mkdirSync(join(dir, 'src'));
      copyFileSync('bin/build.js', join(dir, 'bin', 'build.js'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'src', 'main.ts'), 'export {};');
      const start = ['--input-type=module', '-e', `const { ensureBundle } = await import(${JSON.stringify(pathToFileURL(join(dir, 'bin', 'build.js')).href)}); console.log(await ensureBundle());`];
      const none = await run(process.execPath, start).catch((e: { code: number; stderr: string }) => e);
      expect(none).toMatchObject({ code: 1, stderr: expect.stringMatching(/is missing and cannot be built here \(ERR_MODULE_NOT_FOUND\)/) });

      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'netlab.mjs'), 'export const main = () => 0;');
      const dayAgo = new Date(Date.now() - 86_400_000);
      utimesSync(join(dir, 'dist', 'netlab.mjs'), dayAgo, dayAgo); // the sources are newer
      const stale = await run(process.execPath, start);
      expect(stale.stdout.trim()).toBe(join(dir, 'dist', 'netlab.mjs'));
      expect(stale.stderr).toContain('cannot be rebuilt here (ERR_MODULE_NOT_FOUND); running the installed bundle');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what `netlab` runs, with the topic library found from the checkout', async () => {
    const { stdout } = await run(process.execPath, ['bin/netlab.js', 'ask', '--lang', 'en', 'why does none mode only have lo']);
    expect(stdout).toMatch(/None mode/);
    expect(stdout).toMatch(/127\.0\.0\.1/);
  });
});
