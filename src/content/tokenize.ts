/**
 * Tokenizing for search in Chinese, English and command-line text. Chinese runs are segmented
 * with Intl.Segmenter (ICU's dictionary) and also split into bigrams, so a query segmented
 * differently from the library still meets it. Latin runs keep technical tokens whole
 * (`172.17.0.1`, `daemon.json`) and also yield their word parts (`--net=host` → net, host).
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN = /\p{Script=Han}/u;
const CJK_RUN = /[\p{Script=Han}\u3005\u3007]+/gu;

const STOP_EN = new Set(
  'a an the is are was were be been am to of in on at for and or but if my me i you your it its how what why when where which who whom do does did done can could should would will shall with this that these those there here be not no yes get got use used using from by as we they them about any some just so than then too very also into out up down again only own same such our us he she his her has have had having doing while both each few more most other over under once all any one im dont doesnt cant whats hey hi pls please plz thanks thx help question like need want know wtf lol guys anyone someone really still even'.split(
    ' ',
  ),
);

const STOP_ZH = new Set(
  '的 了 吗 呢 啊 吧 呀 嘛 哦 哈 么 是 在 和 与 或 我 你 他 她 它 我们 你们 他们 有 没 没有 什么 怎么 怎么样 怎样 为什么 为啥 如何 这个 那个 这 那 一个 就 都 也 还 里 会 要 能 可以 请问 大家 一下 啥 咋 吗 是不是 有没有 知道 问 问题 下 个 把 被 给 让 对 用 中 上 到 说 看 想 得 地 着 过 又 很 太 更 最 而 但 但是 因为 所以 如果 然后 还是 之间 时候 一样 东西 怎么办 求 大佬 请教 谢谢'.split(
    ' ',
  ),
);

/** NFKC folds fullwidth letters and punctuation; dashes people paste from blogs become `--`. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2012-\u2015\u2212]+(?=[a-z])/g, '--')
    .replace(/[\u2018\u2019\u201c\u201d]/g, "'");
}

function latinTokens(run: string, out: string[]): void {
  const whole = run.replace(/^[-=:./@]+|[-=:./@]+$/g, '');
  if (!whole) return;
  const parts = whole.split(/[^a-z0-9]+/).filter(Boolean);
  if (/[./:]/.test(whole) && parts.length > 1) {
    out.push(whole);
    const quad = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}/.exec(whole);
    if (quad) out.push(`${quad[1]}.${quad[2]}`);
  }
  for (const part of parts) {
    if (/[a-z]/.test(part) ? part.length >= 2 && !STOP_EN.has(part) : parts.length === 1 && part.length >= 2) out.push(part);
  }
  // "docker0", "eth0" also yield "docker", "eth" so that they meet prose.
  for (const part of parts) {
    const stem = /^([a-z]{3,})\d+$/.exec(part);
    if (stem) out.push(stem[1]!);
  }
}

function hanTokens(run: string, out: string[]): void {
  let singles = '';
  const flushSingles = () => {
    // Characters the dictionary left alone ("网", "桥") usually form a word together.
    for (let i = 0; i + 1 < singles.length; i++) out.push(singles.slice(i, i + 2));
    singles = '';
  };
  for (const { segment, isWordLike } of segmenter.segment(run)) {
    if (!isWordLike || STOP_ZH.has(segment)) {
      flushSingles();
      continue;
    }
    if (segment.length === 1) {
      singles += segment;
      continue;
    }
    flushSingles();
    out.push(segment);
    // Long compounds also yield their bigrams, so a query segmented differently still meets them.
    if (segment.length >= 3) for (let i = 0; i + 1 < segment.length; i++) out.push(segment.slice(i, i + 2));
  }
  flushSingles();
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const normalized = normalizeText(text);
  let last = 0;
  for (const match of normalized.matchAll(CJK_RUN)) {
    for (const run of normalized.slice(last, match.index).split(/[^a-z0-9\-=:./@_]+/)) latinTokens(run, out);
    hanTokens(match[0], out);
    last = match.index + match[0].length;
  }
  for (const run of normalized.slice(last).split(/[^a-z0-9\-=:./@_]+/)) latinTokens(run, out);
  return out;
}

export function isHan(term: string): boolean {
  return HAN.test(term);
}

/**
 * The canonical form used for phrase (alias) matching: normalized, whitespace collapsed, and no
 * space between Chinese and anything else (`none 模式` = `none模式`).
 */
export function canonicalPhrase(text: string): string {
  return normalizeText(text)
    .replace(/\s+/g, ' ')
    .replace(/ ?([\p{Script=Han}]) ?/gu, '$1')
    .trim();
}
