/**
 * The local console: slash commands typed as in Discord (`/ask …`, `/learn bridge`,
 * `/demo none`) and answered by the same handlers the bot uses, rendered for a terminal.
 */
import { createInterface } from 'node:readline';
import { ApplicationCommandOptionType } from 'discord.js';
import type { ActionButton, Answer } from '../answer.ts';
import type { Command } from '../commands/command.ts';
import { topicsAnswer } from '../commands/learn.ts';
import type { RawOption } from '../commands/options.ts';
import type { Library } from '../content/library.ts';
import { SCENARIO_NAMES } from '../demos/registry.ts';
import type { Sandbox } from '../docker/sandbox.ts';
import { errorAnswer } from '../discord/dispatcher.ts';
import { isUserError } from '../errors.ts';
import { isLang, type Lang } from '../i18n.ts';
import type { LogSink } from '../log-sink.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { closest } from '../text/did-you-mean.ts';
import { cleanEcho } from '../text/echo.ts';
import { daemonJsonAnswer } from '../commands/daemon-json.ts';
import { readDaemonJsonFile, UnreadableDaemonJsonError } from './daemon-json.ts';
import { completeConsoleLine } from './complete.ts';
import { runLocalButton, runLocalCommand } from './local-command.ts';
import { renderForTerminal, type TerminalStyle } from './terminal.ts';

export interface ConsoleDeps {
  readonly commands: ReadonlyMap<string, Command>;
  readonly library: Library;
  readonly sandbox: Sandbox;
  readonly store: Store;
  readonly logger: Logger;
  /** Where logs go: attached to the prompt so a log line never lands on what is being typed. */
  readonly logSink?: LogSink;
}

export interface ConsoleState {
  lang: Lang;
  /** The buttons of the last answer: typing a number presses one. */
  buttons?: readonly ActionButton[];
}

const scenarios = SCENARIO_NAMES.join(', ');
const HELP: Record<Lang, string> = {
  en: `Type slash commands as in Discord:
  /ask <question>        e.g. /ask why does none mode only have lo
  /learn <topic>         e.g. /learn bridge   (Tab completes topics; /learn alone lists them)
  /modes                 the network modes compared
  /demo <scenario>       ${scenarios}
  /networks              the sandbox engine's docker network ls
  /daemon-json <file>    check a daemon.json: will dockerd start, what each key does
  /quiz [topic]          a question; type the number of your answer
  /progress              what you have read, run and answered; what next
  /forget-me             delete everything netlab keeps about you
  /lang zh|en            switch language      /help   /quit`,
  zh: `像在 Discord 里一样输入斜杠命令：
  /ask <问题>            例如 /ask 为什么 none 模式只有 lo
  /learn <主题>          例如 /learn bridge（按 Tab 补全主题；只输入 /learn 列出全部主题）
  /modes                 对比各种网络模式
  /demo <场景>           ${SCENARIO_NAMES.join('、')}
  /networks              沙箱引擎的 docker network ls
  /daemon-json <文件>    检查 daemon.json：dockerd 能否启动、每个键的作用
  /quiz [主题]           出一道题，输入答案的编号作答
  /progress              看看读过、跑过、答过什么，接下来学什么
  /forget-me             删除 netlab 保存的关于你的所有记录
  /lang zh|en            切换语言      /help   /quit`,
};

/**
 * Options typed as in Discord: `/ask question:why does none mode only have lo`,
 * `/learn topic:mode-host hide:true`, or positional text (`/learn bridge`), which fills the first
 * text option. A named value runs up to the next `name:` of this command's options, so values may
 * have spaces.
 */
export function parseOptions(command: Command, rest: string): RawOption[] {
  const defs = command.data.options ?? [];
  const names = defs.map((d) => d.name);
  const marker = new RegExp(`(?:^|\\s)(${names.map((n) => n.replace(/[-_]/g, '\\$&')).join('|')}):`, 'g');
  const marks = names.length > 0 ? [...rest.matchAll(marker)] : [];
  const raw: RawOption[] = [];
  const positional = (marks.length > 0 ? rest.slice(0, marks[0]!.index) : rest).trim();
  marks.forEach((m, i) => {
    const def = defs.find((d) => d.name === m[1])!;
    const start = m.index! + m[0].length;
    const text = rest.slice(start, i + 1 < marks.length ? marks[i + 1]!.index : undefined).trim();
    const value = def.type === ApplicationCommandOptionType.Boolean ? /^(true|yes|1|是)$/i.test(text) : text;
    raw.push({ name: def.name, type: def.type, value });
  });
  const first = defs.find((d) => d.type === ApplicationCommandOptionType.String && !raw.some((r) => r.name === d.name));
  if (positional && first) raw.push({ name: first.name, type: first.type, value: positional });
  return raw;
}

/**
 * `/daemon-json <file>` reads a daemon.json from this machine (`/daemon-json /etc/docker/daemon.json`);
 * `/daemon-json { … }` checks JSON typed on the line. Discord's form has no console twin.
 */
async function daemonJsonFromConsole(rest: string, lang: Lang): Promise<Answer> {
  const usage = lang === 'zh' ? '用法：`/daemon-json <文件路径>`，例如 `/daemon-json /etc/docker/daemon.json`；也可以直接输入 `/daemon-json {"mtu": 1400}`。' : 'Usage: `/daemon-json <file>`, e.g. `/daemon-json /etc/docker/daemon.json`, or JSON on the line: `/daemon-json {"mtu": 1400}`.';
  if (rest === '') return { body: usage, tone: 'warn' };
  if (rest.startsWith('{') || rest.startsWith('[')) return daemonJsonAnswer(rest, lang);
  try {
    // The same reader as `netlab daemon-json`: a file over the cap is refused, never cut short.
    return daemonJsonAnswer(await readDaemonJsonFile(rest), lang);
  } catch (error) {
    if (!(error instanceof UnreadableDaemonJsonError)) throw error;
    const reason = error.messageFor(lang);
    return { body: lang === 'zh' ? `${reason}${usage}` : `${reason.charAt(0).toUpperCase()}${reason.slice(1)} ${usage}`, tone: 'warn' };
  }
}

/** Runs one console line and returns what to print (empty for nothing). */
export async function runConsoleLine(line: string, state: ConsoleState, deps: ConsoleDeps, style: TerminalStyle, signal?: AbortSignal): Promise<string> {
  const text = line.trim();
  if (text === '') return '';
  if (/^\d+$/.test(text)) {
    const pressed = state.buttons?.[Number(text) - 1];
    if (pressed) return pressButton(pressed, state, deps, style);
    return state.lang === 'zh' ? '没有这个编号的按钮。先用 /quiz 之类的命令得到带按钮的回答。\n' : 'There is no button with that number. Commands like /quiz give answers with buttons.\n';
  }
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
    const shown = cleanEcho(name, 40);
    return state.lang === 'zh' ? `没有 /${shown} 这个命令。${hint}输入 /help 查看可用命令。\n` : `There is no /${shown} command. ${hint}Type /help for the list.\n`;
  }
  const out: string[] = [];
  const render = (answer: Answer) => renderForTerminal(answer, state.lang, style, 'console');
  try {
    if (name === 'learn' && rest === '') return render(topicsAnswer(deps.library, state.lang, 'console'));
    if (name === 'daemon-json') return render(await daemonJsonFromConsole(rest, state.lang));
    const answer = await runLocalCommand(deps, { command, options: parseOptions(command, rest), lang: state.lang, surface: 'console', onProgress: (a) => out.push(render(a)), ...(signal ? { signal } : {}) });
    state.buttons = answer.buttons;
    out.push(render(answer));
  } catch (error) {
    if (signal?.aborted) return ''; // the member pressed Ctrl-C: the console is closing anyway
    if (!isUserError(error)) deps.logger.error({ err: error, command: name }, 'console command failed');
    out.push(render(errorAnswer(error, state.lang)));
  }
  return out.join('\n');
}

/** A number typed after an answer with buttons: the button's own command handles it, as a click in Discord. */
async function pressButton(button: ActionButton, state: ConsoleState, deps: ConsoleDeps, style: TerminalStyle): Promise<string> {
  const render = (answer: Answer) => renderForTerminal(answer, state.lang, style, 'console');
  const command = deps.commands.get(button.command);
  state.buttons = undefined;
  if (!command) return '';
  try {
    const answer = await runLocalButton(deps, { command, argument: button.argument, lang: state.lang, surface: 'console' });
    state.buttons = answer.buttons;
    return render(answer);
  } catch (error) {
    if (!isUserError(error)) deps.logger.error({ err: error, command: button.command }, 'console button failed');
    return render(errorAnswer(error, state.lang));
  }
}

export interface ConsoleOptions {
  readonly lang: Lang;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly intro?: string;
  /** Fires when the console must end: SIGTERM, or a reader of its output that went away (EPIPE). */
  readonly stop?: AbortSignal;
  /** A second Ctrl-C: leave now, whatever is still running (the caller exits the process). */
  readonly onForceExit?: () => void;
}

export type ConsoleEnd = 'quit' | 'interrupted' | 'stopped' | 'input-closed';

/**
 * The console's loop. Every way out ends it promptly so the caller can shut the sandbox down:
 * `/quit`, Ctrl-D, Ctrl-C at the prompt or during a command (which cancels the command), the
 * `stop` signal. Ctrl-C on a half-typed line only clears it; a second Ctrl-C while stopping
 * forces the exit.
 */
export async function runConsole(deps: ConsoleDeps, options: ConsoleOptions): Promise<ConsoleEnd> {
  const style = { color: Boolean((options.output as { isTTY?: boolean }).isTTY) };
  const state: ConsoleState = { lang: options.lang };
  const say = (text: string) => void options.output.write(text);
  const commands = [...deps.commands.keys(), 'help', 'lang', 'quit'];
  const completer = (line: string) => completeConsoleLine(line, { library: deps.library, lang: state.lang, commands });
  const rl = createInterface({ input: options.input, output: options.output, prompt: 'netlab> ', completer, terminal: style.color });
  deps.logSink?.attach(rl, options.output);
  let end: ConsoleEnd | undefined;
  let running: AbortController | undefined;
  const finish = (why: ConsoleEnd) => {
    if (end) return;
    end = why;
    running?.abort(new Error('the console is closing'));
    rl.close();
  };
  rl.on('SIGINT', () => {
    const typed = (rl as unknown as { line: string }).line;
    if (!end && !running && typed.length > 0) {
      rl.write(null, { ctrl: true, name: 'u' }); // clear the half-typed line, stay
      return;
    }
    if (end) {
      say(state.lang === 'zh' ? '\n强制退出。下次启动 netlab 时会清理剩下的容器。\n' : '\nForced exit. The next netlab start removes whatever is left.\n');
      options.onForceExit?.();
      return;
    }
    say(
      running
        ? state.lang === 'zh'
          ? '\n正在停止演示并删除它的容器…（再按一次 Ctrl-C 强制退出）\n'
          : '\nStopping the demo and removing its containers… (Ctrl-C again to force)\n'
        : '\n',
    );
    finish('interrupted');
  });
  rl.on('close', () => finish('input-closed'));
  options.stop?.addEventListener('abort', () => finish('stopped'), { once: true });
  if (options.stop?.aborted) finish('stopped');
  if (options.intro) say(`${options.intro}\n`);
  say(`${HELP[state.lang]}\n\n`);
  if (!end) rl.prompt();
  for await (const line of rl) {
    if (/^\/?(quit|exit)$/i.test(line.trim())) {
      finish('quit');
      break;
    }
    running = new AbortController();
    const printed = await runConsoleLine(line, state, deps, style, running.signal);
    running = undefined;
    if (end && end !== 'input-closed') break;
    say(printed);
    if (end) break;
    rl.prompt();
  }
  deps.logSink?.detach();
  rl.close();
  return end ?? 'input-closed';
}
