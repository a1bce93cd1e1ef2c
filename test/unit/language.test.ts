import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerLanguage, questionLanguage } from '../../src/content/language.ts';

describe('the language of a question', () => {
  it.each([
    ['docker0 是啥', 'zh'],
    ['为什么 none 模式只有 lo', 'zh'],
    ['容器IP怎么固定', 'zh'],
    ['為什麼 none 模式只有 lo', 'zh'],
    ['docker network rm bridge 报 bridge is a pre-defined network and cannot be removed 默认这个删不掉吗', 'zh'],
    ['macvlan 宿主机 ping 不通', 'zh'],
    ['why does none mode only have lo', 'en'],
    ['port is already allocated', 'en'],
    ['what does 桥接 mean', 'en'],
    ['notes mention 内嵌DNS and 用户自定义网络 — whats the english for those', 'en'],
    ['docker0', 'unclear'],
    ['ip a', 'unclear'],
    ['macvlan vs ipvlan', 'unclear'],
    ['`docker run --network host nginx`', 'unclear'],
    ['端口冲突 port is already allocated', 'zh'],
    ['改完 daemon.json 重启 docker 失败 unable to configure the Docker daemon with file /etc/docker/daemon.json', 'zh'],
    ['port is already allocated 端口冲突', 'unclear'],
    ['docker build 里 apt-get update 一直卡在 Waiting for headers', 'zh'],
    ['what does 桥接 or 网桥 mean', 'en'],
    ['Почему docker0 не работает', 'unclear'],
    ['docker0 とは', 'unclear'],
  ] as const)('%s → %s', (question, expected) => {
    expect(questionLanguage(question)).toBe(expected);
  });

  it('answers in the question’s language when clear, else in the member’s', () => {
    expect(answerLanguage('docker0 是啥', 'en')).toBe('zh');
    expect(answerLanguage('why does none mode only have lo', 'zh')).toBe('en');
    expect(answerLanguage('docker0', 'zh')).toBe('zh');
    expect(answerLanguage('docker0', 'en')).toBe('en');
  });

  it('never takes a question of the evaluation sets for the other language', () => {
    const dir = new URL('../eval/', import.meta.url);
    const questions = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { q: string; lang: string }[]);
    expect(questions.length).toBeGreaterThan(100);
    expect(questions.filter((q) => ![q.lang, 'unclear'].includes(questionLanguage(q.q))).map((q) => q.q)).toEqual([]);
    // Chinese questions are Chinese whatever they quote.
    expect(questions.filter((q) => q.lang === 'zh' && questionLanguage(q.q) !== 'zh').map((q) => q.q)).toEqual([]);
  });
});
