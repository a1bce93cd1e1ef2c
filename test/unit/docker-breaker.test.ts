// The engine breaker: a few consecutive engine failures take the engine out, demos are refused at
// once with the time until the next probe, and the first probe the engine answers brings it back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineBreaker } from '../../src/docker/breaker.ts';
import { DemoImageMissingError, EngineUnavailableError, SandboxBusyError, SandboxUnavailableError } from '../../src/docker/errors.ts';

const down = () => new EngineUnavailableError('tcp://sandbox:2376', 'ping: ECONNREFUSED');

describe('engine breaker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after three consecutive engine failures, not before, and a success in between starts the count again', () => {
    const breaker = new EngineBreaker({ probe: async () => undefined });
    breaker.recordFailure(down());
    breaker.recordFailure(down());
    breaker.recordSuccess();
    breaker.recordFailure(down());
    breaker.recordFailure(down());
    expect(breaker.state).toBe('closed');
    breaker.recordFailure(down());
    expect(breaker.state).toBe('open');
    breaker.stop();
  });

  it('counts only engine failures: busy, a missing image and other errors say nothing about the engine', () => {
    const breaker = new EngineBreaker({ probe: async () => undefined, threshold: 1 });
    expect(breaker.recordFailure(new SandboxBusyError(3))).toBe(false);
    expect(breaker.recordFailure(new DemoImageMissingError('netlab-demo:latest'))).toBe(false);
    expect(breaker.recordFailure(new Error('a bug'))).toBe(false);
    expect(breaker.state).toBe('closed');
    expect(breaker.recordFailure(down())).toBe(true);
    expect(breaker.state).toBe('open');
    breaker.stop();
  });

  it('while open, refuses at once with the seconds until the next probe', () => {
    expect.assertions(3);
    const breaker = new EngineBreaker({ probe: () => Promise.reject(down()), threshold: 1, probeIntervalMs: 5_000 });
    breaker.recordFailure(down());
    vi.advanceTimersByTime(1_200);
    try {
      breaker.check();
    } catch (error) {
      expect(error).toBeInstanceOf(SandboxUnavailableError);
      expect((error as SandboxUnavailableError).retryAfterSec).toBe(4);
      expect((error as SandboxUnavailableError).code).toBe('sandbox-unavailable');
    }
    breaker.stop();
  });

  it('probes in the background, waiting longer after each failed probe, and closes on the first answer', async () => {
    let answers = false;
    const probe = vi.fn(async () => {
      if (!answers) throw down();
    });
    const onClose = vi.fn();
    const breaker = new EngineBreaker({ probe, onClose, threshold: 1, probeIntervalMs: 1_000, maxProbeIntervalMs: 3_000 });
    breaker.trip(down());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(breaker.status()).toMatchObject({ state: 'open', retryAfterSec: 2 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(breaker.status().retryAfterSec).toBe(3); // doubled to 4 s, held at the 3 s maximum
    answers = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(breaker.state).toBe('closed');
    expect(onClose).toHaveBeenCalledOnce();
    expect(() => breaker.check()).not.toThrow();
  });

  it('stops probing once stopped', async () => {
    const probe = vi.fn(async () => undefined);
    const breaker = new EngineBreaker({ probe, threshold: 1, probeIntervalMs: 1_000 });
    breaker.recordFailure(down());
    breaker.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe).not.toHaveBeenCalled();
  });
});
