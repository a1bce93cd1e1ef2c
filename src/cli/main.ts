/**
 * The `netlab` command line. `ask`, `learn`, `demo` and `networks` run the slash commands' own
 * handlers (as the console and Discord do), `daemon-json` the doctor's answer that /daemon-json
 * gives; they differ only in how the answer is printed: for a terminal, or as JSON with `--json`.
 * Flags are parsed with node:util's parseArgs, so an unknown flag is refused. Exit codes:
 * 0 success, 1 a failure at run time (engine down, Discord unreachable) or a daemon.json that
 * dockerd would not start with, 2 bad input (unknown topic, scenario or flag, empty question, a
 * file that cannot be read). Errors are one readable line, never a stack trace.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../app.ts';
import { isPicture, type Answer } from '../answer.ts';
import { COMMANDS } from '../commands/index.ts';
import { topicsAnswer } from '../commands/learn.ts';
import { BadOptionError } from '../commands/options.ts';
import type { Config } from '../config.ts';
import { daemonJsonAnswer } from '../commands/daemon-json.ts';
import { UnknownTopicError } from '../content/library.ts';
import { BadQuestionError } from '../content/question.ts';
import { UnknownScenarioError } from '../demos/refusals.ts';
import { SCENARIO_NAMES } from '../demos/registry.ts';
import { scenarioCatalog } from '../demos/run-demo.ts';
import { deployCommands } from '../discord/deploy-commands.ts';
import type { DoctorReportJson } from '../doctor/index.ts';
import { ConfigError, isUserError } from '../errors.ts';
import { isLang, type Lang } from '../i18n.ts';
import { scrubSecrets } from '../log.ts';
import { REPO_ROOT } from '../paths.ts';
import { closest } from '../text/did-you-mean.ts';
import { cleanEcho } from '../text/echo.ts';
import { answerLocalQuiz, describeBackup } from './companion.ts';
import { runConsole } from './console.ts';
import { exitCodeFor, readDaemonJson, UnreadableDaemonJsonError } from './daemon-json.ts';
import { rawOptions, runLocalCommand } from './local-command.ts';
import { describeStatus } from './status.ts';
import { renderForTerminal } from './terminal.ts';
import { startGateway } from './start.ts';

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: netlab <command> [options]

  start                          connect to Discord (DISCORD_TOKEN), or open the console without one
  console [--lang zh|en]         slash commands in the terminal, answered by the bot's handlers
  ask "<question>" [--lang zh|en] [--json]
  ask --json --stdin             one question per line in, one JSON object per line out
  learn [<topic|alias>] [--lang zh|en] [--json]     no topic: the list of topics
  topics [--lang zh|en] [--json]
  demo <scenario> [--lang zh|en] [--json] [--png FILE]    scenarios: ${SCENARIO_NAMES.join(', ')}
                                 --png FILE writes the run's topology picture
  networks [--lang zh|en] [--json]            the sandbox engine's docker network ls
  quiz [<topic>] [--lang zh|en] [--json]      a question for you, the local member
  quiz --answer <n> [--json]     answer it with choice n
  progress [--lang zh|en] [--json]            what you have read, run and answered; what next
  daemon-json <file|-> [--lan CIDR,…] [--engine X.Y] [--lang zh|en] [--json]
                                 will dockerd start with this daemon.json? (- reads stdin; exit 1 if not)
  db backup <file>               copy the live database (NETLAB_DB) with SQLite's online backup
  deploy-commands                register the slash commands with Discord (reads .env like start)
  sandbox status [--json]        engine, swarm, demo image, pool and scenarios
  sandbox reap [--dead|--all]    remove what gone netlab processes left, and expired leftovers

  -h, --help                     this help (also after any command)
  --version                      netlab's version
`;

type FlagSpec = { readonly type: 'boolean' | 'string'; readonly short?: string };
const LANG: Record<string, FlagSpec> = { lang: { type: 'string' } };
const JSON_FLAG: Record<string, FlagSpec> = { json: { type: 'boolean' }, pretty: { type: 'boolean' } };

/** Every subcommand, its flags and whether it takes words after it. */
const SUBCOMMANDS: Readonly<Record<string, { readonly flags: Record<string, FlagSpec>; readonly words: boolean }>> = {
  start: { flags: {}, words: false },
  console: { flags: { ...LANG }, words: false },
  ask: { flags: { ...LANG, ...JSON_FLAG, stdin: { type: 'boolean' } }, words: true },
  learn: { flags: { ...LANG, ...JSON_FLAG }, words: true },
  topics: { flags: { ...LANG, ...JSON_FLAG }, words: false },
  demo: { flags: { ...LANG, ...JSON_FLAG, png: { type: 'string' } }, words: true },
  networks: { flags: { ...LANG, ...JSON_FLAG }, words: false },
  quiz: { flags: { ...LANG, ...JSON_FLAG, answer: { type: 'string' } }, words: true },
  progress: { flags: { ...LANG, ...JSON_FLAG }, words: false },
  'daemon-json': { flags: { ...LANG, ...JSON_FLAG, lan: { type: 'string' }, engine: { type: 'string' } }, words: true },
  db: { flags: {}, words: true },
  sandbox: { flags: { ...JSON_FLAG, all: { type: 'boolean' }, dead: { type: 'boolean' } }, words: true },
  'deploy-commands': { flags: {}, words: false },
};

class UsageError extends Error {}

interface Parsed {
  readonly command: string;
  readonly words: string[];
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
}

function parse(argv: readonly string[]): Parsed | 'help' | 'version' {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '-h' || command === '--help') return 'help';
  if (command === '--version' || command === '-v') return 'version';
  const spec = SUBCOMMANDS[command];
  if (!spec) {
    const guess = closest(command, Object.keys(SUBCOMMANDS));
    throw new UsageError(`unknown command “${cleanEcho(command)}”${guess ? ` — did you mean \`netlab ${guess}\`?` : ''}`);
  }
  const options = { ...spec.flags, help: { type: 'boolean', short: 'h' } } as const;
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options, strict: true, allowPositionals: true });
    if (values.help) return 'help';
    if (!spec.words && positionals.length > 0) throw new UsageError(`netlab ${command} takes no arguments (got “${cleanEcho(positionals[0]!)}”)`);
    return { command, words: positionals, flags: values as Parsed['flags'] };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const flag = /'(-[^']+)'/.exec((error as Error).message)?.[1] ?? '';
    const guess = flag.startsWith('--') ? closest(flag.slice(2).split('=')[0]!, Object.keys(options)) : undefined;
    const known = Object.keys(spec.flags).map((f) => `--${f}`);
    throw new UsageError(
      `netlab ${command}: ${flag ? `unknown option ${cleanEcho(flag)}` : (error as Error).message}${guess ? ` — did you mean --${guess}?` : ''}${known.length ? ` (options: ${known.join(', ')})` : ''}. A question that starts with "-" goes after "--": netlab ask -- --net=host`,
    );
  }
}

function systemLang(): Lang {
  return Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function langOf(flags: Parsed['flags']): Lang {
  const value = flags.lang;
  if (value === undefined) return systemLang();
  if (!isLang(value)) throw new UsageError('--lang takes zh or en');
  return value;
}

const stringFlag = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

function version(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

async function askJsonStdin(app: App, lang: Lang, io: Io): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    try {
      const answer = await runLocalCommand(app, { command: COMMANDS.get('ask')!, options: rawOptions(COMMANDS.get('ask')!, { question: line }), lang, surface: 'shell' });
      write(io.stdout, JSON.stringify(answer.data));
    } catch (error) {
      if (!isUserError(error)) throw error;
      write(io.stdout, JSON.stringify({ covered: false, results: [], error: error.id }));
    }
  }
  return 0;
}

/**
 * The doctor is pure: it needs no settings, engine or database, so a DOCKER_HOST or token that
 * netlab would refuse does not stop someone checking a daemon.json.
 */
async function runDaemonJson({ words, flags }: Parsed, io: Io): Promise<number> {
  if (words.length !== 1) throw new UsageError('daemon-json takes one file, or - for stdin: netlab daemon-json /etc/docker/daemon.json');
  const lang = langOf(flags);
  const text = await readDaemonJson(words[0]!, io.stdin);
  const answer = daemonJsonAnswer(text, lang, { lan: stringFlag(flags.lan), engine: stringFlag(flags.engine) });
  if (flags.json === true) write(io.stdout, JSON.stringify(answer.data, null, flags.pretty ? 2 : undefined));
  else write(io.stdout, renderForTerminal(answer, lang, { color: Boolean(io.stdout.isTTY) }, 'shell'));
  return exitCodeFor((answer.data as DoctorReportJson).verdict);
}

async function run(parsed: Parsed, io: Io): Promise<number> {
  const { command, words, flags } = parsed;
  if (command === 'daemon-json') return runDaemonJson(parsed, io);
  const json = flags.json === true;
  const style = { color: Boolean(io.stdout.isTTY) && !json };
  const quiet = command === 'start' || command === 'console' ? undefined : 'warn';
  // The console has one member at the keyboard: no cooldown between their demos, and one warm
  // container per kind is all they can use. One-shot commands exit before a pool would pay off.
  const local = (c: Config) => command === 'console' || (command === 'start' && !c.discord.token);
  // Closes the store when this function ends: every branch below awaits its work first.
  using app = createApp({
    env: io.env,
    ...(quiet ? { logLevel: quiet } : {}),
    sandboxOverrides: (c) => (local(c) ? { userCooldownMs: 0, poolSize: Math.min(1, c.sandbox.poolSize) } : command === 'start' ? {} : { poolSize: 0 }),
  });
  const print = (value: unknown) => write(io.stdout, JSON.stringify(value, null, flags.pretty ? 2 : undefined));
  const show = (answer: Answer, lang: Lang) => {
    if (typeof flags.png === 'string') writePicture(answer, flags.png);
    return json ? print(answer.data ?? null) : write(io.stdout, renderForTerminal(answer, lang, style, 'shell'));
  };
  /** A slash command's own handler, with the words after the subcommand as its first option. */
  const slash = async (name: string, option: string | undefined, needsSandbox: boolean) => {
    const lang = langOf(flags);
    const cmd = COMMANDS.get(name)!;
    const execute = async () => {
      show(await runLocalCommand(app, { command: cmd, options: rawOptions(cmd, option ? { [option]: words.join(' ') } : {}), lang, surface: 'shell' }), lang);
      return 0;
    };
    return needsSandbox ? withSandbox(app, execute) : execute();
  };
  switch (command) {
    case 'start':
      if (app.config.discord.token) return await startGateway(app);
      return await runConsoleWithSandbox(app, systemLang(), io, START_HINT);
    case 'console':
      return await runConsoleWithSandbox(app, langOf(flags), io);
    case 'ask':
      if (flags.stdin) return await askJsonStdin(app, langOf(flags), io);
      return await slash('ask', 'question', false);
    case 'learn':
      if (words.length === 0) {
        show(topicsAnswer(app.library, langOf(flags), 'shell'), langOf(flags));
        return 0;
      }
      return await slash('learn', 'topic', false);
    case 'topics': {
      const lang = langOf(flags);
      show(topicsAnswer(app.library, lang, 'shell'), lang);
      return 0;
    }
    case 'demo':
      return await slash('demo', 'scenario', true);
    case 'networks':
      return await slash('networks', undefined, true);
    case 'quiz': {
      if (flags.answer === undefined) return await slash('quiz', words.length ? 'topic' : undefined, false);
      const choice = Number(flags.answer);
      if (!Number.isInteger(choice) || choice < 1 || choice > 9 || words.length > 0) throw new UsageError('quiz --answer takes the number of a choice, e.g. --answer 2');
      const lang = langOf(flags);
      show(await answerLocalQuiz(app, COMMANDS.get('quiz')!, choice, lang), lang);
      return 0;
    }
    case 'progress':
      return await slash('progress', undefined, false);
    case 'db': {
      if (words[0] !== 'backup' || words.length !== 2) throw new UsageError('db takes: backup <file>');
      if (existsSync(words[1]!)) throw new UsageError(`${words[1]} already exists; a backup never overwrites a file`);
      write(io.stdout, describeBackup(await app.store.backup(words[1]!)));
      return 0;
    }
    case 'deploy-commands': {
      const { scope, count } = await deployCommands(app.config);
      write(
        io.stdout,
        scope === 'guild'
          ? `Registered ${count} commands in guild ${app.config.discord.guildId} (available now).`
          : `Registered ${count} global commands (Discord may take up to an hour to show them everywhere).`,
      );
      return 0;
    }
    case 'sandbox': {
      const sub = words[0];
      if (sub === 'status') {
        const status = await app.sandbox.start();
        const report = { ...status, scenarios: scenarioCatalog(app.sandbox) };
        await app.sandbox.shutdown();
        if (json) print(report);
        else write(io.stdout, describeStatus(report));
        return status.engines.every((e) => e.engine.ok) ? 0 : 1;
      }
      if (sub === 'reap') {
        return await withSandbox(app, async () => {
          if (flags.all && flags.dead) throw new UsageError('sandbox reap takes --dead or --all, not both');
          const reaped = await app.sandbox.reap({ all: flags.all === true, dead: flags.dead === true });
          if (json) print(reaped);
          else write(io.stdout, `removed ${reaped.containers} container${reaped.containers === 1 ? '' : 's'} and ${reaped.networks} network${reaped.networks === 1 ? '' : 's'}`);
          return 0;
        });
      }
      throw new UsageError('sandbox takes status or reap');
    }
    default:
      throw new UsageError(`unknown command “${cleanEcho(command)}”`);
  }
}

/** `--png FILE`: the answer's picture, as the PNG Discord would get. */
function writePicture(answer: Answer, file: string): void {
  const picture = answer.attachments?.find(isPicture);
  if (!picture) throw new Error('this answer has no picture to write (the PNG renderer may be unavailable here)');
  writeFileSync(file, picture.png);
}

const START_HINT = `No DISCORD_TOKEN is set, so netlab starts its local console: every command works here as it does in Discord.
To connect to Discord, set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example and the README), run
\`npm run deploy-commands\` once, then \`npm start\`.`;

async function withSandbox(app: App, body: () => Promise<number>): Promise<number> {
  await app.sandbox.start();
  try {
    return await body();
  } finally {
    await app.sandbox.shutdown();
  }
}

async function runConsoleWithSandbox(app: App, lang: Lang, io: Io, intro?: string): Promise<number> {
  const status = await app.sandbox.start();
  const down = status.engines.flatMap((e) => (e.engine.ok ? [] : [e.engine.error]));
  const engineNote = down.length === 0 ? '' : `\n(The demo sandbox is unavailable: ${down.join('; ')}. /ask, /learn and /modes still work.)`;
  // The console ends on SIGTERM, SIGHUP (its terminal closed) and SIGINT where no terminal catches
  // Ctrl-C, and when the reader
  // of its output went away (`netlab console | head`): EPIPE ends it like /quit, not with a crash.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  process.once('SIGHUP', onSignal); // the terminal was closed
  const onOutputError = () => stop.abort();
  io.stdout.on('error', onOutputError);
  let end: Awaited<ReturnType<typeof runConsole>> = 'stopped';
  try {
    end = await runConsole(
      { commands: COMMANDS, library: app.library, sandbox: app.sandbox, store: app.store, logger: app.logger, logSink: app.logSink },
      {
        lang,
        input: io.stdin,
        output: io.stdout,
        stop: stop.signal,
        onForceExit: () => process.exit(130),
        ...(intro || engineNote ? { intro: `${intro ?? ''}${engineNote}`.trim() } : {}),
      },
    );
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onSignal);
    const owned = await app.sandbox.ownedContainers().catch(() => undefined);
    await app.sandbox.shutdown();
    const bye = owned === undefined ? 'bye' : `bye, removed ${owned} container${owned === 1 ? '' : 's'}`;
    if (!stop.signal.aborted || end !== 'stopped') write(io.stdout, bye);
    else write(io.stderr, bye);
    io.stdout.off('error', onOutputError);
  }
  return end === 'interrupted' ? 130 : 0;
}

/** Bad input is the caller's to fix (exit 2); a busy or unreachable sandbox is a run-time failure (1). */
function isBadInput(error: unknown): boolean {
  return error instanceof BadQuestionError || error instanceof UnknownTopicError || error instanceof UnknownScenarioError || error instanceof BadOptionError || error instanceof UnreadableDaemonJsonError;
}

export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  let parsed: Parsed | 'help' | 'version' | undefined;
  try {
    parsed = parse(argv);
    if (parsed === 'help') {
      write(io.stdout, USAGE);
      return 0;
    }
    if (parsed === 'version') {
      write(io.stdout, `netlab ${version()}`);
      return 0;
    }
    return await run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      write(io.stderr, `netlab: ${error.message}\nRun \`netlab --help\` for the list of commands.`);
      return 2;
    }
    if (isUserError(error)) {
      const wanted = typeof parsed === 'object' ? parsed.flags.lang : undefined;
      write(io.stderr, `netlab: ${error.messageFor(isLang(wanted) ? wanted : systemLang())}`);
      return isBadInput(error) ? 2 : 1;
    }
    if (error instanceof ConfigError) {
      write(io.stderr, `netlab: ${error.message}`);
      return 1;
    }
    write(io.stderr, `netlab: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}
