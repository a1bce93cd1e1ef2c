/**
 * Reads Docker's multiplexed exec stream (8-byte frame header: stream type, 3 zero bytes,
 * big-endian payload length) and stops at a byte cap. Counting while demuxing means a command
 * that floods its output never makes netlab buffer more than the cap: we stop reading, destroy
 * the stream and mark the result `truncated`.
 */
import type { Readable } from 'node:stream';

export interface CappedOutput {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly truncated: boolean;
}

const HEADER_BYTES = 8;
const STDERR = 2;

export class CappedDemuxer {
  private readonly stdout: Buffer[] = [];
  private readonly stderr: Buffer[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private frameType = 0;
  private frameLeft = 0;
  private kept = 0;
  private full = false;

  constructor(private readonly maxBytes: number) {}

  /** Feeds one chunk; returns false once the cap is reached and reading should stop. */
  push(chunk: Buffer): boolean {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0 && !this.full) {
      if (this.frameLeft === 0) {
        if (data.length < HEADER_BYTES) {
          this.pending = Buffer.from(data);
          return true;
        }
        this.frameType = data.readUInt8(0);
        this.frameLeft = data.readUInt32BE(4);
        data = data.subarray(HEADER_BYTES);
        continue;
      }
      const take = Math.min(this.frameLeft, data.length);
      this.keep(data.subarray(0, take));
      this.frameLeft -= take;
      data = data.subarray(take);
    }
    return !this.full;
  }

  result(): CappedOutput {
    return { stdout: Buffer.concat(this.stdout), stderr: Buffer.concat(this.stderr), truncated: this.full };
  }

  private keep(payload: Buffer): void {
    const room = this.maxBytes - this.kept;
    const piece = payload.length > room ? payload.subarray(0, room) : payload;
    (this.frameType === STDERR ? this.stderr : this.stdout).push(Buffer.from(piece));
    this.kept += piece.length;
    if (payload.length > room) this.full = true;
  }
}

/**
 * Drains `stream` through a CappedDemuxer. Resolves when the stream ends or the cap is reached
 * (the stream is then destroyed); rejects with `onAbort()`'s error when `signal` fires first.
 */
export function readCappedStream(stream: Readable, maxBytes: number, signal: AbortSignal, onAbort: () => Error): Promise<CappedOutput> {
  const demuxer = new CappedDemuxer(maxBytes);
  return new Promise<CappedOutput>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', abort);
      stream.removeAllListeners('data');
      if (error) {
        stream.destroy();
        reject(error);
      } else {
        resolve(demuxer.result());
      }
    };
    const abort = () => finish(onAbort());
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      if (!demuxer.push(chunk)) {
        finish();
        stream.destroy(); // stop reading: the cap is reached
      }
    });
    stream.once('end', () => finish());
    stream.once('close', () => finish());
    stream.once('error', (error: Error) => finish(error));
  });
}
