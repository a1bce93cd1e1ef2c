// The quiz bank's format and validate-content's rule for it: every right answer is anchored in
// its topic's own words (the quote, and the key inside it), every distractor is plausible and
// wrong, and both languages ask the same thing.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/content/loader.ts';
import { TOPIC_KEYS } from '../../src/content/topic.ts';
import { validateQuizBank } from '../../src/content/validate.ts';
import { QuizBank, QuizBankError } from '../../src/quiz/bank.ts';
import { readerText } from '../../src/quiz/support.ts';

const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/quiz/${path}`, import.meta.url));

describe('the real quiz bank', () => {
  const bank = QuizBank.load();

  it('passes every rule against the real library', () => {
    expect(validateQuizBank().map(formatProblem)).toEqual([]);
  });

  it('ties every item to a topic key, with 3–4 choices in both languages', () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(12);
    for (const item of bank.items) {
      expect(TOPIC_KEYS as readonly string[]).toContain(item.topic);
      for (const lang of ['en', 'zh'] as const) expect(item.text[lang].distractors.length + 1).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('validateQuizBank on a fixture library', () => {
  const problems = validateQuizBank(fixture('topics'), fixture('bank'));
  const of = (id: string) => problems.filter((p) => p.message.startsWith(`${id}:`)).map((p) => `${p.rule} ${p.message}`);

  it('accepts an item whose quote, key and choices hold in both languages', () => {
    expect(of('good').filter((m) => !m.includes('id also used'))).toEqual([]);
  });

  it('refuses a quote the topic does not contain', () => {
    expect(of('quote-not-in-topic')).toEqual([expect.stringMatching(/^quiz-support .*\[en\] the quote is not in en\/alpha\.md/)]);
  });

  it('refuses a right answer that does not carry the quote’s key', () => {
    expect(of('answer-without-key')).toEqual(
      expect.arrayContaining([expect.stringMatching(/\[en\] the right answer does not contain the key/), expect.stringMatching(/\[zh\] the right answer does not contain the key/)]),
    );
  });

  it('refuses a distractor that is right too', () => {
    expect(of('distractor-with-key')).toContainEqual(expect.stringMatching(/\[en\] the distractor “It ignores `-p` and warns” contains the key/));
  });

  it('refuses giveaways: “all of the above” and a choice of another shape', () => {
    const messages = of('giveaway-and-shape');
    expect(messages).toContainEqual(expect.stringMatching(/“All of the above” tests nothing/));
    expect(messages).toContainEqual(expect.stringMatching(/is a text, the answer a code/));
  });

  it('refuses languages whose choices differ', () => {
    expect(of('languages-differ')).toEqual([expect.stringMatching(/^quiz-parity .*code spans differ/)]);
  });

  it('names duplicate ids, a file whose topic is not its name, and a missing language', () => {
    expect(of('good')).toContainEqual(expect.stringMatching(/^quiz-id .*id also used/));
    const format = problems.filter((p) => p.rule === 'quiz-format').map((p) => p.message);
    expect(format).toContainEqual(expect.stringMatching(/items\.0\.zh/));
    expect(problems.every((p) => p.line > 0)).toBe(true);
  });

  it('keeps a bank that is not a bank from loading at all', () => {
    expect(() => QuizBank.load(fixture('bank'))).toThrow(QuizBankError);
  });
});

describe('reader text', () => {
  it('ignores Markdown, case, full-width punctuation and spaces next to Chinese', () => {
    expect(readerText('只有 `lo`，地址是 127.0.0.1')).toBe(readerText('只有lo,地址是127.0.0.1'));
    expect(readerText('**Only** `lo`  (127.0.0.1)')).toBe('only lo (127.0.0.1)');
  });
});
