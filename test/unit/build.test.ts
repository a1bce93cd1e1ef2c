// The start path: bin/netlab.js runs dist/netlab.mjs, which bin/build.js compiles from src/ and
// compiles again whenever a source is newer, so a checkout never runs stale code.
import { execFile } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
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

  it('is what `netlab` runs, with the topic library found from the checkout', async () => {
    const { stdout } = await run(process.execPath, ['bin/netlab.js', 'ask', '--lang', 'en', 'why does none mode only have lo']);
    expect(stdout).toMatch(/None mode/);
    expect(stdout).toMatch(/127\.0\.0\.1/);
  });
});
