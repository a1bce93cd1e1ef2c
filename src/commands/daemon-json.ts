/**
 * `/daemon-json` — the daemon.json doctor: says whether dockerd (Engine 20.10 to 29) starts with
 * a daemon.json, explains every key, and flags what breaks or clashes. In Discord the member
 * attaches the file or pastes it into a form (a modal, up to 4,000 characters); the console and
 * `netlab daemon-json FILE` read it from a file. Every surface gets the same answer from
 * daemonJsonAnswer().
 */
import type { Answer } from '../answer.ts';
import { checkDaemonJson, doctorAnswer } from '../doctor/index.ts';
import type { Lang } from '../i18n.ts';
import { DISCORD } from '../limits.ts';
import { slashCommand, type Command } from './command.ts';
import type { Form } from './context.ts';
import { cleanEcho } from '../text/echo.ts';

/** A pasted file fits in one text input; an attached one may be a little larger. */
export const DAEMON_JSON_MAX_BYTES = 16_384;

/** LAN ranges typed as a list: commas, spaces or new lines between them. */
export function lanRangesOf(text: string | undefined): string[] {
  // Each range is quoted back when it does not read as one: cleaned like any echo, no backticks.
  return (text ?? '').split(/[\s,，、;]+/).map((t) => cleanEcho(t).replace(/`/g, 'ˋ')).filter(Boolean).slice(0, 16);
}

export function daemonJsonAnswer(text: string, lang: Lang, options: { lan?: string | undefined; engine?: string | undefined } = {}): Answer {
  const report = checkDaemonJson(text, { lanRanges: lanRangesOf(options.lan), ...(options.engine?.trim() ? { engine: cleanEcho(options.engine, 20) } : {}) });
  return { ...doctorAnswer(report, lang), data: report.toJSON() };
}

function form(lang: Lang): Form {
  const zh = lang === 'zh';
  return {
    id: 'check',
    title: zh ? 'daemon.json 体检' : 'daemon.json doctor',
    fields: [
      { id: 'content', label: zh ? '粘贴 daemon.json 的内容' : 'Paste your daemon.json', style: 'paragraph', required: true, maxLength: DISCORD.textInputValueMax, placeholder: '{ "registry-mirrors": ["https://…"] }' },
      { id: 'lan', label: zh ? '你的局域网网段（可选）' : 'Your LAN ranges (optional)', style: 'short', required: false, maxLength: 200, placeholder: '192.168.1.0/24, 10.8.0.0/16' },
      { id: 'engine', label: zh ? 'Docker Engine 版本（可选）' : 'Docker Engine version (optional)', style: 'short', required: false, maxLength: 20, placeholder: '20.10 / 24.0 / 28.5' },
    ],
  };
}

const noInput = { en: 'Attach your daemon.json (the `file` option), or run the command without it to paste the file into a form.', zh: '请用 `file` 选项附上你的 daemon.json，或者不带附件运行这个命令，在弹出的表单里粘贴文件内容。' };

export const daemonJson: Command = {
  data: slashCommand('daemon-json', 'daemon-json', {
    en: 'Check a daemon.json: will dockerd start, what each key does, what clashes',
    zh: '检查 daemon.json：dockerd 能否启动、每个键的作用、哪里会冲突',
  })
    .addAttachmentOption((o) =>
      o
        .setName('file')
        .setNameLocalizations({ 'zh-CN': '文件', 'zh-TW': '文件' })
        .setDescription('Your daemon.json; leave it out to paste the file into a form')
        .setDescriptionLocalizations({ 'zh-CN': '你的 daemon.json；不附文件则弹出表单让你粘贴', 'zh-TW': '你的 daemon.json；不附文件则弹出表单让你粘贴' }),
    )
    .addStringOption((o) =>
      o
        .setName('lan')
        .setNameLocalizations({ 'zh-CN': '局域网', 'zh-TW': '局域网' })
        .setDescription('Your LAN ranges, to check clashes (e.g. 192.168.1.0/24)')
        .setDescriptionLocalizations({ 'zh-CN': '你的局域网网段，用来检查冲突（如 192.168.1.0/24）', 'zh-TW': '你的局域网网段，用来检查冲突（如 192.168.1.0/24）' })
        .setMaxLength(200),
    )
    .addStringOption((o) =>
      o
        .setName('engine')
        .setNameLocalizations({ 'zh-CN': '版本', 'zh-TW': '版本' })
        .setDescription('Your Docker Engine version (e.g. 20.10, 28.5); every version when left out')
        .setDescriptionLocalizations({ 'zh-CN': '你的 Docker Engine 版本（如 20.10、28.5）；不填则按所有版本检查', 'zh-TW': '你的 Docker Engine 版本（如 20.10、28.5）；不填则按所有版本检查' })
        .setMaxLength(20),
    )
    .toJSON(),
  // What a member's config says about their machine is theirs: only they see the answer.
  private: true,
  async execute(ctx) {
    const file = ctx.options.attachment('file');
    const options = { lan: ctx.options.string('lan'), engine: ctx.options.string('engine') };
    if (file && ctx.fetchAttachment) {
      await ctx.defer();
      const text = await ctx.fetchAttachment(file, DAEMON_JSON_MAX_BYTES);
      await ctx.reply(daemonJsonAnswer(text, ctx.lang, options));
      return;
    }
    if (ctx.openForm) return ctx.openForm(form(ctx.lang));
    await ctx.reply({ body: noInput[ctx.lang], tone: 'warn' });
  },
  async submit(ctx) {
    await ctx.reply(daemonJsonAnswer(ctx.fields['content'] ?? '', ctx.lang, { lan: ctx.fields['lan'], engine: ctx.fields['engine'] }));
  },
};
