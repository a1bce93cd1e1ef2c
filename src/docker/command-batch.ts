/**
 * Several fixed commands in one exec. Each exec costs a round trip into the container (about
 * 0.1 s here), so `ip addr` and `ip route` run together; every command's output (stdout and
 * stderr, in order) and exit code come back separately.
 */
import type { FixedCommand } from './scenario.ts';

const EXIT_MARK = '__netlab_exit__';

const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Each command, its output (stdout and stderr) and a marker line with its exit code. */
const batchScript = (commands: readonly FixedCommand[]) => commands.map((c) => `${c.argv.map(shellQuote).join(' ')} 2>&1; echo "${EXIT_MARK} $?"`).join('\n');

/** One `sh -c` command that runs each command and prints a marker line with its exit code. */
export function batchCommands(commands: readonly FixedCommand[]): FixedCommand {
  return { label: commands.map((c) => c.label).join(' && '), argv: ['sh', '-c', batchScript(commands)] };
}

/** The line a fed script prints last: everything before it is the commands' output. */
export const FEED_END_MARK = '__netlab_end__';

/**
 * The text fed to a waiting container's shell (policy.ts WAITING_SHELL): an empty line wakes it,
 * then the batch, the end marker and `exit`. Its output splits like a batch's.
 */
export function feedText(commands: readonly FixedCommand[]): string {
  return `\n${batchScript(commands)}\necho ${FEED_END_MARK}\nexit\n`;
}

export interface BatchPart {
  readonly text: string;
  /** null when the output was cut off before this command finished. */
  readonly exitCode: number | null;
}

/** Splits a batch's stdout back into one part per command. */
export function splitBatchOutput(stdout: string, count: number): BatchPart[] {
  const parts: BatchPart[] = [];
  let current: string[] = [];
  for (const line of stdout.split('\n')) {
    const mark = new RegExp(`^${EXIT_MARK} (\\d+)$`).exec(line);
    if (mark) {
      parts.push({ text: current.length > 0 ? `${current.join('\n')}\n` : '', exitCode: Number(mark[1]) });
      current = [];
    } else {
      current.push(line);
    }
  }
  const rest = current.join('\n');
  if (parts.length < count) parts.push({ text: rest, exitCode: null });
  while (parts.length < count) parts.push({ text: '', exitCode: null });
  return parts;
}
