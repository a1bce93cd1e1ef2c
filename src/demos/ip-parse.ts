/**
 * Small parsers for the fixed commands' output (busybox and iproute2 `ip addr`, `ping`,
 * `nslookup`). Scenarios compute their checks from these; explain.ts reads the same structure.
 */

export interface IpAddress {
  readonly family: 'inet' | 'inet6';
  /** Address with prefix length, e.g. 172.17.0.2/16. */
  readonly cidr: string;
  readonly scope: string | undefined;
}

export interface IpInterface {
  readonly index: number;
  readonly name: string;
  /** `eth0@if9` → 9: the peer's interface index in another namespace. */
  readonly peerIndex: number | undefined;
  readonly flags: readonly string[];
  readonly mtu: number;
  readonly state: string | undefined;
  /** The bridge this interface is plugged into (`master docker0`), as the host's `ip link` shows it. */
  readonly master: string | undefined;
  readonly linkType: string | undefined;
  readonly mac: string | undefined;
  readonly addresses: readonly IpAddress[];
}

const HEADER = /^(\d+):\s+([^:@\s]+)(?:@([^:\s]+))?:\s+<([^>]*)>\s+mtu\s+(\d+)(.*)$/;
const LINK = /^\s+link\/(\S+)(?:\s+(\S+))?/;
const ADDR = /^\s+(inet6?)\s+(\S+).*?\bscope\s+(\S+)/;

export function parseIpAddr(text: string): IpInterface[] {
  const result: { -readonly [K in keyof IpInterface]: IpInterface[K] }[] = [];
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      const peer = header[3];
      result.push({
        index: Number(header[1]),
        name: header[2] ?? '',
        peerIndex: peer?.startsWith('if') ? Number(peer.slice(2)) : undefined,
        flags: (header[4] ?? '').split(',').filter(Boolean),
        mtu: Number(header[5]),
        state: /\bstate\s+(\S+)/.exec(header[6] ?? '')?.[1],
        master: /\bmaster\s+(\S+)/.exec(header[6] ?? '')?.[1],
        linkType: undefined,
        mac: undefined,
        addresses: [],
      });
      continue;
    }
    const current = result.at(-1);
    if (!current) continue;
    const link = LINK.exec(line);
    if (link) {
      current.linkType = link[1];
      current.mac = link[1] === 'ether' ? link[2] : undefined;
      continue;
    }
    const addr = ADDR.exec(line);
    if (addr) current.addresses = [...current.addresses, { family: addr[1] as 'inet' | 'inet6', cidr: addr[2] ?? '', scope: addr[3] }];
  }
  return result;
}

/** The first IPv4 address of an interface, without prefix length. */
export function ipv4Of(iface: IpInterface | undefined): string | undefined {
  return iface?.addresses.find((a) => a.family === 'inet')?.cidr.split('/')[0];
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

/** True when an IPv4 address lies inside `cidr` (e.g. 172.17.0.0/16). */
export function ipv4InSubnet(address: string, cidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const a = ipv4ToNumber(address);
  const b = ipv4ToNumber(base);
  const bits = Number(bitsText);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** "3 packets transmitted, 3 packets received, 0% packet loss" → 0. */
export function packetLossPercent(pingOutput: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)% packet loss/.exec(pingOutput);
  return match ? Number(match[1]) : undefined;
}

/** The addresses nslookup printed for `name` (after its "Name:" line). */
export function resolvedAddresses(nslookupOutput: string, name: string): string[] {
  const addresses: string[] = [];
  let inAnswer = false;
  for (const line of nslookupOutput.split('\n')) {
    const nameLine = /^Name:\s+(\S+)/.exec(line);
    if (nameLine) inAnswer = nameLine[1] === name || nameLine[1]?.startsWith(`${name}.`) === true;
    const address = /^Address(?:\s+\d+)?:\s+([0-9a-fA-F.:]+)\s*$/.exec(line);
    if (inAnswer && address?.[1]) addresses.push(address[1]);
  }
  return addresses;
}

/** A comparable fingerprint of the interfaces (names, MACs, addresses), for container mode. */
export function interfaceFingerprint(interfaces: readonly IpInterface[]): string {
  return interfaces.map((i) => `${i.name}|${i.mac ?? ''}|${i.mtu}|${i.addresses.map((a) => a.cidr).join(',')}`).join('\n');
}
