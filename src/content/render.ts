/**
 * markdown-it parses library Markdown; this renderer turns its tokens into Discord-flavoured
 * Markdown. What Discord does not render becomes something readable on a phone: headings become
 * bold lines, tables become aligned code blocks (or a list when too wide), HTML is dropped,
 * nesting is capped at two levels. (The console turns this same Markdown into plain text.)
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { displayWidth, padEndDisplay } from '../text/width.ts';

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

interface Node {
  readonly token: Token;
  readonly children: Node[];
}

function toTree(tokens: readonly Token[]): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    const siblings = stack[stack.length - 1]!;
    if (token.nesting === 1) {
      const node: Node = { token, children: [] };
      siblings.push(node);
      stack.push(node.children);
    } else if (token.nesting === -1) stack.pop();
    else siblings.push({ token, children: [] });
  }
  return root;
}

const MAX_TABLE_WIDTH = 56;

function escapeDiscord(text: string): string {
  // Markdown syntax in plain text must stay literal; `@` is broken up so that no mention forms.
  return text.replace(/([\\*_~|`])/g, '\\$1').replace(/@(everyone|here)/g, '@\u200b$1');
}

class Renderer {
  inline(tokens: readonly Token[]): string {
    let out = '';
    const links: string[] = [];
    let linkStart = 0;
    for (const t of tokens) {
      switch (t.type) {
        case 'text':
          out += escapeDiscord(t.content);
          break;
        case 'code_inline':
          out += t.content.includes('`') ? `\`\` ${t.content} \`\`` : `\`${t.content}\``;
          break;
        case 'strong_open':
        case 'strong_close':
          out += '**';
          break;
        case 'em_open':
        case 'em_close':
          out += '*';
          break;
        case 's_open':
        case 's_close':
          out += '~~';
          break;
        case 'softbreak':
          out += ' ';
          break;
        case 'hardbreak':
          out += '\n';
          break;
        case 'link_open':
          links.push(String(t.attrGet('href') ?? ''));
          linkStart = out.length;
          break;
        case 'link_close': {
          const href = links.pop() ?? '';
          const label = out.slice(linkStart);
          out = out.slice(0, linkStart) + this.link(label, href);
          break;
        }
        case 'image':
          out += this.link(t.content || 'image', String(t.attrGet('src') ?? ''));
          break;
        case 'html_inline':
          break;
        default:
          out += t.content;
      }
    }
    return out;
  }

  private link(label: string, href: string): string {
    const bare = label.replace(/\\/g, '');
    return bare === href ? `<${href}>` : `[${label}](<${href}>)`;
  }

  blocks(nodes: readonly Node[], depth = 0): string[] {
    const out: string[] = [];
    for (const node of nodes) {
      const text = this.block(node, depth);
      if (text !== '') out.push(text);
    }
    return out;
  }

  private block(node: Node, depth: number): string {
    const { token } = node;
    switch (token.type) {
      case 'heading_open':
        return `**${this.inline(node.children[0]?.token.children ?? []).replace(/^\*\*|\*\*$/g, '')}**`;
      case 'paragraph_open':
        return this.inline(node.children[0]?.token.children ?? []);
      case 'inline':
        return this.inline(token.children ?? []);
      case 'fence':
      case 'code_block': {
        const lang = token.info.trim().split(/\s+/)[0] ?? '';
        return `\`\`\`${lang}\n${token.content.replace(/\n$/, '')}\n\`\`\``;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        return this.list(node, depth);
      case 'blockquote_open':
        return this.blocks(node.children, depth)
          .join('\n\n')
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n');
      case 'table_open':
        return this.table(node);
      case 'hr':
        return '';
      case 'html_block':
        return token.content.replace(/<[^>]*>/g, '').trim();
      default:
        return this.blocks(node.children, depth).join('\n\n');
    }
  }

  private list(node: Node, depth: number): string {
    const ordered = node.token.type === 'ordered_list_open';
    let n = Number(node.token.attrGet('start') ?? 1);
    const indent = '  '.repeat(Math.min(depth, 2));
    const lines: string[] = [];
    for (const item of node.children) {
      const marker = ordered ? `${n++}.` : '-';
      const parts = item.children.map((child) =>
        child.token.type === 'bullet_list_open' || child.token.type === 'ordered_list_open'
          ? this.list(child, depth + 1)
          : this.block(child, depth + 1),
      );
      const [first = '', ...rest] = parts;
      lines.push(`${indent}${marker} ${first.replace(/\n/g, `\n${indent}  `)}`);
      for (const part of rest) lines.push(part.startsWith(indent) ? part : part.replace(/^/gm, `${indent}  `));
    }
    return lines.join('\n');
  }

  private table(node: Node): string {
    const rows: string[][] = [];
    const visit = (n: Node) => {
      if (n.token.type === 'tr_open') rows.push(n.children.map((cell) => this.inline(cell.children[0]?.token.children ?? []).replace(/\\(.)/g, '$1').replace(/`/g, '')));
      else n.children.forEach(visit);
    };
    visit(node);
    if (rows.length === 0) return '';
    const columns = Math.max(...rows.map((r) => r.length));
    const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (columns - 1);
    const [header = [], ...body] = rows;
    if (total <= MAX_TABLE_WIDTH) {
      const line = (r: string[]) => r.map((cell, c) => padEndDisplay(cell, widths[c]!)).join('  ').trimEnd();
      const rule = widths.map((w) => '-'.repeat(w)).join('  ');
      return ['```text', line(header), rule, ...body.map(line), '```'].join('\n');
    }
    // Too wide for a phone: one list item per row, "first cell — header: value; …".
    return body
      .map((r) => {
        const rest = r.slice(1).map((cell, c) => `${header[c + 1] ?? ''}: ${cell}`);
        return `- **${r[0] ?? ''}** — ${rest.join('; ')}`;
      })
      .join('\n');
  }
}

export function renderMarkdown(markdown: string): string {
  const renderer = new Renderer();
  return renderer
    .blocks(toTree(md.parse(markdown, {})))
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface RenderedSection {
  readonly heading: string;
  readonly text: string;
}

/** Splits at `## ` headings (outside code) and renders each section; text before the first heading has an empty heading. */
export function renderSections(markdown: string): RenderedSection[] {
  const sections: { heading: string; lines: string[] }[] = [{ heading: '', lines: [] }];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) sections.push({ heading: heading[1]!, lines: [] });
    else sections[sections.length - 1]!.lines.push(line);
  }
  return sections
    .map((s) => ({ heading: renderMarkdown(s.heading).replace(/\*\*/g, ''), text: renderMarkdown(s.lines.join('\n')) }))
    .filter((s) => s.heading !== '' || s.text !== '');
}
