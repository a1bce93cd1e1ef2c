/**
 * The technical tokens of a line of library text: IPv4/IPv6 addresses and prefixes, command-line
 * flags, numbers of two or more digits, and commands. Parity compares them between languages;
 * the summary rule wants them in backticks.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type TokenKind = 'command' | 'flag' | 'address' | 'number';

export interface CodeToken {
  readonly kind: TokenKind;
  readonly value: string;
  /** Offset in the (URL-blanked) text, for callers that check what surrounds a token. */
  readonly index: number;
}

/** URLs (bare, in Markdown links, in angle brackets) replaced by spaces of the same length. */
export function blankUrls(text: string): string {
  return text.replace(/\b(?:https?|ftp):\/\/[^\s)>\]`"']+/g, (m) => ' '.repeat(m.length));
}

const IPV4 = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(\/\d{1,2})?(?![\w]|\.\d)/g;
/** Candidates with `::` or eight groups; node:net decides. A trailing `:port` (`:::8080`) is allowed. */
const IPV6 = /(?<![\w:.])\[?((?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:\d{1,3}(?:\.\d{1,3}){3})?)\]?(\/\d{1,3})?(?![\w:])/gi;
const FLAG = /(?<![\w\-./=])(--[a-z][a-z0-9]*(?:-[a-z0-9]+)*|-[a-zA-Z]{1,2})(?=$|[\s=`'",;:)\]}，。；：、）]|\p{Script=Han})/gu;
const NUMBER = /(?<![\w.\-/@+])v?(\d+(?:\.\d+)*)(?![\w])(?!\.[A-Za-z])/g;

function ipv6(candidate: string): string | undefined {
  if (!candidate.includes(':')) return undefined;
  if (isIPv6(candidate)) return candidate;
  // `:::8080` is `::` plus a port; `fe80::1:80` stays an address (it parses whole).
  const port = /^(.*):(\d{1,5})$/.exec(candidate);
  if (port && isIPv6(port[1]!)) return port[1]!;
  return undefined;
}

/** Address patterns written with placeholders: `172.17.x.x`, `192.168.x`. */
const PARTIAL_IPV4 = /(?<![\w.])(?:\d{1,3}(?:\.\d{1,3}){1,2}(?:\.[xX*]){1,2}|\d{1,3}(?:\.[xX*]){3})(?:\/\d{1,2})?(?![\w.])/g;

/** Addresses and prefixes; `text` must already be free of URLs. */
export function findAddresses(text: string): CodeToken[] {
  const found: CodeToken[] = [...text.matchAll(PARTIAL_IPV4)].map((m) => ({ kind: 'address' as const, value: m[0].toLowerCase(), index: m.index }));
  for (const m of text.matchAll(IPV4)) if (isIPv4(m[1]!)) found.push({ kind: 'address', value: m[1]! + (m[2] ?? ''), index: m.index });
  for (const m of text.matchAll(IPV6)) {
    const address = ipv6(m[1]!.toLowerCase());
    // "::" alone only counts with a prefix or in brackets: prose uses it for other things.
    if (address && (address !== '::' || m[2] || m[0].startsWith('['))) found.push({ kind: 'address', value: address + (m[2] ?? ''), index: m.index });
  }
  return found;
}

export function findFlags(text: string): CodeToken[] {
  return [...text.matchAll(FLAG)].map((m) => ({ kind: 'flag' as const, value: m[1]!, index: m.index }));
}

/** Numbers of two or more digits (`80`, `1450`, `20.10`, `1.8`), thousands separators folded. */
export function findNumbers(text: string): CodeToken[] {
  const withoutListMarker = text.replace(/^(\s*)\d+\.(?=\s)/, (_, s: string) => `${s}  `);
  const found: CodeToken[] = [];
  for (const m of withoutListMarker.matchAll(NUMBER)) {
    const value = m[1]!;
    if (value.replace(/\./g, '').length >= 2) found.push({ kind: 'number', value, index: m.index });
  }
  return found;
}

/** Blanks the spans of the given tokens, so that what remains can be searched for other kinds. */
export function blankTokens(text: string, tokens: readonly CodeToken[]): string {
  let out = text;
  for (const t of tokens) {
    const at = out.indexOf(t.value, t.index);
    if (at >= 0) out = out.slice(0, at) + ' '.repeat(t.value.length) + out.slice(at + t.value.length);
  }
  return out;
}

/** Folds `1,500` (and the full-width forms) so that both languages write the same number. */
function foldNumbers(text: string): string {
  return text.normalize('NFKC').replace(/\b(\d{1,3})((?:,\d{3})+)\b/g, (_, a: string, b: string) => a + b.replace(/,/g, ''));
}

/** Addresses, flags and numbers of one line of text, each once per position. */
export function lineTokens(line: string): CodeToken[] {
  // MAC addresses are not numbers; URLs are not compared.
  const text = blankUrls(foldNumbers(line)).replace(/\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b/gi, (m) => ' '.repeat(m.length));
  const addresses = findAddresses(text);
  const rest = blankTokens(text, addresses);
  const flags = findFlags(rest);
  return [...addresses, ...flags, ...findNumbers(blankTokens(rest, flags))];
}

/**
 * Commands as they appear in prose: `docker network create`, `ip addr`. A bare tool name
 * (“iptables rules”) names a subsystem; with a flag (`dockerd --validate`) the flag is found.
 */
const COMMAND =
  /(?<![\w`-])(?:docker(?:-compose)?\s+(?:run|network|exec|ps|inspect|compose|swarm|service|port|info|pull|push|create|container|image|logs|rm|stop|start|restart|version|system|context|volume|stack|node|buildx?|login|cp|attach|kill|top|stats)\b(?:\s+(?:ls|create|connect|disconnect|inspect|rm|prune|init|join|leave|up|down|ps))?|ip\s+(?:a|addr|address|link|route|netns|neigh|-\d)\b)/g;
const FILE_NAME = /(?<![\w`/.-])(?:\/(?:etc|var|run|proc|sys|usr)\/[\w./-]+|[\w-]+\.(?:json|ya?ml|conf|toml|sock))(?<!\.)(?![\w`])/g;

/** Commands and file names in a piece of prose (for the rule that wants them in backticks). */
export function findProseCode(text: string): CodeToken[] {
  return [
    ...[...text.matchAll(COMMAND)].map((m) => ({ kind: 'command' as const, value: m[0], index: m.index })),
    ...[...text.matchAll(FILE_NAME)].map((m) => ({ kind: 'command' as const, value: m[0], index: m.index })),
  ];
}
