import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/content/library.ts';
import { evalSetNames, evaluate, factText, loadQuestions } from '../eval/evaluate.ts';

const library = Library.load(fileURLToPath(new URL('./fixtures/section-library/', import.meta.url)));

describe('the evaluation', () => {
  it('counts an answer as holding its facts only when the rendered answer has every one', () => {
    const { metrics, misses } = evaluate(library, [
      { q: 'how do i give my container a fixed ip address', lang: 'en', expect: ['user-networks'], facts: ['--subnet', '--ip 172.28.0.10'] },
      { q: '容器怎么固定 ip', lang: 'zh', expect: ['user-networks'], facts: ['--subnet', 'docker network rm'] },
      { q: 'why does -p do nothing in host mode', lang: 'en', expect: ['host-mode'] },
      { q: 'kubectl get pods', lang: 'en', expect: [] },
    ]);
    expect(metrics).toMatchObject({ inScope: 3, outOfScope: 1, hit1: 1, outOfScopeRefused: 1, withFacts: 2, facts: 0.5 });
    expect(misses).toEqual([expect.objectContaining({ q: '容器怎么固定 ip', missingFacts: ['docker network rm'] })]);
  });

  it('compares facts without Markdown escapes, case or repeated spaces', () => {
    expect(factText('project\\_default  NET\\_ADMIN')).toBe('project_default net_admin');
  });

  it('reads every set in test/eval, the development and held-out sets first', () => {
    const names = evalSetNames();
    expect(names.slice(0, 2)).toEqual(['questions', 'heldout']);
    expect(names).toContain('real');
  });

  it('has at least 80 real-style questions in both languages, 15 of them near misses, each in-scope one with facts', () => {
    const real = loadQuestions('real');
    expect(real.length).toBeGreaterThanOrEqual(80);
    expect(real.filter((q) => q.lang === 'zh').length).toBeGreaterThanOrEqual(40);
    expect(real.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(40);
    expect(real.filter((q) => q.expect.length === 0).length).toBeGreaterThanOrEqual(15);
    expect(real.filter((q) => q.expect.length > 0 && !(q.facts && q.facts.length > 0))).toEqual([]);
  });
});
