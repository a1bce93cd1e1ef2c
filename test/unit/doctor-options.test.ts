import { describe, expect, it } from 'vitest';
import { IGNORED_NAMES } from '../../src/doctor/options/ignored-names.ts';
import { acceptedRange, isAccepted, isFlat, isRead, OPTIONS } from '../../src/doctor/options/index.ts';
import { isBefore, releasesIn, resolveEngine } from '../../src/doctor/releases.ts';
import { zhStyleProblems } from './helpers/zh-style.ts';

describe('the options table', () => {
  it('has each key once, explained in both languages, with its source', () => {
    const keys = [...OPTIONS.map((o) => o.key), ...IGNORED_NAMES.map((n) => n.key)];
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of OPTIONS) {
      expect(o.explain.en.length, o.key).toBeGreaterThan(10);
      expect(o.explain.zh, o.key).toMatch(/[\u4e00-\u9fff]/);
      expect(zhStyleProblems(o.explain.zh), o.key).toEqual([]);
      expect(o.source, o.key).toMatch(/moby|docker\/cli/);
    }
  });

  it('has ranges that make sense', () => {
    for (const o of [...OPTIONS, ...IGNORED_NAMES]) {
      const r = acceptedRange(o.key);
      expect(r && !isBefore(r.to, r.from), o.key).toBe(true);
    }
  });

  it('knows when keys came and went', () => {
    expect(isAccepted('host-gateway-ips', '27.5')).toBe(false);
    expect(isAccepted('host-gateway-ips', '28.0')).toBe(true);
    expect(isAccepted('graph', '23.0')).toBe(true);
    expect(isAccepted('graph', '24.0')).toBe(false);
    expect(isAccepted('registry-mirror', '20.10')).toBe(true);
    expect(isRead('registry-mirror', '20.10')).toBe(false);
    expect(isRead('allow-nondistributable-artifacts', '28.0')).toBe(true);
    expect(isRead('allow-nondistributable-artifacts', '28.1')).toBe(false);
    expect(isFlat('default-network-opts', '23.0')).toBe(false);
    expect(isFlat('default-network-opts', '24.0')).toBe(true);
  });

  it('maps what members type to releases', () => {
    expect(resolveEngine('20.10.24+dfsg1')).toEqual({ from: '20.10', to: '20.10' });
    expect(resolveEngine('29')).toEqual({ from: '29.0', to: '29.7' });
    expect(releasesIn({ from: '26.0', to: '27.1' })).toEqual(['26.0', '26.1', '27.0', '27.1']);
    expect(resolveEngine('18.09')).toBeUndefined();
  });
});
