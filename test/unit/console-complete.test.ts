// Tab completion in the console: prefix first, then loose matches (aliases, typos).
import { describe, expect, it } from 'vitest';
import { completeConsoleLine } from '../../src/cli/complete.ts';
import { Library } from '../../src/content/library.ts';
import { SCENARIO_NAMES } from '../../src/demos/registry.ts';

const ctx = { library: Library.load(), lang: 'en' as const, commands: ['ask', 'learn', 'modes', 'demo', 'networks', 'help', 'lang', 'quit'] };
const complete = (line: string) => completeConsoleLine(line, ctx)[0];

describe('tab completion in the console', () => {
  it('completes a topic by the start of its key, and only by that when one matches', () => {
    expect(complete('/learn mode-n')).toEqual(['/learn mode-none']);
    expect(complete('/learn mode-b')).toEqual(['/learn mode-bridge-default', '/learn mode-bridge-user-defined']);
    expect(complete('/learn topic:p2p')).toEqual(['/learn topic:p2p-veth-recipe']);
  });

  it('completes a scenario by its start', () => {
    expect(complete('/demo u')).toEqual(['/demo user-bridge']);
    expect(complete('/demo ')).toEqual(SCENARIO_NAMES.map((s) => `/demo ${s}`));
  });

  it('falls back to names the topic goes by, typos and the library’s loose matches', () => {
    expect(complete('/learn 桥接')).toEqual(['/learn mode-bridge-default']);
    expect(complete('/learn brige')).toEqual(['/learn mode-bridge-default']);
    expect(complete('/demo brige')).toEqual(['/demo bridge']);
    const loose = complete('/learn firewall rules');
    expect(loose.length).toBeGreaterThan(0);
    expect(loose.length).toBeLessThanOrEqual(10);
  });

  it('completes commands, with or without the slash, and a mistyped one', () => {
    expect(complete('/de')).toEqual(['/demo']);
    expect(complete('le')).toEqual(['/learn']);
    expect(complete('/l')).toEqual(['/learn', '/lang']);
    expect(complete('/aks')).toEqual(['/ask']);
    expect(complete('/ask why')).toEqual([]);
  });

  it('hands readline the whole line to replace', () => {
    expect(completeConsoleLine('/learn 桥接', ctx)[1]).toBe('/learn 桥接');
  });
});
