/** What counts as a question worth searching for, and the polite refusals for the rest. */
import { UserError } from '../errors.ts';
import { BUDGET } from '../limits.ts';

export class BadQuestionError extends UserError {}

/** Trims, folds whitespace and drops control characters; refuses what cannot be a question. */
export function cleanQuestion(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') {
    throw new BadQuestionError('question-empty', {
      en: 'Please type a question, for example: `why does none mode only have lo?`',
      zh: '请输入一个问题，例如：`为什么 none 模式只有 lo？`',
    });
  }
  if (text.length > BUDGET.questionMaxChars) {
    throw new BadQuestionError('question-too-long', {
      en: `That question is ${text.length} characters long; please keep it under ${BUDGET.questionMaxChars} and ask one thing at a time.`,
      zh: `这个问题有 ${text.length} 个字符，请控制在 ${BUDGET.questionMaxChars} 字以内，一次问一件事。`,
    });
  }
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw new BadQuestionError('question-no-words', {
      en: 'I could not find any words in that question. Try asking in English or Chinese, e.g. `what is bridge mode?`',
      zh: '这个问题里没有可以搜索的文字。请用中文或英文提问，例如：`bridge 模式是什么？`',
    });
  }
  return text;
}
