/** The corpus (test/fixtures/daemon-json) with the verdicts it should get; the integration test proves the 20.10 ones on a real dockerd. */
import { describe, expect, it } from 'vitest';
import { checkDaemonJson } from '../../src/doctor/index.ts';
import { loadCorpus } from '../fixtures/daemon-json/corpus.ts';
import { zhStyleProblems } from './helpers/zh-style.ts';

const corpus = loadCorpus();

describe('the daemon.json corpus', () => {
  it('holds at least 40 files, each with its expected verdicts and a case written down', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    for (const file of corpus) expect(file.expected.case.length, file.name).toBeGreaterThan(10);
  });

  it('covers every verdict, for all releases and for 20.10', () => {
    const verdicts = new Set(corpus.map((f) => f.expected.verdict));
    const on2010 = new Set(corpus.map((f) => f.expected['verdict-20.10']));
    expect([...verdicts].sort()).toEqual(['starts', 'starts-with-warnings', 'will-not-start']);
    expect([...on2010].sort()).toEqual(['starts', 'starts-with-warnings', 'will-not-start']);
  });

  it.each(corpus.map((f) => [f.name, f] as const))('%s gets the verdict and problems it should', (_name, file) => {
    const all = checkDaemonJson(file.text);
    expect({ verdict: all.verdict, problems: all.problems.map(({ key, severity }) => ({ key, severity })) }).toEqual({
      verdict: file.expected.verdict,
      problems: file.expected.problems,
    });
    expect(checkDaemonJson(file.text, { engine: '20.10' }).verdict).toBe(file.expected['verdict-20.10']);
  });

  it('words every problem in Chinese by the library’s rules', () => {
    const problems = corpus.flatMap((f) =>
      checkDaemonJson(f.text, { lanRanges: ['192.168.1.0/24'] }).detail.notes.flatMap((n) => zhStyleProblems(n.text.zh).map((p) => `${f.name}: ${p}`)),
    );
    expect(problems).toEqual([]);
  });
});
