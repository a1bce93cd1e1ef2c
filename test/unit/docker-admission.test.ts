// Admission across servers and channels: the fair order of the next slots, a full queue making
// room for a quieter place, the organiser's caps, and a flood of 40 extra accounts that no longer
// locks an honest member out (simulated on fake time with the real Admission).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Admission, type AdmitRequest, type Slot } from '../../src/docker/admission.ts';
import { QuotaError, SandboxBusyError } from '../../src/docker/errors.ts';

const limits = { maxConcurrent: 1, queueSize: 3, userCooldownMs: 0 };
const ask = (admission: Admission, userId: string, guildId: string, channelId = 'c1', extra: Partial<AdmitRequest> = {}) => admission.admit({ userId, guildId, channelId, ...extra });

afterEach(() => {
  vi.useRealTimers();
});

describe('fair admission', () => {
  it('gives the next free slot to the server with the fewest demos running, not the earliest waiter', async () => {
    const admission = new Admission({ ...limits, maxConcurrent: 2 });
    const [first] = [await ask(admission, 'a0', 'A'), await ask(admission, 'a00', 'A')];
    const granted: string[] = [];
    const waiting = [ask(admission, 'a1', 'A'), ask(admission, 'a2', 'A'), ask(admission, 'b1', 'B')].map((p, i) => p.then((slot) => (granted.push(['a1', 'a2', 'b1'][i]!), slot)));
    first!.release(100);
    const next = await Promise.race(waiting);
    expect(granted).toEqual(['b1']); // A still has one running; B had none
    next.release(100);
    await vi.waitFor(() => expect(granted).toEqual(['b1', 'a1']));
    admission.cancelQueued(new Error('done'));
    await Promise.allSettled(waiting);
  });

  it('tells each waiter the place it will really have in that order', async () => {
    const admission = new Admission({ ...limits, queueSize: 4 });
    await ask(admission, 'a0', 'A');
    const places: Record<string, number[]> = { a1: [], a2: [], b1: [] };
    void ask(admission, 'a1', 'A', 'c1', { onQueued: (p) => places.a1!.push(p) }).catch(() => undefined);
    void ask(admission, 'a2', 'A', 'c1', { onQueued: (p) => places.a2!.push(p) }).catch(() => undefined);
    void ask(admission, 'b1', 'B', 'c1', { onQueued: (p) => places.b1!.push(p) }).catch(() => undefined);
    expect(places).toEqual({ a1: [1, 2], a2: [2, 3], b1: [1] }); // b1 goes first: A has one running
    admission.cancelQueued(new Error('done'));
    await new Promise((r) => setImmediate(r));
  });

  it('makes room in a full queue for a quieter server: the busiest one’s newest waiter hears "busy"', async () => {
    const admission = new Admission(limits);
    await ask(admission, 'a0', 'A');
    const queued = ['a1', 'a2', 'a3'].map((u) => ask(admission, u, 'A').catch((e: unknown) => e));
    const b = ask(admission, 'b1', 'B').catch((e: unknown) => e);
    expect(await queued[2]).toBeInstanceOf(SandboxBusyError); // a3, the newest of A, made room
    await expect(ask(admission, 'a4', 'A')).rejects.toBeInstanceOf(SandboxBusyError); // A gets no more room from A
    admission.cancelQueued(new Error('done'));
    expect(await b).toMatchObject({ message: 'done' });
    await Promise.allSettled(queued);
  });

  it('makes room for a quieter channel of the same server', async () => {
    const admission = new Admission(limits);
    await ask(admission, 'a0', 'A', 'flood');
    const queued = ['a1', 'a2', 'a3'].map((u) => ask(admission, u, 'A', 'flood').catch((e: unknown) => e));
    void ask(admission, 'q1', 'A', 'quiet').catch(() => undefined);
    expect(await queued[2]).toBeInstanceOf(SandboxBusyError);
    admission.cancelQueued(new Error('done'));
  });

  it('refuses beyond the organiser’s caps per server and per channel, saying which', async () => {
    const admission = new Admission({ ...limits, queueSize: 10, guildMax: 3, channelMax: 2 });
    await ask(admission, 'u1', 'G', 'x');
    void ask(admission, 'u2', 'G', 'x').catch(() => undefined);
    await expect(ask(admission, 'u3', 'G', 'x')).rejects.toMatchObject({ place: 'channel', max: 2 });
    void ask(admission, 'u4', 'G', 'y').catch(() => undefined);
    const error = await ask(admission, 'u5', 'G', 'z').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaError);
    expect(error).toMatchObject({ place: 'server', max: 3 });
    const other = ask(admission, 'u6', 'H', 'x').catch((e: unknown) => e); // another server is not affected: it waits
    expect(admission.queued).toBe(3);
    admission.cancelQueued(new Error('done'));
    expect(await other).toMatchObject({ message: 'done' });
  });

  it('with 40 extra accounts flooding from another server (or another channel), an honest member is never refused', async () => {
    for (const [label, honestGuild, honestChannel] of [['another server', 'B', 'c1'], ['another channel of the same server', 'A', 'quiet']] as const) {
      vi.useFakeTimers({ now: 0 });
      const admission = new Admission({ maxConcurrent: 4, queueSize: 16, userCooldownMs: 3_000 });
      const run = (slot: Slot) => setTimeout(() => slot.release(2_000), 2_000); // every demo takes 2 s
      // 40 accounts ask again the moment they may: when their demo ended or they were refused.
      const attacker = (i: number): void => {
        ask(admission, `x${i}`, 'A', 'flood').then(
          (slot) => (run(slot), setTimeout(() => attacker(i), 3_100)),
          () => setTimeout(() => attacker(i), 250),
        );
      };
      for (let i = 0; i < 40; i++) attacker(i);
      let refused = 0;
      for (let attempt = 0; attempt < 10; attempt++) {
        await vi.advanceTimersByTimeAsync(5_000);
        const outcome = await Promise.race([ask(admission, 'honest', honestGuild, honestChannel).then((slot) => slot, (e: unknown) => e), vi.advanceTimersByTimeAsync(60_000).then(() => 'still waiting')]);
        if (outcome instanceof Error) refused++;
        else if (typeof outcome === 'object') run(outcome as Slot);
      }
      expect([label, refused]).toEqual([label, 0]);
      vi.useRealTimers();
    }
  });
});
