import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/content/loader.ts';
import { validateLibrary } from '../../src/content/validate.ts';
import { TOPIC_KEYS } from '../../src/content/topic.ts';
import { Library } from '../../src/content/library.ts';
import { renderForDiscord } from '../../src/discord/reply.ts';
import { topicAnswer } from '../../src/commands/learn.ts';
import { LANGS } from '../../src/i18n.ts';
import { DISCORD } from '../../src/limits.ts';

describe('the real library', () => {
  it('passes every validation rule', () => {
    expect(validateLibrary().map(formatProblem)).toEqual([]);
  });

  it('has every topic key in both languages', () => {
    const library = Library.load();
    for (const key of TOPIC_KEYS) for (const lang of LANGS) expect(library.doc(key, lang).id).toBe(key);
  });

  it('renders every topic within Discord limits', () => {
    const library = Library.load();
    for (const topic of library.topics) {
      for (const lang of LANGS) {
        for (const payload of renderForDiscord(topicAnswer(library, topic.id, lang), { hide: false })) {
          expect(payload.embeds.length).toBeLessThanOrEqual(DISCORD.embedsPerMessage);
          for (const embed of payload.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD.embedDescriptionMax);
        }
      }
    }
  });
});

describe('validation rules', () => {
  const problems = validateLibrary(fileURLToPath(new URL('./fixtures/bad-library/', import.meta.url)));
  const rules = (rule: string) => problems.filter((p) => p.rule === rule);

  it('reports each broken rule with its own message, file and line', () => {
    expect(rules('front-matter').map((p) => p.message)).toContain('`summary` is required and must be a non-empty string');
    expect(rules('id-matches-file')[0]).toMatchObject({ file: expect.stringContaining('en/beta.md'), line: 2 });
    expect(rules('unique-aliases')[0]!.message).toContain('shared-alias');
    expect(rules('related-exists')[0]).toMatchObject({ line: 7, message: expect.stringContaining('no-such-topic') });
    expect(rules('link-format').map((p) => p.message).join('\n')).toMatch(/insecure\.example\.com[\s\S]*ftp:\/\/nope/);
    expect(rules('demo-scenario')[0]!.message).toContain('teleport');
    expect(rules('heading-depth')[0]!.line).toBe(13);
    expect(rules('no-html')).toHaveLength(1);
    expect(rules('no-mentions')).toHaveLength(1);
    expect(rules('fence-closed')).toHaveLength(1);
  });

  it('names topics missing in a language', () => {
    const missing = rules('every-language').map((p) => p.file);
    expect(missing).toContain('test/unit/fixtures/bad-library/zh/gamma.md');
    expect(missing).toContain('test/unit/fixtures/bad-library/en/mode-none.md');
  });
});
