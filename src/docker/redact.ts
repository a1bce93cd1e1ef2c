/**
 * Host-mode output shows the machine's own interfaces. Before it reaches a chat we mask what
 * could identify or locate the host, and keep what teaches something:
 *
 * IPv4 kept: 0.0.0.0/8, 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16, multicast 224/4 and
 *   255.255.255.255. Masked: everything else — public addresses, and also CGNAT 100.64/10,
 *   which on cloud hosts and tailnets can still single a machine out. `203.0.113.7/24` → `203.0.x.x/24`.
 * IPv6 kept: ::, ::1, link-local fe80::/10, ULA fc00::/7, multicast ff00::/8. Masked: global
 *   addresses, keeping the first two groups: `2001:db8:x:x:x:x:x:x/64`.
 * MAC kept: 00:00:00:00:00:00, ff:ff:ff:ff:ff:ff, multicast 01:00:5e:… and 33:33:…, and Docker's
 *   generated 02:42:… (derived from a private container address or random). Every other
 *   hardware address (NIC vendor + serial, cloud ENI ids) → `xx:xx:xx:xx:xx:xx`.
 * Prefix lengths stay, since `/24` vs `/16` is part of the lesson.
 */
import { isIPv6 } from 'node:net';

export interface RedactOptions {
  /** On by default; the organiser turns it off with SANDBOX_REDACT_HOST=false. */
  readonly enabled?: boolean;
}

const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w.])/g;
const HWADDR = /(?<![\w:])[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5,19}(?![\w:])/g;
const IPV6 = /(?<![\w:.])[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\w:.])/g;

function keepIPv4(a: number, b: number): boolean {
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
}

function redactIPv4(match: string, ...octets: string[]): string {
  const [a, b, c, d] = octets.slice(0, 4).map(Number) as [number, number, number, number];
  if ([a, b, c, d].some((o) => o > 255)) return match; // not an address (a version string, say)
  return keepIPv4(a, b) ? match : `${a}.${b}.x.x`;
}

function keepMac(mac: string): boolean {
  const lower = mac.toLowerCase();
  if (lower.split(':').length !== 6) return false;
  return lower === '00:00:00:00:00:00' || lower === 'ff:ff:ff:ff:ff:ff' || /^(02:42|33:33|01:00:5e):/.test(lower);
}

/** Expands "2001:db8::1" to its eight groups. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, '').toLowerCase());
}

function redactIPv6(token: string): string {
  if (!isIPv6(token)) return token;
  const groups = ipv6Groups(token);
  const first = parseInt(groups[0] ?? '0', 16);
  const kept =
    groups.every((g) => g === '0' || g === '1') || // :: and ::1 (and other all-zero forms)
    (first & 0xffc0) === 0xfe80 || // link-local
    (first & 0xfe00) === 0xfc00 || // unique local
    (first & 0xff00) === 0xff00; // multicast
  return kept ? token : `${groups[0]}:${groups[1]}:x:x:x:x:x:x`;
}

export function redactHostAddresses(text: string, options: RedactOptions = {}): string {
  if (options.enabled === false) return text;
  return text
    .replace(HWADDR, (mac) => (keepMac(mac) ? mac : mac.replace(/[0-9a-fA-F]{2}/g, 'xx')))
    .replace(IPV4, redactIPv4)
    .replace(IPV6, redactIPv6);
}
