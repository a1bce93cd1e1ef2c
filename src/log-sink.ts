/**
 * Where the logger writes (stderr). The local console attaches its prompt, so a log line never
 * lands in the middle of what a member is typing: the line is cleared, the log written, and the
 * prompt with the half-typed input drawn again below it.
 */
import { clearLine, cursorTo, type Interface } from 'node:readline';
import { Writable } from 'node:stream';

export class LogSink extends Writable {
  private prompt: { readonly rl: Interface; readonly output: NodeJS.WritableStream } | undefined;

  constructor(private readonly target: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr) {
    super();
    target.on('error', () => undefined); // EPIPE and friends: see _write
  }

  get isTTY(): boolean {
    return Boolean(this.target.isTTY);
  }

  /** While attached, logs are written above the prompt; detach() when the console closes. */
  attach(rl: Interface, output: NodeJS.WritableStream): void {
    this.prompt = { rl, output };
  }

  detach(): void {
    this.prompt = undefined;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    // A reader that went away (EPIPE) must not take the process down: the line is dropped.
    const written = () => done();
    const prompt = this.prompt;
    if (!prompt || !(prompt.output as { isTTY?: boolean }).isTTY) {
      this.target.write(chunk, written);
      return;
    }
    clearLine(prompt.output, 0);
    cursorTo(prompt.output, 0);
    this.target.write(chunk, () => {
      prompt.rl.prompt(true);
      written();
    });
  }
}
