/**
 * The local console: slash commands typed as in Discord (`/ask …`, `/learn bridge`,
 * `/demo none`) and answered by the same handlers the bot uses, rendered for a terminal.
 */
import { createInterface } from 'node:readline';
import { ApplicationCommandOptionType } from 'discord.js';
import type { Answer } from '../answer.ts';
import type { Command } from '../commands/command.ts';
import { topicsAnswer } from '../commands/learn.ts';
import type { RawOption } from '../commands/options.ts';
import type { Library } from '../content/library.ts';
import { SCENARIO_NAMES } from '../demos/registry.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import { errorAnswer } from '../discord/dispatcher.ts';
import { isUserError } from '../errors.ts';
import { isLang, type Lang } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { closest } from '../text/did-you-mean.ts';
import { completeConsoleLine } from './complete.ts';
import { runLocalCommand } from './local-command.ts';
import { renderForTerminal, type TerminalStyle } from './terminal.ts';

export interface ConsoleDeps {
  readonly commands: ReadonlyMap<string, Command>;
  readonly library: Library;
  readonly sandbox: Sandbox;
  readonly logger: Logger;
}

export interface ConsoleState {
  lang: Lang;
}

const scenarios = SCENARIO_NAMES.join(', ');
const HELP: Record<Lang, string> = {
  en: `Type slash commands as in Discord:
  /ask <question>        e.g. /ask why does none mode only have lo
  /learn <topic>         e.g. /learn bridge   (Tab completes topics; /learn alone lists them)
  /modes                 the network modes compared
  /demo <scenario>       ${scenarios}
  /networks              the sandbox engine's docker network ls
  /lang zh|en            switch language      /help   /quit`,
  zh: `像在 Discord 里一样输入斜杠命令：
  /ask <问题>            例如 /ask 为什么 none 模式只有 lo
  /learn <主题>          例如 /learn bridge（按 Tab 补全主题；只输入 /learn 列出全部主题）
  /modes                 对比各种网络模式
  /demo <场景>           ${SCENARIO_NAMES.join('、')}
  /networks              沙箱引擎的 docker network ls
  /lang zh|en            切换语言      /help   /quit`,
};

/** `/learn topic:bridge hide:true` or `/learn bridge`: named options, else the rest of the line fills the first string option. */
export function parseOptions(command: Command, rest: string): RawOption[] {
  const defs = command.data.options ?? [];
  const raw: RawOption[] = [];
  const named = /(?:^|\s)([a-z_]+):(\S+)/g;
  const names = new Set(defs.map((d) => d.name));
  let positional = rest;
  for (const m of rest.matchAll(named)) {
    if (!names.has(m[1]!)) continue;
    const def = defs.find((d) => d.name === m[1])!;
    const value = def.type === ApplicationCommandOptionType.Boolean ? m[2] === 'true' : m[2];
    raw.push({ name: def.name, type: def.type, value });
    positional = positional.replace(m[0], ' ');
  }
  positional = positional.trim();
  const first = defs.find((d) => d.type === ApplicationCommandOptionType.String && !raw.some((r) => r.name === d.name));
  if (positional && first) raw.push({ name: first.name, type: first.type, value: positional });
  return raw;
}

/** Runs one console line and returns what to print (empty for nothing). */
export async function runConsoleLine(line: string, state: ConsoleState, deps: ConsoleDeps, style: TerminalStyle): Promise<string> {
  const text = line.trim();
  if (text === '') return '';
  const [head = '', ...restParts] = text.split(/\s+/);
  const rest = text.slice(head.length).trim();
  const name = head.replace(/^\//, '').toLowerCase();
  if (name === 'help' || name === '?') return `${HELP[state.lang]}\n`;
  if (name === 'lang') {
    const lang = restParts[0];
    if (isLang(lang)) {
      state.lang = lang;
      return lang === 'zh' ? '已切换到中文。\n' : 'Switched to English.\n';
    }
    return state.lang === 'zh' ? '用法：/lang zh 或 /lang en\n' : 'Usage: /lang zh or /lang en\n';
  }
  const command = deps.commands.get(name);
  if (!command) {
    const guess = closest(name, [...deps.commands.keys()]);
    const hint = guess ? (state.lang === 'zh' ? `你是不是想输入 /${guess}？` : `Did you mean /${guess}? `) : '';
    return state.lang === 'zh' ? `没有 /${name.slice(0, 40)} 这个命令。${hint}输入 /help 查看可用命令。\n` : `There is no /${name.slice(0, 40)} command. ${hint}Type /help for the list.\n`;
  }
  const out: string[] = [];
  const render = (answer: Answer) => renderForTerminal(answer, state.lang, style, 'console');
  try {
    if (name === 'learn' && rest === '') return render(topicsAnswer(deps.library, state.lang, 'console'));
    const answer = await runLocalCommand(deps, { command, options: parseOptions(command, rest), lang: state.lang, surface: 'console', onProgress: (a) => out.push(render(a)) });
    out.push(render(answer));
  } catch (error) {
    if (!isUserError(error)) deps.logger.error({ err: error, command: name }, 'console command failed');
    out.push(render(errorAnswer(error, state.lang)));
  }
  return out.join('\n');
}

export async function runConsole(deps: ConsoleDeps, options: { lang: Lang; input: NodeJS.ReadableStream; output: NodeJS.WritableStream; intro?: string }): Promise<void> {
  const style = { color: Boolean((options.output as { isTTY?: boolean }).isTTY) };
  const state: ConsoleState = { lang: options.lang };
  const commands = [...deps.commands.keys(), 'help', 'lang', 'quit'];
  const completer = (line: string) => completeConsoleLine(line, { library: deps.library, lang: state.lang, commands });
  const rl = createInterface({ input: options.input, output: options.output, prompt: 'netlab> ', completer, terminal: style.color });
  if (options.intro) options.output.write(`${options.intro}\n`);
  options.output.write(`${HELP[state.lang]}\n\n`);
  rl.prompt();
  for await (const line of rl) {
    if (/^\/?(quit|exit)$/i.test(line.trim())) break;
    options.output.write(await runConsoleLine(line, state, deps, style));
    rl.prompt();
  }
  rl.close();
}
