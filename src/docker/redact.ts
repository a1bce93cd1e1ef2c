/**
 * Demo output can show the machine's own interfaces (host mode) and, on an engine with public
 * IPv6 on its bridges, the host's prefix in any scenario. Before output reaches a chat we mask
 * what could identify or locate the host, and keep what teaches something. The runner applies
 * this to every command's output of every scenario.
 *
 * IPv4 kept: 0.0.0.0/8, 10/8, 127/8, 169.254/16, 172.16/12, 192.168/16, multicast 224/4 and
 *   255.255.255.255. Masked: everything else — public addresses, and also carrier-grade NAT
 *   100.64/10 (Tailscale, cloud NAT), which can still single a machine out: `203.0.113.7/24` →
 *   `203.0.x.x/24`.
 * IPv6 kept: ::, ::1, link-local fe80::/10, unique local fc00::/7 and multicast ff00::/8 — but
 *   not Tailscale's fd7a:115c:a1e0::/48, the twin of its 100.64/10 addresses. Global addresses
 *   keep their first two groups: `2001:db8:x:x:x:x:x:x/64`. An interface id built from a MAC
 *   (EUI-64, the `…ff:fe…` in the middle) gives the MAC straight back, so it is masked wherever
 *   the MAC itself would be: `fe80::5054:ff:fe9a:3c1e` → `fe80::x:x:x:x`.
 * MAC kept: 00:00:00:00:00:00, ff:ff:ff:ff:ff:ff, multicast 01:00:5e:… and 33:33:…, and Docker's
 *   generated 02:42:… (derived from a private container address or random). Every other
 *   hardware address (NIC vendor + serial, cloud ENI ids) → `xx:xx:xx:xx:xx:xx`, also inside an
 *   interface name made from it (`enx0a1b2c3d4e5f` → `enxxxxxxxxxxxxx`).
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
/** Interface names made from a MAC: `enx` plus 12 hex digits (systemd's predictable names for USB NICs). */
const MAC_NAME = /\benx([0-9a-fA-F]{12})\b/g;

function keepIPv4(a: number, b: number): boolean {
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
}

function redactIPv4(match: string, ...octets: string[]): string {
  const [a, b, c, d] = octets.slice(0, 4).map(Number) as [number, number, number, number];
  if ([a, b, c, d].some((o) => o > 255)) return match; // not an address (a version string, say)
  return keepIPv4(a, b) ? match : `${a}.${b}.x.x`;
}

/** True for MACs that teach without identifying anything. */
function keepMac(mac: string): boolean {
  const lower = mac.toLowerCase();
  if (lower.split(':').length !== 6) return false;
  return lower === '00:00:00:00:00:00' || lower === 'ff:ff:ff:ff:ff:ff' || /^(02:42|33:33|01:00:5e):/.test(lower);
}

/** Expands "2001:db8::1" to its eight groups, each without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, '').toLowerCase());
}

/** The MAC an EUI-64 interface id (the last four groups) was built from, if it is one. */
function macOfInterfaceId(groups: readonly string[]): string | undefined {
  const bytes = groups.slice(4).flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (bytes.length !== 8 || bytes[3] !== 0xff || bytes[4] !== 0xfe) return undefined;
  const mac = [bytes[0]! ^ 0x02, bytes[1]!, bytes[2]!, bytes[5]!, bytes[6]!, bytes[7]!];
  return mac.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function redactIPv6(token: string): string {
  if (!isIPv6(token)) return token;
  const groups = ipv6Groups(token);
  const first = parseInt(groups[0] ?? '0', 16);
  const tailscale = groups[0] === 'fd7a' && groups[1] === '115c' && groups[2] === 'a1e0';
  const local =
    groups.every((g) => g === '0' || g === '1') || // :: and ::1 (and other all-zero forms)
    (first & 0xffc0) === 0xfe80 || // link-local
    (first & 0xff00) === 0xff00 || // multicast
    ((first & 0xfe00) === 0xfc00 && !tailscale); // unique local
  if (!local) return `${groups[0]}:${groups[1]}:x:x:x:x:x:x`;
  const mac = macOfInterfaceId(groups);
  if (mac && !keepMac(mac)) return `${groups.slice(0, 4).join(':').replace(/(:0)+$/, '')}::x:x:x:x`;
  return token;
}

export function redactHostAddresses(text: string, options: RedactOptions = {}): string {
  if (options.enabled === false) return text;
  return text
    .replace(MAC_NAME, (name, hex: string) => (hex.toLowerCase().startsWith('0242') ? name : `enx${'x'.repeat(12)}`))
    .replace(HWADDR, (mac) => (keepMac(mac) ? mac : mac.replace(/[0-9a-fA-F]{2}/g, 'xx')))
    .replace(IPV4, redactIPv4)
    .replace(IPV6, redactIPv6);
}
