// The bot runs with the same Node flags however it is started: `npx netlab start` (bin/netlab.js's
// shebang), `npm start`, the image's CMD and the bench's bot process.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAUNCH_FLAGS } from '../../bench/lib/bot-process.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('launch flags', () => {
  it('the shebang names Node with a young generation capped at 4 MiB', () => {
    expect(read('bin/netlab.js').split('\n')[0]).toBe('#!/usr/bin/env -S node --max-semi-space-size=4');
    expect(LAUNCH_FLAGS).toEqual(['--max-semi-space-size=4']);
  });

  it('npm start and the image start the bot with the same flags', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start']).toBe(`node ${LAUNCH_FLAGS.join(' ')} bin/netlab.js start`);
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...LAUNCH_FLAGS, 'bin/netlab.js', 'start']);
  });
});
