import { describe, expect, it } from 'vitest';
import { Library } from '../../src/content/library.ts';
import { BadQuestionError } from '../../src/content/question.ts';
import { evaluate, loadQuestions } from '../eval/evaluate.ts';

const library = Library.load();

describe('retrieval on the evaluation sets', () => {
  it.each(['questions', 'heldout'] as const)('%s: hit@3 ≥ 0.95 and every out-of-scope question refused', (set) => {
    const { metrics, misses } = evaluate(library, loadQuestions(set));
    expect(metrics.inScope).toBeGreaterThanOrEqual(50);
    expect(metrics.hit3, JSON.stringify(misses.slice(0, 5))).toBeGreaterThanOrEqual(0.95);
    expect(metrics.outOfScopeRefused, JSON.stringify(misses.filter((m) => m.expect.length === 0))).toBe(1);
  });

  it('has at least 60 questions, half in each language, and 8 or more out of scope', () => {
    const questions = loadQuestions('questions');
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(questions.filter((q) => q.lang === 'zh').length).toBe(questions.filter((q) => q.lang === 'en').length);
    expect(questions.filter((q) => q.expect.length === 0).length).toBeGreaterThanOrEqual(8);
  });
});

describe('ask', () => {
  const top = (q: string) => library.ask(q, 'zh').results[0]?.id;

  it('answers the blog question about none mode from mode-none', () => {
    const answer = library.ask('为什么 none 模式只有 lo', 'zh');
    expect(answer.covered).toBe(true);
    expect(answer.results[0]!.id).toBe('mode-none');
    expect(answer.results[0]!.title).toMatch(/none/i);
  });

  it('understands command-line fragments and addresses', () => {
    expect(top('docker run --net=host nginx')).toBe('mode-host');
    expect(top('daemon.json')).toBe('daemon-json');
    expect(top('bip')).toBe('daemon-json');
    expect(top('what is 172.17.0.1')).toBe('mode-bridge-default');
  });

  it('forgives typos and mixes languages', () => {
    expect(top('whats the diffrence betwen overlay and brigde')).toMatch(/overlay|bridge/);
    expect(top('container 模式 两个容器 ip 一样吗')).toBe('mode-container');
  });

  it('returns at most 5 results, best first, with scores', () => {
    const { results } = library.ask('docker network modes', 'en');
    expect(results.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < results.length; i++) expect(results[i - 1]!.score).toBeGreaterThanOrEqual(results[i]!.score);
  });

  it.each(['Kubernetes NetworkPolicy deny all ingress', 'compose healthcheck keeps failing', 'podman rootless port 80', '今晚几点开会', 'container stays unhealthy: the health check says wget: not found', 'depends_on 写了还是报错 curl: not found'])(
    'refuses %s as not covered',
    (q) => expect(library.ask(q, 'en').covered).toBe(false),
  );

  it('answers a health-check question that is about the network', () => {
    expect(library.ask('healthcheck fails with curl localhost:8080 connection refused in network_mode host', 'en').covered).toBe(true);
  });

  it.each(['', '   \n\t ', 'x'.repeat(10_000), '\u0000\u0007\u001b', '🐳🐳🔥'])('refuses a bad question politely (%#)', (q) => {
    expect(() => library.ask(q, 'en')).toThrow(BadQuestionError);
  });
});

describe('topics by name and autocomplete', () => {
  it('resolves ids, aliases and titles in either language', () => {
    expect(library.resolve('mode-none').id).toBe('mode-none');
    expect(library.resolve('点到点').id).toBe('p2p-veth-recipe');
    expect(library.resolve('--net=host').id).toBe('mode-host');
  });

  it.each([
    ['桥接', 'mode-bridge-default'],
    ['网桥', 'mode-bridge-default'],
    ['主机模式', 'mode-host'],
    ['覆盖网络', 'driver-overlay'],
    ['容器模式', 'mode-container'],
    ['自定义网络', 'mode-bridge-user-defined'],
    ['端口映射', 'port-publishing'],
    ['防火墙', 'iptables-nat'],
    ['调试', 'net-debugging'],
    ['无根模式', 'rootless-networking'],
    ['MTU', 'network-mtu'],
  ])('finds a topic by its Chinese (or common) name: /learn %s → %s', (name, id) => {
    expect(library.resolve(name).id).toBe(id);
    expect(library.autocomplete(name, 'zh')[0]!.value).toBe(id);
  });

  it('understands Traditional Chinese and Taiwan’s words, searching them in Simplified', () => {
    expect(library.ask('為什麼 none 模式只有 lo', 'zh').results[0]!.id).toBe('mode-none');
    expect(library.ask('連接埠映射不生效', 'zh').results[0]!.id).toBe('port-publishing');
    expect(library.resolve('橋接').id).toBe('mode-bridge-default');
    expect(library.autocomplete('網橋', 'zh')[0]!.value).toBe('mode-bridge-default');
  });

  it('lists first, among the topics a word prefixes, the one the word is most about', () => {
    expect(library.autocomplete('port', 'en')[0]!.value).toBe('port-publishing');
    expect(library.autocomplete('connect', 'en')[0]!.value).toBe('network-connect');
    expect(library.autocomplete('swarm', 'en')[0]!.value).toBe('swarm-ingress');
  });

  it('refuses an unknown topic with suggestions', () => {
    expect(() => library.resolve('teleportation')).toThrow(/no topic called/);
  });

  it('shows the core modes for an empty query and ranks exact aliases first', () => {
    expect(library.autocomplete('', 'en').map((c) => c.value)).toContain('mode-bridge-default');
    expect(library.autocomplete('none', 'en')[0]!.value).toBe('mode-none');
    expect(library.autocomplete('overlay', 'zh')[0]!.value).toBe('driver-overlay');
  });

  it('keeps choices within Discord limits', () => {
    for (const q of ['', 'b', 'docker', '网络', 'x'.repeat(300)]) {
      const choices = library.autocomplete(q, 'zh');
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
