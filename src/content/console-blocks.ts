/**
 * Fenced code blocks of a topic body, and the commands of its ```console blocks: each command
 * (a `$ ` line plus its continuation lines) with the output lines the topic shows after it.
 * Shared by validate-content (tags, parity) and verify-commands (which runs the `run` blocks).
 */

/** Why a ```console block may be shown without being run (README "Shell commands"). */
export const ILLUSTRATIVE_REASONS = ['lan-nic', 'multi-host', 'docker-desktop', 'internet', 'host-root'] as const;
export type IllustrativeReason = (typeof ILLUSTRATIVE_REASONS)[number];

export interface FencedBlock {
  /** The first word of the info string (`console`, `json`), lower-case; '' for none. */
  readonly lang: string;
  /** The rest of the info string (`run`, `illustrative:lan-nic`). */
  readonly tag: string;
  /** 1-based file line of the opening fence. */
  readonly line: number;
  /** The lines between the fences. */
  readonly lines: readonly string[];
  readonly closed: boolean;
}

export interface ConsoleCommand {
  /** The command as written, continuation lines included (without the `$ `). */
  readonly source: string;
  /** One line, continuations joined and whitespace folded: what parity and reports compare. */
  readonly text: string;
  /** 1-based file line of its `$ ` line. */
  readonly line: number;
  /** The output lines the topic shows after it. */
  readonly output: readonly string[];
}

export type ConsoleTag =
  | { readonly kind: 'run' }
  | { readonly kind: 'illustrative'; readonly reason: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknown'; readonly text: string };

export interface ConsoleBlock extends FencedBlock {
  readonly kind: ConsoleTag;
  readonly commands: readonly ConsoleCommand[];
  /** Lines before the first `$ ` line: commands without a prompt, or stray text. */
  readonly unprompted: readonly { readonly line: number; readonly text: string }[];
}

/** Fenced blocks (``` or ~~~, CommonMark's closing rule), with file line numbers. */
export function fencedBlocks(body: string, bodyLine: number): FencedBlock[] {
  const lines = body.split('\n');
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const [lang = '', ...rest] = open[2]!.trim().split(/\s+/);
    const inner: string[] = [];
    let j = i + 1;
    let closed = false;
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]!);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) {
        closed = true;
        break;
      }
      inner.push(lines[j]!);
    }
    blocks.push({ lang: lang.toLowerCase(), tag: rest.join(' '), line: bodyLine + i, lines: inner, closed });
    i = j;
  }
  return blocks;
}

export function parseConsoleTag(tag: string): ConsoleTag {
  const text = tag.trim();
  if (text === '') return { kind: 'missing' };
  if (text === 'run') return { kind: 'run' };
  const illustrative = /^illustrative:(\S+)$/.exec(text);
  if (illustrative) return { kind: 'illustrative', reason: illustrative[1]! };
  return { kind: 'unknown', text };
}

/**
 * Whether a command needs another line: an open quote, a trailing backslash or an open here
 * document. Returns the here-document delimiters still open.
 */
export function shellContinues(source: string): boolean {
  let quote: "'" | '"' | undefined;
  const heredocs: string[] = [];
  const lines = source.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (heredocs.length > 0 && quote === undefined) {
      const delimiter = heredocs[0]!;
      if (line.replace(/^\t+/, '') === delimiter) heredocs.shift();
      continue;
    }
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote === "'") {
        if (c === "'") quote = undefined;
      } else if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = undefined;
      } else if (c === '\\') {
        if (i === line.length - 1 && n === lines.length - 1) return true;
        i++;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      else if (c === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
        const doc = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line.slice(i));
        if (doc) {
          heredocs.push(doc[2]!);
          i += doc[0].length - 1;
        }
      }
    }
  }
  return quote !== undefined || heredocs.length > 0;
}

/** The one-line form of a command: continuations joined, whitespace folded. */
export function commandText(source: string): string {
  return source.replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
}

export function parseConsoleBlock(block: FencedBlock): ConsoleBlock {
  const commands: { source: string; line: number; output: string[] }[] = [];
  const unprompted: { line: number; text: string }[] = [];
  let current: { source: string; line: number; output: string[] } | undefined;
  block.lines.forEach((text, i) => {
    const line = block.line + 1 + i;
    if (current && current.output.length === 0 && shellContinues(current.source)) {
      current.source += `\n${text}`;
      return;
    }
    const prompt = /^\$(?: (.*))?$/.exec(text);
    if (prompt) {
      current = { source: prompt[1] ?? '', line, output: [] };
      commands.push(current);
    } else if (current) current.output.push(text);
    else if (text.trim() !== '') unprompted.push({ line, text });
  });
  return {
    ...block,
    kind: parseConsoleTag(block.tag),
    commands: commands.map((c) => {
      // Trailing blank lines are layout, not output.
      const output = [...c.output];
      while (output.length > 0 && output[output.length - 1]!.trim() === '') output.pop();
      return { source: c.source, text: commandText(c.source), line: c.line, output };
    }),
    unprompted,
  };
}

/** Every ```console block of a body, parsed. */
export function consoleBlocks(body: string, bodyLine: number): ConsoleBlock[] {
  return fencedBlocks(body, bodyLine)
    .filter((b) => b.lang === 'console')
    .map(parseConsoleBlock);
}
