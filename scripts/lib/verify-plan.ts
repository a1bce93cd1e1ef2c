/**
 * What verify-commands runs: every ```console block of the library with its topic, language and
 * tag; `run` blocks deduplicated (identical blocks in zh and en run once); the commands that
 * would change the host, refused before anything runs; and the share of `run` commands.
 */
import { consoleBlocks, fencedBlocks, type ConsoleBlock } from '../../src/content/console-blocks.ts';
import type { TopicDoc } from '../../src/content/topic.ts';
import type { Lang } from '../../src/i18n.ts';

export interface BlockOccurrence {
  readonly topic: string;
  readonly lang: Lang;
  readonly file: string;
  readonly block: ConsoleBlock;
  /** The ```yaml block just before this one in the same section, for `docker compose` blocks. */
  readonly composeFile: string | undefined;
}

export interface RunBlock {
  readonly key: string;
  readonly block: ConsoleBlock;
  readonly composeFile: string | undefined;
  readonly occurrences: BlockOccurrence[];
}

export function blockOccurrences(docs: readonly TopicDoc[]): BlockOccurrence[] {
  const out: BlockOccurrence[] = [];
  for (const doc of [...docs].sort((a, b) => a.id.localeCompare(b.id) || a.lang.localeCompare(b.lang))) {
    const fenced = fencedBlocks(doc.body, doc.bodyLine);
    const headings = doc.body
      .split('\n')
      .map((l, i) => (/^##\s/.test(l) ? doc.bodyLine + i : -1))
      .filter((l) => l >= 0);
    for (const block of consoleBlocks(doc.body, doc.bodyLine)) {
      const before = fenced.filter((f) => f.line < block.line).pop();
      const sameSection = before !== undefined && !headings.some((h) => h > before.line && h < block.line);
      const composeFile = sameSection && (before.lang === 'yaml' || before.lang === 'yml') ? `${before.lines.join('\n')}\n` : undefined;
      out.push({ topic: doc.id, lang: doc.lang, file: doc.file, block, composeFile });
    }
  }
  return out;
}

/** `run` blocks, one per distinct content (commands, shown output and compose file). */
export function runBlocks(occurrences: readonly BlockOccurrence[]): RunBlock[] {
  const byKey = new Map<string, RunBlock>();
  for (const o of occurrences) {
    if (o.block.kind.kind !== 'run') continue;
    const key = JSON.stringify([o.block.commands.map((c) => [c.source, c.output]), o.composeFile ?? '']);
    const existing = byKey.get(key);
    if (existing) existing.occurrences.push(o);
    else byKey.set(key, { key, block: o.block, composeFile: o.composeFile, occurrences: [o] });
  }
  return [...byKey.values()];
}

/** Commands that change the host itself: README says `illustrative:host-root`, never run. */
const HOST_CHANGING =
  /(?:^|[;&|(`]\s*|\$\(\s*)(?:sudo|su|doas|systemctl|service|dockerd|iptables|ip6tables|nft|nsenter|unshare|modprobe|mount|umount|reboot|shutdown|ufw|firewall-cmd|sysctl\s+-w|ip\s+(?:-\S+\s+)*(?:link|l|addr|address|a|route|r|rule|neigh|netns|tuntap)\s+(?:add|del|delete|set|change|replace|flush|attach|exec|identify)\b)(?=\s|$)/;
/** Writing into the host's configuration or kernel settings. */
const HOST_WRITE = /(?:>>?|\btee\s+(?:-a\s+)?)\s*["']?\/(?:etc|proc|sys)\//;

/** The part of a command that would change the host, if any (quoted strings, run elsewhere, are skipped). */
export function hostChange(command: string): string | undefined {
  // A quoted path stays (`> "/etc/docker/daemon.json"`); other quoted text is a container's business.
  const unquoted = command.replace(/'([^']*)'|"((?:[^"\\]|\\.)*)"/g, (_, a?: string, b?: string) => (/^\/(?:etc|proc|sys)\//.test(a ?? b ?? '') ? (a ?? b)! : "''"));
  const m = HOST_CHANGING.exec(unquoted) ?? HOST_WRITE.exec(unquoted);
  return m ? m[0].trim() : undefined;
}

export interface Share {
  readonly run: number;
  readonly total: number;
  /** 0–1; 1 for an empty library. */
  readonly ratio: number;
}

function share(commands: Map<string, boolean>): Share {
  const run = [...commands.values()].filter(Boolean).length;
  return { run, total: commands.size, ratio: commands.size === 0 ? 1 : run / commands.size };
}

/**
 * The share of `run` commands: each distinct command of a topic counted once across both
 * languages (run when it runs in either), and per language.
 */
export function runShare(occurrences: readonly BlockOccurrence[]): { all: Share; byLang: Record<Lang, Share> } {
  const all = new Map<string, boolean>();
  const byLang: Record<Lang, Map<string, boolean>> = { en: new Map(), zh: new Map() };
  for (const o of occurrences) {
    const isRun = o.block.kind.kind === 'run';
    for (const command of o.block.commands) {
      const key = `${o.topic}\u0000${command.text}`;
      all.set(key, (all.get(key) ?? false) || isRun);
      byLang[o.lang].set(key, (byLang[o.lang].get(key) ?? false) || isRun);
    }
  }
  return { all: share(all), byLang: { en: share(byLang.en), zh: share(byLang.zh) } };
}

/** `run`, `illustrative:<reason>`, or what is wrong with the tag. */
export function tagLabel(block: ConsoleBlock): string {
  const { kind } = block;
  if (kind.kind === 'run') return 'run';
  if (kind.kind === 'illustrative') return `illustrative:${kind.reason}`;
  return kind.kind === 'missing' ? 'untagged' : `bad tag “${kind.text}”`;
}
