/**
 * Which language a question is written in, when that is clear: Chinese when it has Chinese words
 * around whatever English it quotes (`docker0 是啥`, a pasted error after 报错 or after the
 * asker's own Chinese words), English
 * when it is an English sentence (`why does none mode only have lo`), and unclear for bare
 * terms and commands (`docker0`, `ip addr`) or other scripts. An unclear question is answered in
 * the member's own language (their locale or chosen language).
 */
import type { Lang } from '../i18n.ts';

export type QuestionLanguage = Lang | 'unclear';

const HAN = /\p{Script=Han}/gu;
const HAS_HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const OTHER_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}]/u;

/**
 * Characters of Chinese sentences rather than of a term someone quotes (用户自定义网络 has none):
 * particles, pronouns, question words, negation, the 报/报错 people put around a pasted error,
 * and full-width sentence punctuation; simplified and traditional forms.
 */
const ZH_CUE = /[的了吗嗎呢吧啊呀嘛是不没沒我你怎么麼为為啥咋哪谁誰报報，。？！]/u;

/** English words that make a sentence, rather than a term or a command. */
const EN_FUNCTION = new Set(
  'what why how when where which who whom whose is are was were am be been being do does did done doesnt dont didnt isnt arent wasnt cant cannot couldnt wont shouldnt can could should would will shall may might must the an of to in on at for from with without by about into over under between through this that these those there here it its itself my your our their you we they he she me us them not no yes and or but if then than so because only just also any some all get gets got have has had need needs want wants mean means make makes work works still even else instead other another same each every both way'.split(
    ' ',
  ),
);

/** Code, addresses, flags, URLs and hyphenated names (`apt-get`) say nothing about the language around them. */
function prose(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/(^|\s)--?[\w-]+(=\S*)?/g, ' ')
    .replace(/[a-z0-9]+(?:[-_][a-z0-9]+)+/gi, ' ')
    .replace(/\S*[\d/@:=.]\S*/g, (m) => (HAS_HAN.test(m) ? m.replace(/[\x21-\x7e]+/g, ' ') : ' '));
}

export function questionLanguage(text: string): QuestionLanguage {
  const normalized = text.normalize('NFKC');
  if (OTHER_SCRIPT.test(normalized)) return 'unclear';
  const rest = prose(normalized);
  const han = (rest.match(HAN) ?? []).length;
  const words = (rest.match(/[a-z]+(?:'[a-z]+)?/gi) ?? []).map((w) => w.toLowerCase().replace(/'/g, ''));
  // "a" and "i" also turn up in commands (`ip a`) and are never needed to tell a sentence.
  const english = words.filter((w) => EN_FUNCTION.has(w)).length;
  if (han === 0) return english >= 1 && words.length >= 2 ? 'en' : 'unclear';
  // Chinese words first, then a pasted error: "改完 daemon.json 重启失败 unable to configure …".
  if (english === 0 || ZH_CUE.test(normalized) || /^\s*\p{Script=Han}/u.test(rest)) return 'zh';
  // Chinese words around the terms, and at most one English word that could be the sentence's:
  // "docker build 里 apt-get update 一直卡在 Waiting for headers".
  if (english === 1 && (rest.match(HAN_RUN) ?? []).length >= 2) return 'zh';
  // An English sentence around Chinese terms: "what does 桥接 mean".
  return english >= 2 ? 'en' : 'unclear';
}

/** The language to answer in: the question's own when clear, else the member's. */
export function answerLanguage(question: string, fallback: Lang): Lang {
  const lang = questionLanguage(question);
  return lang === 'unclear' ? fallback : lang;
}
