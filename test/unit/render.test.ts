import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderSections } from '../../src/content/render.ts';
import { splitMarkdown, truncate } from '../../src/text/split.ts';

const dir = new URL('./fixtures/render/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.expected.md'));

describe('rendering library Markdown for Discord', () => {
  it.each(fixtures)('renders %s as its expected output', (name) => {
    const input = readFileSync(new URL(name, dir), 'utf8');
    const expected = readFileSync(new URL(name.replace(/\.md$/, '.expected.md'), dir), 'utf8').trimEnd();
    expect(renderMarkdown(input)).toBe(expected);
  });

  it('splits sections at ## headings but not inside code blocks', () => {
    const sections = renderSections('Intro.\n\n## One\n\n```console\n## not a heading\n```\n\n## Two\n\nText.');
    expect(sections.map((s) => s.heading)).toEqual(['', 'One', 'Two']);
    expect(sections[1]!.text).toContain('## not a heading');
  });
});

describe('splitting long Markdown', () => {
  it('never cuts inside a code block, and every piece fits', () => {
    const code = ['```console', ...Array.from({ length: 120 }, (_, i) => `line ${i} ${'x'.repeat(20)}`), '```'].join('\n');
    const text = `Intro paragraph.\n\n${code}\n\nClosing words.`;
    const pieces = splitMarkdown(text, 1_000);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1_000);
      expect((piece.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(pieces.join('\n')).toContain('line 119');
  });

  it('prefers blank lines as split points', () => {
    const para = (c: string) => c.repeat(400);
    expect(splitMarkdown(`${para('a')}\n\n${para('b')}\n\n${para('c')}`, 900)).toEqual([`${para('a')}\n\n${para('b')}`, para('c')]);
  });

  it('truncates with an ellipsis and closes an open code fence', () => {
    const cut = truncate(`text\n\`\`\`\n${'y'.repeat(500)}\n\`\`\``, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect((cut.match(/```/g) ?? []).length % 2).toBe(0);
    expect(cut).toContain('…');
  });
});
