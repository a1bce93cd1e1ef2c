/**
 * Host ports in a verified block. The engine (and so its published ports) is shared with whatever
 * else runs on the machine, other verify runs included: a topic's `-p 8080:80` must not fail
 * because someone else holds 8080, nor hold it while another run needs it. So each host port a
 * block binds is replaced, everywhere in the block (its commands and compose file), by a port
 * that is free at that moment, taken from a range that nothing else here uses. Shown output still
 * matches: digits are placeholders when outputs are compared (verify-compare.ts).
 */
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

/** Where replacement ports come from: below Linux's ephemeral range (32768–60999), above common services. */
export const PORT_RANGE = { first: 21_000, last: 29_999 } as const;

const PORT = String.raw`(\d{2,5})`;
const ADDRESS = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]*\]|localhost)`;

/** `-p 8080:80`, `-p 127.0.0.1:8080:80/udp`, `--publish=8080:80`, `published=8080` (the host side). */
const PUBLISH = new RegExp(String.raw`(?:^|\s)(?:-p|--publish)[\s=]*(?:${ADDRESS}:)?${PORT}(?:-\d+)?:(\d+)`, 'g');
const PUBLISHED_KEY = new RegExp(String.raw`published[=:]\s*"?${PORT}`, 'g');
/** Compose `ports:` entries: `- "8080:80"`, `- 127.0.0.1:8080:80`. */
const COMPOSE_PORT = new RegExp(String.raw`^\s*-\s*["']?(?:${ADDRESS}:)?${PORT}:(\d+)`, 'gm');
/** The container's side of a long-form mapping. */
const TARGET_KEY = /target[=:]\s*"?(\d{2,5})/g;
/** A server listening in the host's own namespace: `httpd -f -p 127.0.0.1:8080`, `nc -l -p 8080`. */
const LISTEN = new RegExp(String.raw`(?:^|\s)-p\s+(?:${ADDRESS}:)?${PORT}(?![\d:])`, 'g');
const HOST_NETWORK = /(?:^|\s)--net(?:work)?[\s=]+host(?:\s|$)/;

function collect(pattern: RegExp, text: string, into: Set<number>, group = 1): void {
  for (const m of text.matchAll(pattern)) {
    const port = Number(m[group]);
    if (port >= 1 && port <= 65_535) into.add(port);
  }
}

/** The host ports a block binds: published ports, and the ports of servers run with `--network host`. */
export function hostPorts(commands: readonly string[], composeFile?: string): number[] {
  const ports = new Set<number>();
  for (const command of commands) {
    collect(PUBLISH, command, ports);
    collect(PUBLISHED_KEY, command, ports);
    if (HOST_NETWORK.test(command)) collect(LISTEN, command, ports);
  }
  if (composeFile !== undefined) {
    collect(COMPOSE_PORT, composeFile, ports);
    collect(PUBLISHED_KEY, composeFile, ports);
  }
  return [...ports].sort((a, b) => a - b);
}

/**
 * A port the block also uses on a container's side (`-p 80:80`, `target=80`) cannot be replaced
 * everywhere without changing what the container listens on: such ports stay as they are.
 */
export function replaceablePorts(ports: readonly number[], commands: readonly string[], composeFile?: string): number[] {
  const inside = new Set<number>();
  for (const text of [...commands, composeFile ?? '']) {
    collect(PUBLISH, text, inside, 2);
    collect(COMPOSE_PORT, text, inside, 2);
    collect(TARGET_KEY, text, inside);
  }
  return ports.filter((port) => !inside.has(port));
}

/** Every whole occurrence of each port number in `text` (not part of a longer number or an address), replaced. */
export function remapPorts(text: string, map: ReadonlyMap<number, number>): string {
  if (map.size === 0) return text;
  const pattern = new RegExp(String.raw`(?<![\d.])(?:${[...map.keys()].join('|')})(?!\d|\.\d)`, 'g');
  return text.replace(pattern, (m) => String(map.get(Number(m)) ?? m));
}

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function udpFree(port: number, type: 'udp4' | 'udp6', host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(type);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      resolve(error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL');
    });
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

/** Whether nobody on this machine listens on `port` (TCP and UDP, IPv4 and IPv6). */
export async function portFree(port: number): Promise<boolean> {
  // One after the other: a dual-stack `::` socket would collide with our own `0.0.0.0` one.
  return (await tcpFree(port, '0.0.0.0')) && (await tcpFree(port, '::')) && (await udpFree(port, 'udp4', '0.0.0.0')) && (await udpFree(port, 'udp6', '::'));
}

/**
 * A free port for each of `ports`, distinct, never one of `avoid` (ports this run handed out and
 * may still be in use). Random within PORT_RANGE, so concurrent runs rarely even try the same one.
 */
export async function freePorts(ports: readonly number[], avoid: ReadonlySet<number> = new Set(), random: () => number = Math.random): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  const taken = new Set(avoid);
  const size = PORT_RANGE.last - PORT_RANGE.first + 1;
  for (const port of ports) {
    for (let attempt = 0; ; attempt++) {
      if (attempt >= 200) throw new Error(`no free host port found in ${PORT_RANGE.first}–${PORT_RANGE.last} for ${port}`);
      const candidate = PORT_RANGE.first + Math.floor(random() * size);
      if (taken.has(candidate) || !(await portFree(candidate))) continue;
      taken.add(candidate);
      map.set(port, candidate);
      break;
    }
  }
  return map;
}
