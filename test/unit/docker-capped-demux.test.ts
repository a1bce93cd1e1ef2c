import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CappedDemuxer, readCappedStream } from '../../src/docker/engine/capped-demux.ts';

const frame = (type: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('capped demux of the exec stream', () => {
  it('separates stdout and stderr across arbitrary chunk boundaries', () => {
    const stream = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    const demuxer = new CappedDemuxer(1_000);
    for (let i = 0; i < stream.length; i += 3) expect(demuxer.push(stream.subarray(i, i + 3))).toBe(true);
    const out = demuxer.result();
    expect(out.stdout.toString()).toBe('hello world');
    expect(out.stderr.toString()).toBe('oops');
    expect(out.truncated).toBe(false);
  });

  it('stops at the cap and marks the output truncated', () => {
    const demuxer = new CappedDemuxer(10);
    expect(demuxer.push(frame(1, '12345678'))).toBe(true);
    expect(demuxer.push(frame(1, 'abcdefgh'))).toBe(false);
    expect(demuxer.result()).toMatchObject({ truncated: true });
    expect(demuxer.result().stdout.toString()).toBe('12345678ab');
  });

  it('destroys a flooding stream once the cap is reached', async () => {
    const stream = new PassThrough();
    const reading = readCappedStream(stream, 64, new AbortController().signal, () => new Error('aborted'));
    for (let i = 0; i < 100; i++) stream.write(frame(1, 'x'.repeat(16)));
    const out = await reading;
    expect(out.stdout.length).toBe(64);
    expect(out.truncated).toBe(true);
    expect(stream.destroyed).toBe(true);
  });

  it('rejects with the abort error when its signal fires first', async () => {
    const stream = new PassThrough();
    const controller = new AbortController();
    const reading = readCappedStream(stream, 64, controller.signal, () => new Error('deadline'));
    controller.abort();
    await expect(reading).rejects.toThrow('deadline');
    expect(stream.destroyed).toBe(true);
  });
  it('stops at an end-marker line, even one split across chunks, and not at the marker inside a line', () => {
    const stream = Buffer.concat([frame(1, 'a __end__\n'), frame(2, '__end__\n'), frame(1, 'b\n__en'), frame(1, 'd__\nafter\n')]);
    const demuxer = new CappedDemuxer(1_000, '__end__');
    const answers: boolean[] = [];
    for (let i = 0; i < stream.length; i += 5) answers.push(demuxer.push(stream.subarray(i, i + 5)));
    const out = demuxer.result();
    expect(out.marked).toBe(true);
    expect(answers.indexOf(false)).toBeGreaterThan(0); // reading stopped once the marker line was complete
    expect(out.stdout.toString()).toMatch(/^a __end__\nb\n__end__\n/);
    expect(new CappedDemuxer(1_000, '__end__').result().marked).toBe(false);
  });

  it('resolves at the end marker without waiting for the stream to end', async () => {
    const stream = new PassThrough();
    const reading = readCappedStream(stream, 1_000, new AbortController().signal, () => new Error('aborted'), '__end__');
    stream.write(frame(1, 'lo\n__end__\n'));
    const out = await reading;
    expect(out).toMatchObject({ marked: true, truncated: false });
    expect(stream.destroyed).toBe(true);
  });
});
