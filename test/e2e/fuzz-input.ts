/**
 * Hostile text for the fuzz suite, from a seeded PRNG: mentions, markdown and code-fence
 * breakers, control and ANSI sequences, bidi overrides, zero-width characters, lone surrogates,
 * RTL and Chinese text, strings at and far over the limits. Every dangerous piece follows a
 * nonce (lowercase letters and digits no curated text contains), so a check can find where the
 * member's text was reflected and see what came right after it.
 */

/** mulberry32: small, fast and the same on every machine for a given seed. */
export class Prng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A random snowflake-shaped id (18 digits). */
  snowflake(): string {
    return `${1 + this.int(9)}${Array.from({ length: 17 }, () => this.int(10)).join('')}`;
  }
}

/** Pieces a member could type to break, disguise or abuse a message. */
export const DANGERS: readonly string[] = [
  '@everyone', '@here', '<@223456789012345678>', '<@!223456789012345678>', '<@&323456789012345678>', '<#423456789012345678>',
  '</ask:1300000000000000500>', '<a:party:523456789012345678>', '<t:1700000000:R>',
  '```', '```js\n', '`', '``', '**bold**', '__under__', '~~strike~~', '||spoiler||', '> quote', '# heading', '-# small', '* item',
  '[click](https://evil.example/x)', '<https://evil.example>', '\\', '\\`', '*', '_', '|',
  '\u0000', '\u0007', '\u0008', '\r\n', '\n\n\n', '\t', '\u007f', '\u0085', '\u001b[31mred\u001b[0m', '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007', '\u001b[2J',
  '\u202e', '\u202d', '\u202a', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u2028', '\u2029',
  '\ud800', '\udfff', '\ud83d', 'a\ud83d\ude00b',
  'مرحبا بالشبكة', 'שלום עולם', '为什么 none 模式只有 lo', '容器之间怎么互相访问', '點對點', '😀🐳', '𝕏𝔸', 'é\u0301\u0301\u0301',
  "'; DROP TABLE progress;--", '$(reboot)', '`rm -rf /`', '../../etc/passwd', '%s%n%x', '${process.exit(1)}', '{{constructor}}', '__proto__',
  'https://discord.gg/evil', 'docker run --privileged -v /:/host busybox',
];

/** Real words that reach the library (topic keys, aliases, questions), so handlers do real work too. */
export const REAL_WORDS: readonly string[] = [
  'bridge', 'none', 'host', 'mode-host', 'mode-none', 'p2p-veth-recipe', '--net=none', 'docker0', 'overlay', 'macvlan',
  'what is docker0', 'why does none mode only have lo', '点到点', '网桥', 'dns-resolution', 'daemon-json', 'glossary-zh',
];

let nonceCounter = 0;

/** A marker no curated text holds: `qz` + seed-derived letters + a counter. */
export function nonce(rng: Prng): string {
  nonceCounter += 1;
  return `qz${rng.int(36 ** 3).toString(36).padStart(3, '0')}${nonceCounter.toString(36)}x`;
}

/** Every nonce in a piece of input (to look for its reflections later). */
export function noncesIn(text: string): string[] {
  return [...text.matchAll(/qz[0-9a-z]{3}[0-9a-z]+?x/g)].map((m) => m[0]);
}

/** One hostile string: nonces, each followed by a dangerous piece or a real word; sometimes huge or exactly at a limit. */
export function hostileText(rng: Prng, limit = 100): string {
  const parts: string[] = [];
  const pieces = 1 + rng.int(4);
  for (let i = 0; i < pieces; i++) parts.push(nonce(rng), rng.chance(0.8) ? rng.pick(DANGERS) : ` ${rng.pick(REAL_WORDS)} `);
  let text = parts.join('');
  const shape = rng.int(10);
  if (shape === 0) text = (text + 'x'.repeat(6_000)).slice(0, 6_000); // far over every option's limit
  else if (shape === 1) text = `${'a'.repeat(Math.max(0, limit - 2))}😀`.slice(0, limit + 1); // a surrogate pair across the limit
  else if (shape === 2) text = `${rng.pick(REAL_WORDS)} ${text}`;
  else if (shape === 3) text = rng.pick(['', ' ', '\u200b', '\n', '\u0000']);
  return text;
}

/** Locales Discord sends, and some it never would. */
export const LOCALES_VALID = ['en-US', 'en-GB', 'zh-CN', 'zh-TW', 'ja', 'ko', 'de', 'fr', 'ru', 'ar', 'he', 'es-ES', 'pt-BR', 'vi', 'th'] as const;
export const LOCALES_INVALID = ['', 'xx-YY', 'zh', 'EN-us', 'zh-Hans-CN', 'en_US', '../../etc', '\u202een-US', 'x'.repeat(300), '<@223456789012345678>'] as const;
