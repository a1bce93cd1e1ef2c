/**
 * doctorAnswer: the report as an Answer in the member's language. The problems come first, in the
 * order dockerd meets them, then one line per key of the file, then the verdict. The body stays
 * within one embed (BODY_BUDGET); what does not fit is counted, never cut mid-line.
 */
import type { Answer, AnswerField } from '../answer.ts';
import type { Bilingual } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import { stripInvisible } from '../text/echo.ts';
import type { Severity } from './finding.ts';
import { describeRange, NEWEST, OLDEST } from './releases.ts';
import type { DoctorReport, Verdict } from './report.ts';

const BODY_BUDGET = 3_600;

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

const TEXT = {
  problems: { en: '**Problems**', zh: '**问题**' },
  keys: { en: '**What each key does**', zh: '**各配置项的作用**' },
  noKeys: { en: 'The doctor could not read any key: fix the syntax first.', zh: '一个配置项也读不出来：请先修正语法。' },
  checked: { en: 'Checked against', zh: '检查范围' },
  counts: { en: 'Problems', zh: '问题' },
  footer: {
    en: 'dockerd stops at the first error. Keys also given as dockerd flags (systemd unit, DOCKER_OPTS) are out of sight here.',
    zh: 'dockerd 遇到第一个错误就会停下。同时以 dockerd 启动参数给出的配置项（systemd 单元、DOCKER_OPTS）在这里看不到。',
  },
  learn: { en: 'daemon.json, explained', zh: 'daemon.json 详解' },
  mirrors: { en: 'Registry mirrors', zh: '镜像加速' },
} satisfies Record<string, Bilingual>;

const TITLE: Record<Verdict, Bilingual> = {
  'will-not-start': { en: 'daemon.json: dockerd will not start', zh: 'daemon.json：dockerd 无法启动' },
  'starts-with-warnings': { en: 'daemon.json: dockerd starts, with warnings', zh: 'daemon.json：dockerd 能启动，但有警告' },
  starts: { en: 'daemon.json: dockerd starts', zh: 'daemon.json：dockerd 能启动' },
};

const VERDICT: Record<Verdict, Bilingual> = {
  'will-not-start': {
    en: '**Verdict: dockerd will not start.** Fix the first error first: that is where dockerd stops.',
    zh: '**结论：dockerd 无法启动。** 先改第一个错误，dockerd 就停在那里。',
  },
  'starts-with-warnings': {
    en: '**Verdict: dockerd starts, with warnings.** Some settings will not do what you expect, or only some Engine versions accept them.',
    zh: '**结论：dockerd 能启动，但有警告。** 有些设置不会按你的预期生效，或者只有部分 Engine 版本接受。',
  },
  starts: {
    en: '**Verdict: dockerd starts.** Restart it to apply the file: `sudo systemctl restart docker`.',
    zh: '**结论：dockerd 能启动。** 重启后生效：`sudo systemctl restart docker`。',
  },
};

const shownKey = (key: string) => (key === '(json)' ? 'JSON' : key === '(lan)' ? 'LAN' : `\`${key}\``);

function countText(report: DoctorReport, lang: Lang): string {
  const n = (s: Severity) => report.problems.filter((p) => p.severity === s).length;
  const [e, w, i] = [n('error'), n('warning'), n('info')];
  if (lang === 'zh') return `${e} 个错误 · ${w} 个警告 · ${i} 条提示`;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${plural(e, 'error')} · ${plural(w, 'warning')} · ${plural(i, 'note')}`;
}

/** Adds lines while they fit, then one line saying how many were left out. */
function fit(lines: readonly string[], budget: number, more: (n: number) => string): string[] {
  const out: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i;
    if (used + line.length + 1 + (rest > 1 ? more(rest).length + 1 : 0) > budget) {
      out.push(more(rest));
      return out;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out;
}

export function doctorAnswer(report: DoctorReport, lang: Lang): Answer {
  const { notes, keys, engine, unknownEngine } = report.detail;
  const problemLines = notes.map((n) => {
    const line = n.line === undefined || n.key === '(json)' ? '' : lang === 'zh' ? `（第 ${n.line} 行）` : ` (line ${n.line})`;
    const sep = lang === 'zh' ? '：' : ' — ';
    return `${ICON[n.severity]} ${shownKey(n.key)}${line}${sep}${n.text[lang]}`;
  });
  const keyLines = keys.map((k) => `• \`${k.key}\`${lang === 'zh' ? '：' : ' — '}${k.text[lang]}`);
  const verdict = VERDICT[report.verdict][lang];
  const engineNote = unknownEngine
    ? lang === 'zh'
      ? `没有这个 Engine 版本的资料，按 ${OLDEST} 至 ${NEWEST} 的所有版本检查。`
      : `No data for that Engine version: checked against every release from ${OLDEST} to ${NEWEST}.`
    : undefined;

  let budget = BODY_BUDGET - verdict.length - 2 - (engineNote ? engineNote.length + 2 : 0);
  const sections: string[] = [];
  if (problemLines.length > 0) {
    const shown = fit(problemLines, Math.max(budget - TEXT.problems[lang].length - 40, 200), (n) =>
      lang === 'zh' ? `…还有 ${n} 个问题未列出` : `… and ${n} more problems`,
    );
    sections.push([TEXT.problems[lang], ...shown].join('\n'));
    budget -= sections[0]?.length ?? 0;
  }
  const keyBlock = keyLines.length > 0
    ? fit(keyLines, budget - TEXT.keys[lang].length - 4, (n) => (lang === 'zh' ? `…还有 ${n} 个配置项` : `… and ${n} more keys`))
    : [TEXT.noKeys[lang]];
  if (budget > TEXT.keys[lang].length + 40) sections.push([TEXT.keys[lang], ...keyBlock].join('\n'));
  else if (keyLines.length > 0) sections.push(lang === 'zh' ? `（${keyLines.length} 个配置项的说明放不下了）` : `(no room left to explain the ${keyLines.length} keys)`);
  if (engineNote) sections.push(engineNote);
  sections.push(verdict);

  const fields: AnswerField[] = [
    { name: TEXT.checked[lang], value: describeRange(engine)[lang], inline: true },
    { name: TEXT.counts[lang], value: countText(report, lang), inline: true },
  ];
  // Keys, values and LAN ranges are the member's own text, quoted throughout the report.
  return {
    title: TITLE[report.verdict][lang],
    body: stripInvisible(sections.join('\n\n')),
    fields: fields.map((f) => ({ ...f, value: stripInvisible(f.value) })),
    footer: TEXT.footer[lang],
    tone: report.verdict === 'will-not-start' ? 'error' : report.verdict === 'starts-with-warnings' ? 'warn' : 'ok',
    links: [
      { label: TEXT.learn[lang], topicId: 'daemon-json' },
      { label: TEXT.mirrors[lang], topicId: 'registry-mirrors' },
    ],
  };
}
