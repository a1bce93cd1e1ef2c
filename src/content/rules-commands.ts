/**
 * Shell commands in topics (README "Shell commands: run or illustrative"): every ```console
 * block is tagged `run` or `illustrative:<reason>` from the closed list, every command starts
 * with `$ `, and there are no ```bash/```sh/```shell blocks. Summaries show commands, flags and
 * addresses in backticks, as the body does.
 */
import { consoleBlocks, fencedBlocks, ILLUSTRATIVE_REASONS } from './console-blocks.ts';
import { findAddresses, findFlags, findProseCode, blankUrls } from './code-tokens.ts';
import type { ContentProblem } from './loader.ts';
import type { TopicDoc } from './topic.ts';

const SHELL_FENCES = new Set(['bash', 'sh', 'shell', 'zsh', 'shell-session', 'shellsession', 'console-session']);

/** A line that looks like a command typed at a prompt other than `$ `. */
const OTHER_PROMPT = /^(?:\$(?=\S)|#\s*(?=(?:docker|ip|sudo|nsenter|iptables|sysctl)\b)|[>%]\s|PS\S*>|\w+@[\w.-]+[:$#])/;

export function checkCommands(doc: TopicDoc): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const problem = (line: number, rule: string, message: string) => problems.push({ file: doc.file, line, rule, message });
  for (const block of fencedBlocks(doc.body, doc.bodyLine)) {
    if (SHELL_FENCES.has(block.lang)) {
      problem(block.line, 'shell-fence', `\`\`\`${block.lang} block: shell commands go in a \`\`\`console run or \`\`\`console illustrative:<reason> block, each command after \`$ \``);
    }
  }
  const reasons = ILLUSTRATIVE_REASONS.join(', ');
  for (const block of consoleBlocks(doc.body, doc.bodyLine)) {
    const { kind } = block;
    if (kind.kind === 'missing') problem(block.line, 'console-tag', `\`\`\`console block without a tag: write \`\`\`console run, or \`\`\`console illustrative:<reason> (${reasons})`);
    else if (kind.kind === 'unknown') problem(block.line, 'console-tag', `\`\`\`console tag “${kind.text}” is neither \`run\` nor \`illustrative:<reason>\` (${reasons})`);
    else if (kind.kind === 'illustrative' && !(ILLUSTRATIVE_REASONS as readonly string[]).includes(kind.reason)) {
      problem(block.line, 'console-tag', `illustrative reason “${kind.reason}” is not one of ${reasons}`);
    }
    if (block.commands.length === 0) problem(block.line, 'console-prompt', 'a ```console block holds commands, each starting with `$ `; use ```text for output alone');
    for (const stray of block.unprompted) problem(stray.line, 'console-prompt', `every command starts with \`$ \`: “${stray.text.trim().slice(0, 60)}”`);
    for (const command of block.commands) {
      command.output.forEach((text, i) => {
        if (OTHER_PROMPT.test(text)) problem(command.line + 1 + i, 'console-prompt', `commands start with \`$ \`, not another prompt: “${text.trim().slice(0, 60)}”`);
      });
      if (command.text === '') problem(command.line, 'console-prompt', 'a `$` line without a command');
    }
  }
  return problems;
}

/** Commands, flags, file names and addresses of the summary outside backticks. */
export function checkSummaryCode(doc: TopicDoc, line: number): ContentProblem[] {
  const outside = blankUrls(doc.summary).replace(/(`+)[\s\S]*?\1/g, (m) => ' '.repeat(m.length));
  const found = [...findAddresses(outside), ...findFlags(outside), ...findProseCode(outside)]
    .sort((a, b) => a.index - b.index)
    .map((t) => t.value);
  if (found.length === 0) return [];
  return [
    {
      file: doc.file,
      line,
      rule: 'summary-code',
      message: `the summary shows ${[...new Set(found)].map((f) => `“${f}”`).join(', ')} outside backticks: commands, flags, file names and addresses go in \`code\``,
    },
  ];
}
