/**
 * Answers one interaction through discord.js, whatever state it is in: first reply or edit of a
 * deferred one, follow-ups for long answers, and an automatic defer before Discord's 3-second
 * deadline if a handler is slow. Calls are serialized so a timer and a handler never race.
 */
import { MessageFlags, type ChatInputCommandInteraction, type MessageComponentInteraction } from 'discord.js';
import type { Answer } from '../answer.ts';
import { renderForDiscord, type MessagePayload, type ReplyOptions } from './reply.ts';

type Repliable = ChatInputCommandInteraction | MessageComponentInteraction;

/** Defer this long after arrival if nothing has been sent yet (Discord allows 3 s). */
export const AUTO_DEFER_MS = 1_500;

export class Responder {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly interaction: Repliable,
    private readonly options: ReplyOptions,
  ) {
    this.timer = setTimeout(() => void this.defer().catch(() => undefined), AUTO_DEFER_MS);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  get acknowledged(): boolean {
    return this.interaction.deferred || this.interaction.replied;
  }

  defer(): Promise<void> {
    return this.serial(async () => {
      clearTimeout(this.timer);
      if (!this.acknowledged) await this.interaction.deferReply(this.options.hide ? { flags: MessageFlags.Ephemeral } : {});
    });
  }

  /** An interim state shown in place of "thinking…"; ignored once the answer is out. */
  progress(answer: Answer): Promise<void> {
    return this.serial(async () => {
      if (this.interaction.deferred && !this.interaction.replied) await this.interaction.editReply(toEdit(renderForDiscord(answer, this.options)[0]!));
    });
  }

  reply(answer: Answer, override?: Partial<ReplyOptions>): Promise<void> {
    return this.serial(async () => {
      clearTimeout(this.timer);
      const [first, ...rest] = renderForDiscord(answer, { ...this.options, ...override });
      if (this.interaction.deferred || this.interaction.replied) await this.interaction.editReply(toEdit(first!));
      else await this.interaction.reply(first!);
      for (const payload of rest) await this.interaction.followUp(payload);
    });
  }

  /**
   * A refusal or error, only for the member who caused it: ephemeral when nothing is out yet;
   * a public deferred reply is removed and replaced by an ephemeral follow-up.
   */
  fail(answer: Answer): Promise<void> {
    return this.serial(async () => {
      clearTimeout(this.timer);
      const [payload] = renderForDiscord(answer, { hide: true });
      if (!this.acknowledged) {
        await this.interaction.reply(payload!);
      } else if (this.options.hide) {
        await this.interaction.editReply(toEdit(payload!));
      } else {
        await this.interaction.deleteReply().catch(() => undefined);
        await this.interaction.followUp(payload!);
      }
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** Edits cannot change the ephemeral flag; everything else carries over. */
function toEdit(payload: MessagePayload): Omit<MessagePayload, 'flags'> {
  const { flags: _flags, ...rest } = payload;
  return rest;
}
