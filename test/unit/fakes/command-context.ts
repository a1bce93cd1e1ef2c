/**
 * A CommandContext for unit tests of command handlers: a member in a server channel (or outside
 * Discord), a real in-memory store, the real library, a sandbox on the fake engine; every answer
 * the handler hands over is kept in `answers`, in order, with how it was sent.
 */
import type { Answer } from '../../../src/answer.ts';
import type { Command } from '../../../src/commands/command.ts';
import type { ButtonContext, CommandContext, Surface } from '../../../src/commands/context.ts';
import { readOptions, type RawOption } from '../../../src/commands/options.ts';
import { loadConfig } from '../../../src/config.ts';
import { Library } from '../../../src/content/library.ts';
import { createSandbox, type Sandbox } from '../../../src/docker/sandbox.ts';
import type { Lang } from '../../../src/i18n.ts';
import { silentLogger } from '../../../src/log.ts';
import type { Store } from '../../../src/store/store.ts';
import { FakeEngine } from './fake-engine.ts';

export const GUILD = '1300000000000000100';
export const CHANNEL = '1300000000000000200';
export const ALICE = '1300000000000000301';
export const BOB = '1300000000000000302';

const library = Library.load();

export interface Member {
  readonly userId?: string;
  readonly lang?: Lang;
  readonly surface?: Surface;
  /** A server id, or null for no server (a DM, the console). */
  readonly guildId?: string | null;
  readonly channelId?: string;
  readonly canManageServer?: boolean;
}

export interface Sent {
  readonly how: 'reply' | 'update';
  readonly answer: Answer;
}

export function sandboxOnFakeEngine(env: Record<string, string> = {}): Sandbox {
  return createSandbox({ config: loadConfig({ SANDBOX_USER_COOLDOWN_MS: '0', SANDBOX_POOL_SIZE: '0', ...env }).sandbox, logger: silentLogger(), engine: new FakeEngine() });
}

export class CommandHarness {
  readonly sent: Sent[] = [];

  constructor(
    readonly store: Store,
    readonly sandbox: Sandbox = sandboxOnFakeEngine(),
  ) {}

  private base(member: Member): Omit<CommandContext, 'options'> {
    const surface = member.surface ?? 'discord';
    const guildId = member.guildId === null ? undefined : (member.guildId ?? (surface === 'discord' ? GUILD : undefined));
    return {
      lang: member.lang ?? 'en',
      surface,
      userId: member.userId ?? ALICE,
      guildId,
      channelId: surface === 'discord' ? (member.channelId ?? CHANNEL) : undefined,
      canManageServer: member.canManageServer ?? false,
      library,
      sandbox: this.sandbox,
      store: this.store,
      defer: async () => undefined,
      progress: async () => undefined,
      reply: async (answer) => void this.sent.push({ how: 'reply', answer }),
    };
  }

  /** Runs the command with options checked against its definition, as the dispatcher does; returns its answer. */
  async run(command: Command, options: Record<string, string | boolean> = {}, member: Member = {}): Promise<Answer> {
    const raw: RawOption[] = (command.data.options ?? []).flatMap((def) => (def.name in options ? [{ name: def.name, type: def.type, value: options[def.name] }] : []));
    const before = this.sent.length;
    await command.execute({ ...this.base(member), options: readOptions(command.data, raw) });
    return this.last(before);
  }

  async press(command: Command, argument: string, member: Member = {}): Promise<Sent> {
    const before = this.sent.length;
    const context: ButtonContext = { ...this.base(member), argument, update: async (answer) => void this.sent.push({ how: 'update', answer }) };
    await command.button!(context);
    this.last(before);
    return this.sent.at(-1)!;
  }

  private last(before: number): Answer {
    if (this.sent.length !== before + 1) throw new Error(`expected one answer, got ${this.sent.length - before}`);
    return this.sent.at(-1)!.answer;
  }
}
