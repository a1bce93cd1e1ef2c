/**
 * IP addresses and CIDR prefixes, parsed as Go's net.ParseIP and net.ParseCIDR parse them (no
 * leading zeros in IPv4 since Go 1.17, no IPv6 zones), with the arithmetic the checks need.
 */
export interface Ip {
  readonly version: 4 | 6;
  readonly value: bigint;
}

export interface Cidr {
  /** The address as written (`10.50.0.1` in `10.50.0.1/24`). */
  readonly ip: Ip;
  readonly bits: number;
  /** The first address of the prefix (the network address). */
  readonly network: bigint;
  readonly text: string;
}

const width = (v: 4 | 6) => (v === 4 ? 32 : 128);

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  if (!text.includes(':') || text.includes('%')) return undefined;
  let tail = text;
  let v4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return v4 === undefined ? value : (value & ~0xffffffffn) | v4;
}

export function parseIp(text: string): Ip | undefined {
  const v4 = parseV4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseV6(text);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const w = width(ip.version);
  if (bits > w) return undefined;
  const hostBits = BigInt(w - bits);
  return { ip, bits, network: (ip.value >> hostBits) << hostBits, text };
}

const size = (c: Cidr) => 1n << BigInt(width(c.ip.version) - c.bits);

export function lastAddress(c: Cidr): bigint {
  return c.network + size(c) - 1n;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.ip.version === b.ip.version && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** Whether `inner` lies completely inside `outer`. */
export function within(inner: Cidr, outer: Cidr): boolean {
  return inner.ip.version === outer.ip.version && inner.network >= outer.network && lastAddress(inner) <= lastAddress(outer);
}

export function containsIp(c: Cidr, ip: Ip): boolean {
  return c.ip.version === ip.version && ip.value >= c.network && ip.value <= lastAddress(c);
}

export function formatIp(ip: Ip): string {
  if (ip.version === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** The prefix in canonical form: `10.50.0.0/24` for `10.50.0.1/24`. */
export function formatNetwork(c: Cidr): string {
  return `${formatIp({ version: c.ip.version, value: c.network })}/${c.bits}`;
}

/** The address one above the network address, as people usually give the bridge. */
export function firstHost(c: Cidr): string {
  return formatIp({ version: c.ip.version, value: c.network + 1n });
}
