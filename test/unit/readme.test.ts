// The README says what the code does: its scenario table is the registry's, row for row, and
// its command-line list is what `netlab --help` prints.
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { SCENARIOS } from '../../src/demos/registry.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const WARM = { all: 'yes', some: 'partly', none: 'no' } as const;

/** The table as the registry would write it. */
export function scenarioTable(): string {
  const rows = SCENARIOS.map((s) => `| \`${s.name}\` | ${s.lesson.en.replace(/\|/g, '\\|')} | ${s.uses.containers} | ${s.uses.networks} | ${WARM[s.uses.warm]} |`);
  return ['| scenario | what it shows | containers | networks | warm pool |', '|---|---|---|---|---|', ...rows].join('\n');
}

describe('the README', () => {
  it('lists exactly the registry’s scenarios, with what each uses', () => {
    const start = readme.indexOf('| scenario | what it shows |');
    expect(start, 'README.md has no scenario table').toBeGreaterThan(0);
    const table = readme.slice(start).split('\n\n')[0]!.trim();
    expect(table, `README.md's scenario table should read:\n${scenarioTable()}`).toBe(scenarioTable());
  });

  it('shows the command line that `netlab --help` prints', async () => {
    let out = '';
    await main(['--help'], { stdout: new Writable({ write: (c, _e, done) => ((out += String(c)), done()) }), stderr: new Writable({ write: (_c, _e, done) => done() }), stdin: Readable.from([]) });
    const lines = out.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => `netlab ${l.trim()}`.replace(/^netlab -/, '-'));
    for (const line of lines) expect(readme, `README.md's command-line list should have the line:\n${line}`).toContain(line);
  });
});
