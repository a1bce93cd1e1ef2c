/**
 * Splits Discord-flavoured Markdown into pieces of at most `max` characters: at blank lines
 * first, then at line ends, never inside a fenced code block (an oversized code block is split
 * into several complete code blocks).
 */
import { sliceUnits } from './echo.ts';

interface Block {
  readonly text: string;
  readonly fence?: { readonly open: string; readonly lines: readonly string[] };
}

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = /^\s*(```+|~~~+)/.exec(line);
    if (open) {
      flush();
      const marker = open[1]!;
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trimStart().startsWith(marker)) body.push(lines[j++]!);
      blocks.push({ text: [line, ...body, marker].join('\n'), fence: { open: line, lines: body } });
      i = j;
    } else if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest) out.push(rest);
  return out;
}

function splitBlock(block: Block, max: number): string[] {
  if (block.text.length <= max) return [block.text];
  if (!block.fence) return hardSplit(block.text, max);
  const { open, lines } = block.fence;
  const close = '```';
  const room = max - open.length - close.length - 2;
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of lines) {
    const line = raw.length > room ? raw.slice(0, room - 1) + '…' : raw;
    if (size + line.length + 1 > room && current.length > 0) {
      pieces.push([open, ...current, close].join('\n'));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) pieces.push([open, ...current, close].join('\n'));
  return pieces;
}

export function splitMarkdown(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const block of toBlocks(text.trim())) {
    for (const part of splitBlock(block, max)) {
      if (current && current.length + 2 + part.length > max) {
        pieces.push(current);
        current = '';
      }
      current = current ? `${current}\n\n${part}` : part;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Cuts text to `max` characters with an ellipsis, closing an open code fence. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = sliceUnits(text, max - 5).trimEnd();
  const fences = cut.match(/```/g)?.length ?? 0;
  if (fences % 2 === 1) cut = `${sliceUnits(cut, max - 9)}\n…\n\`\`\``;
  else cut = `${cut}\n…`;
  return sliceUnits(cut, max);
}
