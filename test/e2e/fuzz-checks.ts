/**
 * What the fuzz suite checks in every payload the bot sent for an interaction: who it may ping
 * (allowed_mentions present, nobody but the member named in `mention`), and that nothing the
 * member typed comes back unescaped — no mention or markdown breaker outside a code span, no
 * control, ANSI, bidi or zero-width character and no lone surrogate anywhere.
 */
import type { InteractionRecord } from './fake-discord.ts';
import { noncesIn } from './fuzz-input.ts';

type Json = Record<string, unknown>;

export interface Finding {
  readonly kind: 'ping' | 'no-allowed-mentions' | 'reflection' | 'invisible' | 'mention-outside-code';
  readonly detail: string;
}

/** Every message body the bot sent for the interaction: replies, updates, edits and follow-ups. */
export function messageBodies(record: InteractionRecord): Json[] {
  return [
    ...record.callbacks.filter((c) => (c.type === 4 || c.type === 7) && c.data).map((c) => c.data!),
    ...record.edits.map((e) => e.body),
    ...record.followUps.map((f) => f.body),
  ];
}

/** Every string shown to members in a payload (choices, modals and components included), URLs aside. */
export function shownStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /url$|^custom_id$|^allowed_mentions$/.test(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => shownStrings(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'allowed_mentions' ? [] : shownStrings(v, k)));
  return [];
}

/** The parts of Discord markdown outside code blocks and code spans (where markup and mentions take effect). */
export function outsideCode(text: string): string[] {
  const parts: string[] = [];
  let plain = '';
  for (let i = 0; i < text.length; ) {
    const fence = text.startsWith('```', i) ? '```' : text.startsWith('``', i) ? '``' : text[i] === '`' ? '`' : '';
    const end = fence ? text.indexOf(fence, i + fence.length) : -1;
    if (fence && end >= 0) {
      parts.push(plain);
      plain = '';
      i = end + fence.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  parts.push(plain);
  return parts.filter(Boolean);
}

// Controls (newline and tab aside), C1, bidi marks/embeddings/overrides/isolates, zero-width and
// the BOM, line/paragraph separators. A zero-width space is netlab's own escape after an @.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200c-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|(?<!@)\u200b/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MENTION = /@everyone|@here|<@[!&]?\d|<#\d|<\/[\w-]+:\d/;
/**
 * Right after a reflected nonce, outside code: anything that would start markup, a mention or a
 * masked link, or a new line that could start a heading, quote or list. (A backslash-escaped
 * character is escaped, so a backslash does not count.)
 */
const BREAKER_AFTER = /^(?:[`*_~|[<@]|\s*\n\s*[-#>*])/;

export function inspect(record: InteractionRecord, inputs: readonly string[], mention: string | undefined): Finding[] {
  const findings: Finding[] = [];
  const nonces = inputs.flatMap(noncesIn);
  for (const body of messageBodies(record)) {
    const allowed = body['allowed_mentions'] as { parse?: unknown[]; users?: unknown[]; roles?: unknown[] } | undefined;
    if (!allowed) findings.push({ kind: 'no-allowed-mentions', detail: JSON.stringify(body).slice(0, 200) });
    else {
      const users = (allowed.users ?? []).map(String);
      if ((allowed.parse ?? []).length > 0 || (allowed.roles ?? []).length > 0 || users.some((u) => u !== mention)) {
        findings.push({ kind: 'ping', detail: `allowed_mentions ${JSON.stringify(allowed)} with mention ${mention ?? '(none)'}` });
      }
    }
    for (const text of shownStrings(body)) {
      if (INVISIBLE.test(text) || LONE_SURROGATE.test(text)) findings.push({ kind: 'invisible', detail: JSON.stringify(text.slice(0, 120)) });
      for (const plain of outsideCode(mention ? text.replaceAll(`<@${mention}>`, '') : text)) {
        if (MENTION.test(plain)) findings.push({ kind: 'mention-outside-code', detail: JSON.stringify(plain.slice(0, 160)) });
        for (const n of nonces) {
          for (let at = plain.indexOf(n); at >= 0; at = plain.indexOf(n, at + 1)) {
            if (BREAKER_AFTER.test(plain.slice(at + n.length))) findings.push({ kind: 'reflection', detail: JSON.stringify(plain.slice(at, at + 60)) });
          }
        }
      }
    }
  }
  // Choices are plain text too: no invisible characters there either.
  for (const choice of record.choices ?? []) {
    for (const text of shownStrings(choice)) if (INVISIBLE.test(text) || LONE_SURROGATE.test(text)) findings.push({ kind: 'invisible', detail: JSON.stringify(text.slice(0, 120)) });
  }
  return findings;
}

/**
 * The members one answer pinged: content naming them, and allowed_mentions letting it through.
 * Once per answer, though the name rides along on its edits (a queue position, then the result).
 */
export function pinged(record: InteractionRecord): string[] {
  return [...new Set(messageBodies(record).flatMap((body) => {
    const users = ((body['allowed_mentions'] as { users?: unknown[] } | undefined)?.users ?? []).map(String);
    const content = typeof body['content'] === 'string' ? body['content'] : '';
    return users.filter((u) => content.includes(`<@${u}>`));
  }))];
}
