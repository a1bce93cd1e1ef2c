/**
 * Everything a member reads about a quiz, in both languages: the question with its choices as
 * buttons, the result (right or wrong, the explanation, the topic one click away, the next
 * question), and the refusals. `data` is what `netlab quiz --json` prints.
 */
import type { ActionButton, Answer } from '../answer.ts';
import type { Surface } from '../commands/context.ts';
import { commandLine } from '../commands/ui-text.ts';
import type { Library } from '../content/library.ts';
import { UserError } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import type { OpenQuiz, RecordedAnswer } from '../store/quiz.ts';
import type { QuizItem } from './bank.ts';
import { BOXES } from './leitner.ts';

/** "2 min", "90 s", "3 h", "2 days": how long, roughly, in the member's language. */
export function roughDuration(ms: number, lang: Lang): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return lang === 'zh' ? `${s} 秒` : `${s} s`;
  if (s < 90 * 60) return lang === 'zh' ? `${Math.round(s / 60)} 分钟` : `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return lang === 'zh' ? `${Math.round(s / 3600)} 小时` : `${Math.round(s / 3600)} h`;
  const days = Math.round(s / 86_400);
  return lang === 'zh' ? `${days} 天` : `${days} ${days === 1 ? 'day' : 'days'}`;
}

/** The choices in the order shown, as texts. */
export function shownChoices(item: QuizItem, quiz: OpenQuiz): string[] {
  const t = item.text[quiz.lang];
  const all = [t.answer, ...t.distractors];
  return quiz.order.map((i) => all[i] ?? '');
}

const answerButtons = (quiz: OpenQuiz): ActionButton[] => quiz.order.map((_, i) => ({ label: String(i + 1), command: 'quiz', argument: `${quiz.id}.${i + 1}`, style: 'primary' }));

const nextButton = (lang: Lang): ActionButton => ({ label: lang === 'zh' ? '下一题' : 'Next question', command: 'quiz', argument: 'next', style: 'secondary' });

export function questionAnswer(item: QuizItem, quiz: OpenQuiz, library: Library, surface: Surface, timeoutMs: number): Answer {
  const lang = quiz.lang;
  const t = item.text[lang];
  const choices = shownChoices(item, quiz);
  const within = roughDuration(timeoutMs, lang);
  const how =
    surface === 'shell'
      ? lang === 'zh'
        ? `用 \`netlab quiz --answer <编号>\` 在 ${within}内作答`
        : `Answer with \`netlab quiz --answer <number>\` within ${within}`
      : surface === 'console'
        ? lang === 'zh'
          ? `输入答案的编号（1–${choices.length}），${within}内有效`
          : `Type the number of your answer (1–${choices.length}) within ${within}`
        : lang === 'zh'
          ? `${within}内作答，只有提问的人能选`
          : `Answer within ${within}; only the member who asked can`;
  return {
    title: `${lang === 'zh' ? '测验' : 'Quiz'} · ${library.doc(item.topic, lang).title}`,
    body: [t.question, choices.map((c, i) => `**${i + 1}.** ${c}`).join('\n')].join('\n\n'),
    tone: 'info',
    ...(surface === 'shell' ? {} : { buttons: answerButtons(quiz) }),
    footer: `${how} · ${lang === 'zh' ? '主题' : 'topic'}: ${item.topic}`,
    data: { quiz: { id: quiz.id, item: item.id, topic: item.topic, lang, question: t.question, choices, expiresAt: new Date(quiz.expiresAt).toISOString() } },
  };
}

type Outcome = { readonly kind: 'answered'; readonly position: number; readonly recorded: RecordedAnswer } | { readonly kind: 'timed-out' };

/** The question once answered (or timed out): marks on the choices, why, the topic, the next question. */
export function resultAnswer(item: QuizItem, quiz: OpenQuiz, outcome: Outcome, library: Library, surface: Surface, now: number): Answer {
  const lang = quiz.lang;
  const t = item.text[lang];
  const choices = shownChoices(item, quiz);
  const right = quiz.order.indexOf(0) + 1;
  const chosen = outcome.kind === 'answered' ? outcome.position : undefined;
  const correct = outcome.kind === 'answered' && outcome.recorded.correct;
  const mark = (i: number) => (i + 1 === right ? '✅ ' : i + 1 === chosen ? '❌ ' : '');
  const title =
    outcome.kind === 'timed-out' ? (lang === 'zh' ? '⏱ 时间到' : '⏱ Time’s up') : correct ? (lang === 'zh' ? '✅ 答对了' : '✅ Right') : lang === 'zh' ? '❌ 答错了' : '❌ Not quite';
  const why = `**${lang === 'zh' ? '为什么' : 'Why'}**\n${t.explanation}`;
  const review =
    outcome.kind === 'answered'
      ? lang === 'zh'
        ? `这道题 ${roughDuration(outcome.recorded.dueAt - now, 'zh')}后再复习（复习等级 ${outcome.recorded.box}/${BOXES}）`
        : `You will see this question again in ${roughDuration(outcome.recorded.dueAt - now, 'en')} (box ${outcome.recorded.box} of ${BOXES})`
      : lang === 'zh'
        ? '这次不计分，这道题仍然待复习'
        : 'Not counted; the question stays due';
  const next = surface === 'shell' ? (lang === 'zh' ? ' · 下一题：`netlab quiz`' : ' · next: `netlab quiz`') : '';
  return {
    title,
    body: [t.question, choices.map((c, i) => `${mark(i)}**${i + 1}.** ${c}`).join('\n'), why].join('\n\n'),
    tone: correct ? 'ok' : 'warn',
    links: [{ label: `${lang === 'zh' ? '阅读' : 'Read'}: ${library.doc(item.topic, lang).title}`, topicId: item.topic }],
    ...(surface === 'shell' ? {} : { buttons: [nextButton(lang)] }),
    footer: `${review}${next}`,
    data: {
      quiz: quiz.id,
      item: item.id,
      topic: item.topic,
      outcome: outcome.kind === 'timed-out' ? 'timed-out' : correct ? 'right' : 'wrong',
      chosen: chosen ?? null,
      answer: right,
      ...(outcome.kind === 'answered' ? { box: outcome.recorded.box, dueAt: new Date(outcome.recorded.dueAt).toISOString() } : {}),
    },
  };
}

/** Someone else's question: theirs to answer; here is how to get one's own. */
export function notYoursAnswer(lang: Lang, surface: Surface): Answer {
  return {
    body:
      lang === 'zh'
        ? `这道题是别人的，只有提问的人能作答。想自己做一道？用 \`${commandLine(surface, 'quiz')}\`，或者点下面的按钮。`
        : `This question belongs to the member who asked it. Start your own with \`${commandLine(surface, 'quiz')}\` or the button below.`,
    tone: 'info',
    buttons: [{ label: lang === 'zh' ? '给我出一道' : 'Start my own', command: 'quiz', argument: 'next', style: 'primary' }],
  };
}

export function caughtUpAnswer(nextDueAt: number, now: number, lang: Lang, surface: Surface): Answer {
  const when = Number.isFinite(nextDueAt) ? roughDuration(nextDueAt - now, lang) : undefined;
  const practise = commandLine(surface, 'quiz', lang === 'zh' ? '<主题>' : '<topic>');
  return {
    title: lang === 'zh' ? '都复习完了' : 'All caught up',
    body:
      lang === 'zh'
        ? `现在没有到期的题目${when ? `，下一道大约 ${when}后到期` : ''}。想练某个主题，随时可以用 \`${practise}\`。`
        : `Nothing is due right now${when ? `; the next question is due in about ${when}` : ''}. Practise a topic any time with \`${practise}\`.`,
    tone: 'ok',
    data: { quiz: null, nextDueAt: when ? new Date(nextDueAt).toISOString() : null },
  };
}

export const QUIZ_REFUSALS = {
  off: new UserError('quiz-off', { en: 'The organisers of this server have turned /quiz off.', zh: '本服务器的管理员关闭了 /quiz。' }),
  closed: new UserError('quiz-closed', {
    en: 'This question is closed: it was answered or its time ran out. Use /quiz for a new one.',
    zh: '这道题已经结束了：已经作答，或者时间到了。用 /quiz 再来一道。',
  }),
  badButton: new UserError('quiz-unknown-button', { en: 'That button does not belong to any question.', zh: '这个按钮不属于任何题目。' }),
};

export function alreadyOpenError(quiz: OpenQuiz, now: number, surface: Surface): UserError {
  const left = (lang: Lang) => roughDuration(quiz.expiresAt - now, lang);
  const where = surface === 'shell' ? { en: ' with `netlab quiz --answer <number>`', zh: '（`netlab quiz --answer <编号>`）' } : { en: ' (above)', zh: '（见上方）' };
  return new UserError('quiz-open', {
    en: `You already have a question open: answer it first${where.en}, or wait ${left('en')} until it expires.`,
    zh: `你还有一道题没答：请先作答${where.zh}，或者等 ${left('zh')}后它自动结束。`,
  });
}

export function noItemsError(topic: string, topics: readonly string[]): UserError {
  return new UserError('quiz-no-items', {
    en: `There are no questions for \`${topic}\` yet. Topics with questions: ${topics.map((t) => `\`${t}\``).join(', ')}.`,
    zh: `\`${topic}\` 还没有题目。有题目的主题：${topics.map((t) => `\`${t}\``).join('、')}。`,
  });
}
