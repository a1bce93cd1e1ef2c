/**
 * `/quiz [topic]` — one question with 3–4 answer buttons, in the member's language. Without a
 * topic the Leitner boxes choose: a due item from the weakest topic first. One open question per
 * member, which times out; its buttons answer only for the member who asked, and the answer
 * replaces the question with the result. Buttons: `quiz:<question id>.<choice>` answers,
 * `quiz:next` starts a new question for whoever clicks.
 */
import type { Answer } from '../answer.ts';
import { DISCORD } from '../limits.ts';
import { quizBank } from '../quiz/bank.ts';
import { pickItem, shuffledChoices } from '../quiz/pick.ts';
import { alreadyOpenError, caughtUpAnswer, noItemsError, notYoursAnswer, questionAnswer, QUIZ_REFUSALS, resultAnswer } from '../quiz/present.ts';
import { slashCommand, type Command } from './command.ts';
import { memberOf, type CommandContext } from './context.ts';

const ANSWER = /^([0-9a-f]{16})\.([1-9])$/;

type QuizContext = Omit<CommandContext, 'options'>;

function checkQuizOn(ctx: QuizContext): void {
  if (ctx.guildId && !ctx.store.settings.for(ctx.guildId).quiz) throw QUIZ_REFUSALS.off;
}

/** Picks and opens the member's next question; `topicName` may be an id, an alias or a title. */
export function startQuiz(ctx: QuizContext, topicName?: string): Answer {
  checkQuizOn(ctx);
  const bank = quizBank();
  const member = memberOf(ctx);
  const { quiz, activity, now } = ctx.store;
  const topic = topicName ? ctx.library.resolve(topicName).id : undefined;
  if (topic && bank.ofTopic(topic).length === 0) throw noItemsError(topic, bank.topics);
  const open = quiz.open(member);
  if (open) throw alreadyOpenError(open, now(), ctx.surface);
  const pick = pickItem({
    items: bank.items,
    boxes: quiz.boxes(member),
    scores: quiz.scores(member),
    read: new Set(activity.counts(member, 'read').map((r) => r.subject)),
    now: now(),
    topic,
    random: Math.random,
  });
  if (!pick.item) return caughtUpAnswer(pick.nextDueAt, now(), ctx.lang, ctx.surface);
  const order = shuffledChoices(1 + pick.item.text[ctx.lang].distractors.length, Math.random);
  const started = quiz.start(member, pick.item.id, ctx.lang, order);
  if ('alreadyOpen' in started) throw alreadyOpenError(started.alreadyOpen, now(), ctx.surface);
  return questionAnswer(pick.item, started.started, ctx.library, ctx.surface, quiz.timeoutMs);
}

export const quiz: Command = {
  data: slashCommand('quiz', '测验', { en: 'Test yourself: one question, four buttons', zh: '自测一下：一道题，几个选项' })
    .addStringOption((o) =>
      o
        .setName('topic')
        .setNameLocalizations({ 'zh-CN': '主题', 'zh-TW': '主题' })
        .setDescription('A topic to practise; leave empty for what is due')
        .setDescriptionLocalizations({ 'zh-CN': '想练习的主题；不填则出到期该复习的题', 'zh-TW': '想练习的主题；不填则出到期该复习的题' })
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .addBooleanOption((o) =>
      o
        .setName('hide')
        .setNameLocalizations({ 'zh-CN': '仅自己可见', 'zh-TW': '仅自己可见' })
        .setDescription('Only you see the question')
        .setDescriptionLocalizations({ 'zh-CN': '只有你能看到题目', 'zh-TW': '只有你能看到题目' }),
    )
    .toJSON(),
  async execute(ctx) {
    await ctx.reply(startQuiz(ctx, ctx.options.string('topic')));
  },
  autocomplete(ctx) {
    const topics = quizBank().topics;
    if (ctx.focused.value.trim() === '') return topics.map((id) => ({ name: `${ctx.library.doc(id, ctx.lang).title} · ${id}`.slice(0, DISCORD.choiceNameMax), value: id }));
    return ctx.library.autocomplete(ctx.focused.value, ctx.lang).filter((c) => topics.includes(c.value));
  },
  async button(ctx) {
    if (ctx.argument === 'next') return ctx.reply(startQuiz(ctx));
    const match = ANSWER.exec(ctx.argument);
    if (!match) throw QUIZ_REFUSALS.badButton;
    const { quiz: quizzes, now } = ctx.store;
    const open = quizzes.byId(match[1]!);
    if (!open) throw QUIZ_REFUSALS.closed;
    const member = memberOf(ctx);
    if (open.member.userId !== member.userId || open.member.scope !== member.scope) return ctx.reply(notYoursAnswer(ctx.lang, ctx.surface));
    const position = Number(match[2]);
    const item = quizBank().get(open.itemId);
    if (!item || position > open.order.length) throw QUIZ_REFUSALS.badButton;
    if (open.expiresAt <= now()) {
      quizzes.close(open.id);
      return ctx.update(resultAnswer(item, open, { kind: 'timed-out' }, ctx.library, ctx.surface, now()));
    }
    const recorded = quizzes.answer(open, item.topic, open.order[position - 1]!);
    if (!recorded) throw QUIZ_REFUSALS.closed;
    await ctx.update(resultAnswer(item, open, { kind: 'answered', position, recorded }, ctx.library, ctx.surface, now()));
  },
};
