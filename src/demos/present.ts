/**
 * Turns demo results and network listings into Answers: the real output in code blocks, then a
 * takeaway and a few explained lines, the checks as ✅ lines and the timings in the footer.
 * Output that would crowd a phone screen (or Discord's limits) becomes an attachment with a
 * short excerpt inline.
 */
import type { Answer, AnswerAttachment } from '../answer.ts';
import type { EngineNetworks } from '../docker/sandbox.ts';
import type { Bilingual } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import { BUDGET, DISCORD } from '../limits.ts';
import { describeChecks } from './checks.ts';
import { explanationPriority, type Annotation } from './explain.ts';
import { explainNetworks, formatNetworkTable, namesFromTable } from './networks-table.ts';
import { isScenarioName, scenarioNamed } from './registry.ts';
import type { DemoReport } from './run-demo.ts';
import { captionFor, captionLine, pictureAttachment } from './topology/caption.ts';
import type { TopologyPicture } from './topology/picture.ts';

/** Stays under the reply helper's 4,000-character embed description budget. */
const BODY_BUDGET = 3_600;
const EXCERPT_LINES = 8;
const MAX_BULLETS = 6;

interface Block {
  readonly heading: string | undefined;
  readonly prompt: string;
  readonly text: string;
  readonly fileName: string;
  excerpt: boolean;
}

const fence = (text: string) => `\`\`\`\n${text.replace(/```/g, 'ˋˋˋ').trimEnd()}\n\`\`\``;
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const promptFor = (label: string) => (label.startsWith('setup') ? `# ${label}` : `$ ${label}`);

function renderBlock(block: Block, lang: Lang): string {
  const lines = block.text.trimEnd().split('\n');
  const shown = block.excerpt ? lines.slice(0, EXCERPT_LINES) : lines;
  const more = lines.length - shown.length;
  const note = block.excerpt
    ? `\n${lang === 'zh' ? `…还有 ${more} 行，完整输出见附件 \`${block.fileName}\`` : `… ${more} more lines; full output in \`${block.fileName}\``}`
    : '';
  return `${block.heading ? `${block.heading}\n` : ''}${fence(`${block.prompt}\n${shown.join('\n')}`)}${note}`;
}

/** Code blocks for every output; long ones (and then the largest) become excerpts until the body fits. */
function fitBlocks(blocks: Block[], lang: Lang, reserved: number): string {
  for (const b of blocks) b.excerpt = b.text.length > BUDGET.inlineOutputChars;
  const size = () => blocks.reduce((n, b) => n + renderBlock(b, lang).length + 2, reserved);
  while (size() > BODY_BUDGET) {
    const largest = blocks.filter((b) => !b.excerpt && b.text.split('\n').length > EXCERPT_LINES).sort((a, b) => b.text.length - a.text.length)[0];
    if (!largest) break;
    largest.excerpt = true;
  }
  return blocks.map((b) => renderBlock(b, lang)).join('\n\n');
}

function bullets(items: readonly Bilingual[], lang: Lang): string {
  return items
    .slice(0, MAX_BULLETS)
    .map((text, i) => `${i === 0 ? '💡' : '•'} ${text[lang]}`)
    .join('\n');
}

/** One annotation per kind, the most telling kinds first. */
function pickAnnotations(annotations: readonly Annotation[]): Bilingual[] {
  const firstOfKind = annotations.filter((a, i) => annotations.findIndex((b) => b.kind === a.kind) === i);
  return firstOfKind
    .map((a, order) => ({ a, order }))
    .sort((x, y) => explanationPriority(x.a.kind) - explanationPriority(y.a.kind) || x.order - y.order)
    .map(({ a }) => a.text);
}

/**
 * Says so when several members got this very run (coalesce.ts): the output is real, but it is
 * not theirs alone. Empty for a run of one's own.
 */
export function sharedRunLabel(result: Pick<DemoReport, 'sharedWith' | 'runId'>, lang: Lang): string {
  const n = result.sharedWith ?? 0;
  if (n <= 0) return '';
  return lang === 'zh'
    ? `🔗 与 ${n} 位同学共享的一次实时运行（run ${result.runId}）`
    : `🔗 Shared live run with ${n} ${n === 1 ? 'classmate' : 'classmates'} (run ${result.runId})`;
}

/** The answer to a demo; `picture` is the run's topology, attached as a PNG with its caption in the body. */
export function presentDemo(result: DemoReport, lang: Lang, picture?: TopologyPicture): Answer {
  const definition = isScenarioName(result.scenario) ? scenarioNamed(result.scenario) : undefined;
  const blocks: Block[] = [];
  for (const c of result.containers) {
    Object.entries(c.outputs).forEach(([label, text], i) => {
      const heading = i === 0 ? `**${c.name}** · \`--network ${c.networkMode}\`` : undefined;
      blocks.push({ heading, prompt: promptFor(label), text, fileName: `${c.name}-${slug(label)}.txt`, excerpt: false });
    });
  }
  Object.entries(result.hostSide ?? {}).forEach(([label, text], i) => {
    const heading = i === 0 ? (lang === 'zh' ? '**宿主机一侧**（电缆的另一端）· `--network host`' : '**host side** (the cables’ other ends) · `--network host`') : undefined;
    blocks.push({ heading, prompt: promptFor(label), text: text || (lang === 'zh' ? '（没有输出）' : '(no output)'), fileName: `host-side-${slug(label)}.txt`, excerpt: false });
  });
  for (const [label, text] of Object.entries(result.outputs ?? {})) {
    blocks.push({ heading: undefined, prompt: promptFor(label), text, fileName: `${result.scenario}-${slug(label)}.txt`, excerpt: false });
  }

  const explanations = [
    ...(definition ? [definition.takeaway] : []),
    ...pickAnnotations(result.annotations),
    ...(result.outputs?.['docker network ls'] ? explainNetworks(namesFromTable(result.outputs['docker network ls'])) : []),
  ];
  const explained = bullets(explanations, lang);
  const truncatedNote = result.truncated ? (lang === 'zh' ? '⚠️ 输出过长，已在源头截断。' : '⚠️ Some output was cut off at the source (size cap).') : '';
  const lesson = definition ? `*${definition.lesson[lang]}*` : '';
  const summary = [sharedRunLabel(result, lang), lesson].filter(Boolean).join('\n');
  const caption = picture ? captionFor(picture.topology) : undefined;
  const captionText = caption ? captionLine(caption, lang) : '';
  const reserved = summary.length + captionText.length + explained.length + truncatedNote.length + 10;
  const code = fitBlocks(blocks, lang, reserved);
  const attachments: AnswerAttachment[] = [
    ...(picture && caption ? [pictureAttachment(picture, `topology-${result.scenario}`, caption)] : []),
    ...blocks.filter((b) => b.excerpt).map((b) => ({ name: b.fileName, content: `${b.prompt}\n${b.text}` })),
  ];

  const checks = describeChecks(definition, result.checks);
  const allPassed = checks.every((c) => c.passed !== false);
  const checkText = checks.map((c) => `${c.passed === undefined ? 'ℹ️' : c.passed ? '✅' : '❌'} ${c.text[lang]}`).join('\n');
  const t = result.timingsMs;
  const footer =
    lang === 'zh'
      ? `${t.queue > 0 ? `排队 ${t.queue} ms · ` : ''}创建 ${t.create} ms · 运行 ${t.run} ms · 总计 ${t.total} ms · run ${result.runId}`
      : `${t.queue > 0 ? `queue ${t.queue} ms · ` : ''}create ${t.create} ms · run ${t.run} ms · total ${t.total} ms · run ${result.runId}`;

  return {
    title: `🧪 ${definition ? definition.title[lang] : result.scenario}`,
    body: [summary, code, truncatedNote, explained, captionText].filter(Boolean).join('\n\n'),
    ...(checkText ? { fields: [{ name: lang === 'zh' ? '检查' : 'Checks', value: checkText.slice(0, DISCORD.embedFieldValueMax) }] } : {}),
    footer,
    tone: allPassed ? 'ok' : 'warn',
    ...(definition ? { links: [{ label: lang === 'zh' ? '深入了解' : 'Learn more', topicId: definition.topicId }] } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    data: result,
  };
}

export function presentNetworks(listing: EngineNetworks, lang: Lang): Answer {
  const rows = listing.networks;
  const table = formatNetworkTable(rows);
  const block: Block = { heading: undefined, prompt: '$ docker network ls', text: table, fileName: 'docker-network-ls.txt', excerpt: false };
  const explained = bullets(explainNetworks(rows.map((r) => r.name)), lang);
  const code = fitBlocks([block], lang, explained.length + 4);
  return {
    title: 'docker network ls',
    body: `${code}\n\n${explained}`,
    footer: lang === 'zh' ? `引擎 ${listing.engine} · 共 ${rows.length} 个网络` : `engine ${listing.engine} · ${rows.length} network${rows.length === 1 ? '' : 's'}`,
    tone: 'info',
    links: [{ label: lang === 'zh' ? '深入了解' : 'Learn more', topicId: 'net-default-networks' }],
    ...(block.excerpt ? { attachments: [{ name: block.fileName, content: table }] } : {}),
    data: listing,
  };
}
