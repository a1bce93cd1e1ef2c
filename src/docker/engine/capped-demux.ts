/**
 * Reads Docker's multiplexed exec stream (8-byte frame header: stream type, 3 zero bytes,
 * big-endian payload length) and stops at a byte cap. Counting while demuxing means a command
 * that floods its output never makes netlab buffer more than the cap: we stop reading, destroy
 * the stream and mark the result `truncated`. The same reader serves attach streams (a script fed
 * to a container's shell), which it can also stop at an end-marker line.
 */
import type { Readable } from 'node:stream';

export interface CappedOutput {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly truncated: boolean;
  /** A stdout line equal to the end marker arrived (always false without a marker). */
  readonly marked: boolean;
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
  private marked = false;
  /** stdout bytes already searched for the end marker. */
  private scanned = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly endMarker?: string,
  ) {}

  /** Feeds one chunk; returns false once the cap is reached or the end marker arrived: stop reading. */
  push(chunk: Buffer): boolean {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0 && !this.full) {
      if (this.frameLeft === 0) {
        if (data.length < HEADER_BYTES) {
          this.pending = Buffer.from(data);
          break;
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
    this.scanForMarker();
    return !this.full && !this.marked;
  }

  result(): CappedOutput {
    return { stdout: Buffer.concat(this.stdout), stderr: Buffer.concat(this.stderr), truncated: this.full, marked: this.marked };
  }

  /** Looks for `\n<marker>\n` (or the marker as the first line) in stdout not searched yet. */
  private scanForMarker(): void {
    if (this.endMarker === undefined || this.marked) return;
    const out = this.stdout.length === 1 ? this.stdout[0]! : Buffer.concat(this.stdout.splice(0));
    if (this.stdout.length === 0) this.stdout.push(out);
    const needle = Buffer.from(`${this.endMarker}\n`);
    for (let at = out.indexOf(needle, Math.max(0, this.scanned - needle.length)); at >= 0; at = out.indexOf(needle, at + 1)) {
      if (at === 0 || out[at - 1] === 0x0a) {
        this.marked = true;
        return;
      }
    }
    this.scanned = out.length;
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
 * Drains `stream` through a CappedDemuxer. Resolves when the stream ends, the cap is reached or
 * the end marker arrived (the stream is then destroyed); rejects with `onAbort()`'s error when
 * `signal` fires first.
 */
export function readCappedStream(stream: Readable, maxBytes: number, signal: AbortSignal, onAbort: () => Error, endMarker?: string): Promise<CappedOutput> {
  const demuxer = new CappedDemuxer(maxBytes, endMarker);
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
        stream.destroy(); // stop reading: the cap is reached or the script is done
      }
    });
    stream.once('end', () => finish());
    stream.once('close', () => finish());
    stream.once('error', (error: Error) => finish(error));
  });
}
