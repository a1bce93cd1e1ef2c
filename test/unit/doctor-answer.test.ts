import { describe, expect, it } from 'vitest';
import { checkDaemonJson, doctorAnswer } from '../../src/doctor/index.ts';
import { zhStyleProblems } from './helpers/zh-style.ts';

const answer = (text: string, lang: 'en' | 'zh', lanRanges: string[] = []) => doctorAnswer(checkDaemonJson(text, { lanRanges }), lang);

describe('the doctor’s Answer', () => {
  it('titles, tones and ends with the verdict', () => {
    const broken = answer('{"mtu": "1500"}', 'en');
    expect(broken).toMatchObject({ title: 'daemon.json: dockerd will not start', tone: 'error' });
    expect(broken.body.endsWith('Fix the first error first: that is where dockerd stops.')).toBe(true);
    expect(answer('{"dns": ["127.0.0.1"]}', 'zh')).toMatchObject({ title: 'daemon.json：dockerd 能启动，但有警告', tone: 'warn' });
    const fine = answer('{"mtu": 1450}', 'zh');
    expect(fine).toMatchObject({ title: 'daemon.json：dockerd 能启动', tone: 'ok' });
    expect(fine.body.endsWith('重启后生效：`sudo systemctl restart docker`。')).toBe(true);
  });

  it('links to the daemon-json and registry-mirrors topics', () => {
    expect(answer('{}', 'zh').links).toEqual([
      { label: 'daemon.json 详解', topicId: 'daemon-json' },
      { label: '镜像加速', topicId: 'registry-mirrors' },
    ]);
  });

  it('lists the problems with their lines, then explains every key in the member’s language', () => {
    const body = answer('{\n  "mtu": "1500",\n  "dns": ["127.0.0.53"],\n  "live-restore": true\n}', 'zh').body;
    expect(body).toContain('❌ `mtu`（第 2 行）：`mtu` 必须是不带引号的整数。');
    expect(body).toContain('⚠️ `dns`（第 3 行）：');
    for (const key of ['mtu', 'dns', 'live-restore']) expect(body).toMatch(new RegExp(`• \`${key}\`：[^\\n]*[\\u4e00-\\u9fff]`));
    expect(answer('{"foo": 1}', 'en').body).toContain('• `foo` — Not a dockerd option.');
  });

  it('shows a syntax error as JSON, without repeating the line', () => {
    expect(answer('{"a": 1,}', 'en').body).toContain('❌ JSON — Line 1, column 9:');
  });

  it('stays within one embed for the longest input the modal takes', () => {
    const keys = Array.from({ length: 120 }, (_, i) => `"key-${i}": ${i}`).join(', ');
    const text = `{${keys}}`.slice(0, 3_998) + '}';
    for (const lang of ['en', 'zh'] as const) {
      const a = answer(text, lang);
      expect(a.body.length).toBeLessThanOrEqual(3_600);
      expect(a.body).toMatch(lang === 'zh' ? /…还有 \d+ 个(问题未列出|配置项)/ : /… and \d+ more (problems|keys)/);
      expect(a.body.endsWith(lang === 'zh' ? '先改第一个错误，dockerd 就停在那里。' : 'that is where dockerd stops.')).toBe(true);
    }
  });

  it('fields say what was checked and how many problems there are', () => {
    expect(answer('{"mtu": "1", "foo": 2, "dns": ["127.0.0.1"]}', 'en').fields).toEqual([
      { name: 'Checked against', value: 'every Engine from 20.10 to 29.7', inline: true },
      { name: 'Problems', value: '2 errors · 1 warning · 0 notes', inline: true },
    ]);
  });

  it('writes Chinese by the library’s glossary and typography', () => {
    const a = answer('{"bip": "10.50.0.1", "ipv6": true, "registry-mirror": [], "mtu": 70000}', 'zh', ['10.50.0.0/16']);
    const prose = [a.title, a.body, a.footer, ...(a.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n').replace(/`[^`]*`/g, '`x`');
    expect(zhStyleProblems(prose)).toEqual([]);
  });
});
