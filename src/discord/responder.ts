/**
 * Answers one interaction through discord.js, whatever state it is in: first reply or edit of a
 * deferred one, follow-ups for long answers, and an automatic defer before Discord's 3-second
 * deadline if a handler is slow. Calls are serialized so a timer and a handler never race.
 */
import { MessageFlags, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { Answer } from '../answer.ts';
import { traditionalAnswer } from '../text/traditional.ts';
import { renderForDiscord, type MessagePayload, type ReplyOptions } from './reply.ts';

/**
 * The part of a discord.js interaction the responder uses. Chat-input and component
 * interactions have it; unit tests fake it.
 */
export interface ReplyTarget {
  readonly deferred: boolean;
  readonly replied: boolean;
  deferReply(options: { flags?: MessageFlags.Ephemeral }): Promise<unknown>;
  reply(payload: MessagePayload): Promise<unknown>;
  editReply(payload: Omit<MessagePayload, 'flags'>): Promise<unknown>;
  followUp(payload: MessagePayload): Promise<unknown>;
  deleteReply(): Promise<unknown>;
  /** Component interactions only: replaces the message the component sits on. */
  update?(payload: Omit<MessagePayload, 'flags'>): Promise<unknown>;
  /** Commands and components only: a chat-input or button interaction may answer with a form (modal). */
  showModal?(modal: APIModalInteractionResponseCallbackData): Promise<unknown>;
}

/** Defer this long after arrival if nothing has been sent yet (Discord allows 3 s). */
export const AUTO_DEFER_MS = 1_500;

/**
 * At most one progress edit per interaction this often, the first no sooner than this after the
 * interaction arrived. Discord rate-limits edits of an interaction's message, and a member in a
 * moving queue only needs the newest position: edits in between are dropped, and the answer
 * itself never waits behind them. A wait shorter than this shows only Discord's "thinking…",
 * with no flicker of a queue message, and a burst's acknowledgements do not compete with it.
 */
export const PROGRESS_EVERY_MS = 1_000;

export class Responder {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  /** The newest interim state not sent yet, and the timer that will send it. */
  private pendingProgress: Answer | undefined;
  private progressTimer: { readonly handle: NodeJS.Timeout; readonly settle: () => void } | undefined;
  /** Counts from arrival: the first interim state waits PROGRESS_EVERY_MS too. */
  private lastProgressAt = performance.now();
  /** The answer (or a refusal) has been handed over: no more interim states. */
  private final = false;
  private readonly createdAt = performance.now();
  private acknowledgedAfterMs: number | undefined;

  constructor(
    private readonly interaction: ReplyTarget,
    private readonly options: ReplyOptions,
  ) {
    this.timer = setTimeout(() => void this.defer().catch(() => undefined), AUTO_DEFER_MS);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The answer in the member's script: Traditional Chinese for zh-TW (src/text/traditional.ts). */
  private localize(answer: Answer): Promise<Answer> {
    return this.options.traditional ? traditionalAnswer(answer) : Promise.resolve(answer);
  }

  get acknowledged(): boolean {
    return this.interaction.deferred || this.interaction.replied;
  }

  defer(): Promise<void> {
    return this.serial(async () => {
      clearTimeout(this.timer);
      if (!this.acknowledged) {
        await this.interaction.deferReply(this.options.hide ? { flags: MessageFlags.Ephemeral } : {});
        this.markAcknowledged();
      }
    });
  }

  /**
   * An interim state shown in place of "thinking…": at most one every PROGRESS_EVERY_MS (counted
   * from arrival), only the newest of those in between; dropped once the answer is on its way.
   * Resolves when this state was sent or superseded.
   */
  progress(answer: Answer): Promise<void> {
    if (this.final) return Promise.resolve();
    this.pendingProgress = answer;
    if (this.progressTimer) return Promise.resolve();
    const wait = Math.max(0, this.lastProgressAt + PROGRESS_EVERY_MS - performance.now());
    return new Promise<void>((resolve, reject) => {
      const handle = setTimeout(() => {
        this.progressTimer = undefined;
        this.serial(async () => {
          const latest = this.pendingProgress;
          this.pendingProgress = undefined;
          // Not `interaction.replied`: discord.js sets it after the first editReply, progress included.
          if (!latest || this.final || !this.interaction.deferred) return;
          this.lastProgressAt = performance.now();
          await this.interaction.editReply(toEdit(renderForDiscord(await this.localize(latest), this.options)[0]!));
        }).then(resolve, reject);
      }, wait);
      this.progressTimer = { handle, settle: resolve };
    });
  }

  /** Answers with a form (a modal) instead of a message: only as the very first response. */
  openForm(modal: APIModalInteractionResponseCallbackData): Promise<void> {
    this.finalize();
    return this.serial(async () => {
      clearTimeout(this.timer);
      if (this.acknowledged || !this.interaction.showModal) throw new Error('a form can only be the first response');
      await this.interaction.showModal(modal);
    });
  }

  /** From now on only the answer (or refusal) goes out; a waiting progress edit is dropped. */
  private finalize(): void {
    this.final = true;
    this.pendingProgress = undefined;
    if (this.progressTimer) {
      clearTimeout(this.progressTimer.handle);
      this.progressTimer.settle();
      this.progressTimer = undefined;
    }
  }

  async reply(answer: Answer, override?: Partial<ReplyOptions>): Promise<void> {
    this.finalize();
    // Converted before taking the turn: the auto-defer may still go out while a zh-TW text converts.
    const localized = await this.localize(answer);
    return this.serial(async () => {
      clearTimeout(this.timer);
      const [first, ...rest] = renderForDiscord(localized, { ...this.options, ...override, ...(answer.private ? { hide: true } : {}) });
      if (this.interaction.deferred || this.interaction.replied) await this.interaction.editReply(toEdit(first!));
      else {
        await this.interaction.reply(first!);
        this.markAcknowledged();
      }
      for (const payload of rest) await this.interaction.followUp(payload);
    });
  }

  /**
   * Replaces the message a button sits on, for everyone who sees it (a quiz question becomes its
   * result). Where that is not possible — not a component, or already acknowledged — it replies.
   */
  update(answer: Answer): Promise<void> {
    const update = this.interaction.update?.bind(this.interaction);
    if (!update) return this.reply(answer);
    this.finalize();
    return this.serial(async () => {
      clearTimeout(this.timer);
      const [first, ...rest] = renderForDiscord(answer, { ...this.options, hide: false });
      if (this.acknowledged) await this.interaction.editReply(toEdit(first!));
      else await update(toEdit(first!));
      for (const payload of rest) await this.interaction.followUp(payload);
    });
  }

  /**
   * A refusal or error, only for the member who caused it: ephemeral when nothing is out yet;
   * a public deferred reply is removed and replaced by an ephemeral follow-up.
   */
  async fail(answer: Answer): Promise<void> {
    this.finalize();
    const localized = await this.localize(answer);
    return this.serial(async () => {
      clearTimeout(this.timer);
      const [payload] = renderForDiscord(localized, { hide: true });
      if (!this.acknowledged) {
        await this.interaction.reply(payload!);
        this.markAcknowledged();
      } else if (this.options.hide) {
        await this.interaction.editReply(toEdit(payload!));
      } else {
        await this.interaction.deleteReply().catch(() => undefined);
        await this.interaction.followUp(payload!);
      }
    });
  }

  /** Milliseconds from arrival to the first acknowledgement (reply or defer), for the metrics. */
  get ackMs(): number | undefined {
    return this.acknowledgedAfterMs;
  }

  private markAcknowledged(): void {
    this.acknowledgedAfterMs ??= performance.now() - this.createdAt;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.finalize();
  }
}

/** Edits cannot change the ephemeral flag; everything else carries over. */
function toEdit(payload: MessagePayload): Omit<MessagePayload, 'flags'> {
  const { flags: _flags, ...rest } = payload;
  return rest;
}
