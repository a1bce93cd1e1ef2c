// What members read and run is noted for /progress, per server: a covered /ask and /learn (typed
// or from a button) count as reading, a finished demo as a run; scripts in the shell leave no notes.
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/commands/ask.ts';
import { demo } from '../../src/commands/demo.ts';
import { learn } from '../../src/commands/learn.ts';
import { Store } from '../../src/store/store.ts';
import { ALICE, CommandHarness, GUILD } from './fakes/command-context.ts';

const alice = { scope: GUILD, userId: ALICE };

describe('activity notes', () => {
  it('count topics read through /learn, its buttons and a covered /ask', async () => {
    const h = new CommandHarness(Store.memory());
    await h.run(learn, { topic: 'mode-none' });
    await h.press(learn, 'mode-none');
    await h.run(ask, { question: 'why does the bridge network need -p to publish a port' });
    await h.run(ask, { question: 'how do I write a Kubernetes NetworkPolicy' });
    const read = h.store.activity.counts(alice, 'read');
    expect(read[0]).toEqual({ subject: 'mode-none', count: 2 });
    expect(read.reduce((n, r) => n + r.count, 0)).toBe(3);
  });

  it('count a demo once it has run', async () => {
    const h = new CommandHarness(Store.memory());
    await h.run(demo, { scenario: 'none' });
    expect(h.store.activity.counts(alice, 'demo')).toEqual([{ subject: 'none', count: 1 }]);
  });

  it('are kept per server and left out in the shell', async () => {
    const h = new CommandHarness(Store.memory());
    await h.run(learn, { topic: 'mode-host' }, { guildId: '1300000000000000199' });
    await h.run(learn, { topic: 'mode-host' }, { surface: 'shell' });
    expect(h.store.activity.counts(alice, 'read')).toEqual([]);
    expect(h.store.activity.counts({ scope: '1300000000000000199', userId: ALICE }, 'read')).toEqual([{ subject: 'mode-host', count: 1 }]);
    expect(h.store.activity.counts({ scope: 'local', userId: ALICE }, 'read')).toEqual([]);
  });
});
