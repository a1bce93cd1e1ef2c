/**
 * The `netlab` command line. Every subcommand returns an exit code: 0 success, 1 a failure at
 * run time (engine down, Discord unreachable), 2 bad input (unknown topic or scenario, empty
 * question, bad flag). Errors are one readable line, never a stack trace.
 */
import { createInterface } from 'node:readline';
import { createApp, type App } from '../app.ts';
import type { Config } from '../config.ts';
import { COMMANDS } from '../commands/index.ts';
import { answerQuestion } from '../commands/ask.ts';
import { topicAnswer } from '../commands/learn.ts';
import { isScenarioName, SCENARIO_NAMES } from '../docker/index.ts';
import { presentDemo, presentNetworks } from '../docker/present.ts';
import { UnknownTopicError } from '../content/library.ts';
import { BadQuestionError } from '../content/question.ts';
import { ConfigError, isUserError } from '../errors.ts';
import { isLang, type Lang } from '../i18n.ts';
import { scrubSecrets } from '../log.ts';
import { parseArgs, type ParsedArgs } from './args.ts';
import { runConsole } from './console.ts';
import { renderForTerminal } from './terminal.ts';
import { startGateway } from './start.ts';

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = `Usage: netlab <command>

  start                          connect to Discord (DISCORD_TOKEN), or open the console without one
  console [--lang zh|en]         slash commands in the terminal, answered by the bot's handlers
  ask "<question>" [--lang zh|en] [--json]
  ask --json --stdin             one question per line in, one JSON object per line out
  learn <topic|alias> [--lang zh|en]
  topics [--lang zh|en] [--json]
  demo <scenario> [--lang zh|en] [--json]     scenarios: ${SCENARIO_NAMES.join(', ')}
  networks [--json]              the sandbox engine's docker network ls
  sandbox status|reap            engine, swarm and demo image; remove leftover demo resources
`;

class UsageError extends Error {}

function systemLang(): Lang {
  return Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function langOf(args: ParsedArgs): Lang {
  const value = args.flags.get('lang');
  if (value === undefined) return systemLang();
  if (!isLang(value)) throw new UsageError('--lang takes zh or en');
  return value;
}

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

async function askJsonStdin(app: App, lang: Lang, io: Io): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    try {
      const { covered, results } = app.library.ask(line, lang);
      write(io.stdout, JSON.stringify({ covered, results }));
    } catch (error) {
      if (!isUserError(error)) throw error;
      write(io.stdout, JSON.stringify({ covered: false, results: [], error: error.id }));
    }
  }
  return 0;
}

async function run(command: string, args: ParsedArgs, io: Io): Promise<number> {
  const json = args.flags.has('json');
  const style = { color: Boolean(io.stdout.isTTY) && !json };
  const quiet = command === 'start' || command === 'console' ? undefined : 'warn';
  // The console has one member at the keyboard: no cooldown between their demos, and one warm
  // container per kind is all they can use. One-shot commands exit before a pool would pay off.
  const local = (c: Config) => command === 'console' || (command === 'start' && !c.discord.token);
  const app = createApp({
    env: io.env,
    ...(quiet ? { logLevel: quiet } : {}),
    sandboxOverrides: (c) => (local(c) ? { userCooldownMs: 0, poolSize: Math.min(1, c.sandbox.poolSize) } : command === 'start' ? {} : { poolSize: 0 }),
  });
  const print = (value: unknown) => write(io.stdout, JSON.stringify(value, null, json && args.flags.has('pretty') ? 2 : undefined));
  switch (command) {
    case 'start':
      if (app.config.discord.token) return startGateway(app);
      return runConsoleWithSandbox(app, langOf(args), io, START_HINT);
    case 'console':
      return runConsoleWithSandbox(app, langOf(args), io);
    case 'ask': {
      const lang = langOf(args);
      if (args.flags.has('stdin')) return askJsonStdin(app, lang, io);
      const result = app.library.ask(args.positionals.join(' '), lang);
      if (json) print({ covered: result.covered, results: result.results });
      else write(io.stdout, renderForTerminal(answerQuestion(app.library, result, lang), lang, style));
      return 0;
    }
    case 'learn': {
      const lang = langOf(args);
      const topic = app.library.resolve(args.positionals.join(' '));
      write(io.stdout, renderForTerminal(topicAnswer(app.library, topic.id, lang), lang, style));
      return 0;
    }
    case 'topics': {
      const lang = langOf(args);
      const rows = app.library.topics.map((t) => ({ id: t.id, title: t.docs[lang].title, demo: t.docs[lang].demo ?? null }));
      if (json) print(rows);
      else write(io.stdout, rows.map((r) => `${r.id.padEnd(26)} ${r.title}${r.demo ? `  (/demo ${r.demo})` : ''}`).join('\n'));
      return 0;
    }
    case 'demo': {
      const lang = langOf(args);
      const name = args.positionals[0] ?? '';
      if (!isScenarioName(name)) {
        write(io.stderr, `Unknown scenario “${name.slice(0, 40)}”. Valid scenarios: ${SCENARIO_NAMES.join(', ')}`);
        return 2;
      }
      return withSandbox(app, async () => {
        const result = await app.sandbox.runDemo(name, { userId: 'cli' });
        if (json) print(result);
        else write(io.stdout, renderForTerminal(presentDemo(result, lang), lang, style));
        return 0;
      });
    }
    case 'networks':
      return withSandbox(app, async () => {
        const rows = await app.sandbox.networks();
        if (json) print(rows);
        else write(io.stdout, renderForTerminal(presentNetworks(rows, langOf(args)), langOf(args), style));
        return 0;
      });
    case 'sandbox': {
      const sub = args.positionals[0];
      if (sub === 'status') {
        const status = await app.sandbox.start();
        await app.sandbox.shutdown();
        print(status);
        return status.engine.ok ? 0 : 1;
      }
      if (sub === 'reap') {
        return withSandbox(app, async () => {
          print(await app.sandbox.reap());
          return 0;
        });
      }
      throw new UsageError('sandbox takes status or reap');
    }
    default:
      throw new UsageError(`unknown command “${command.slice(0, 40)}”`);
  }
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
  const engineNote = status.engine.ok ? '' : `\n(The demo sandbox is unavailable: ${status.engine.error ?? 'no Docker Engine'}. /ask, /learn and /modes still work.)`;
  try {
    await runConsole(
      { commands: COMMANDS, library: app.library, sandbox: app.sandbox, logger: app.logger },
      { lang, input: io.stdin, output: io.stdout, ...(intro || engineNote ? { intro: `${intro ?? ''}${engineNote}`.trim() } : {}) },
    );
  } finally {
    await app.sandbox.shutdown();
  }
  return 0;
}

export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const args = parseArgs(argv, ['lang']);
  const [command = 'help', ...rest] = args.positionals;
  if (command === 'help' || args.flags.has('help')) {
    write(io.stdout, USAGE);
    return 0;
  }
  try {
    return await run(command, { positionals: rest, flags: args.flags }, io);
  } catch (error) {
    if (error instanceof UsageError) {
      write(io.stderr, `netlab: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (isUserError(error)) {
      const lang = isLang(args.flags.get('lang')) ? (args.flags.get('lang') as Lang) : systemLang();
      write(io.stderr, `netlab: ${error.messageFor(lang)}`);
      // Bad input is the caller's to fix (2); a busy or unreachable sandbox is a run-time failure (1).
      return error instanceof BadQuestionError || error instanceof UnknownTopicError ? 2 : 1;
    }
    if (error instanceof ConfigError) {
      write(io.stderr, `netlab: ${error.message}`);
      return 1;
    }
    write(io.stderr, `netlab: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}
