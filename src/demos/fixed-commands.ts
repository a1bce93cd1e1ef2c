/**
 * Every command a demo runs, fixed in code. Labels are what a member would type; argv is what
 * runs. Nothing here is built from user input: the only names that go in are the friendly
 * aliases below and container names netlab's own engine reported.
 */
import type { FixedCommand } from '../docker/scenario.ts';

const command = (label: string, argv: readonly string[] = label.split(' ')): FixedCommand => Object.freeze({ label, argv: Object.freeze([...argv]) });

export const IP_ADDR = command('ip addr');
export const IP_ROUTE = command('ip route');
/** eth0 alone: its address (to compare with a DNS answer) and its veth peer's index (for the picture). */
export const ETH0_ADDR = command('ip addr show dev eth0');
export const RESOLV_CONF = command('cat /etc/resolv.conf');

/** A Linux interface name (at most 15 characters), as the engine reported a bridge's. */
const INTERFACE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}$/;

/**
 * Seen from the host's namespace: a bridge with its address, and the host's ends of the veth
 * pairs plugged into it (`master <bridge>`). Only bridge names the engine reported go in.
 */
export function bridgeOnHost(bridge: string): readonly FixedCommand[] {
  if (!INTERFACE_NAME.test(bridge)) throw new Error(`not an interface name: ${JSON.stringify(bridge)}`);
  const ports = `ip -o link | grep 'master ${bridge} '`;
  return [command(`ip addr show dev ${bridge}`), command(ports, ['sh', '-c', ports])];
}

/** Container names and aliases as Docker allows them; anything else is our bug. */
const DNS_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

/**
 * Looks a name up in Docker's embedded DNS server (127.0.0.11), IPv4 only. Where nothing may
 * answer there (the default bridge), `giveUpAfterSec` stops busybox's nslookup, which has no
 * timeout of its own and keeps retrying a refused server for several seconds.
 */
export function nslookupEmbedded(name: string, giveUpAfterSec?: 1): FixedCommand {
  if (!DNS_NAME.test(name)) throw new Error(`not a container name: ${JSON.stringify(name)}`);
  const lookup = ['nslookup', '-type=a', name, '127.0.0.11'];
  return giveUpAfterSec
    ? command(`timeout ${giveUpAfterSec} nslookup ${name} 127.0.0.11`, ['timeout', String(giveUpAfterSec), ...lookup])
    : command(`nslookup ${name} 127.0.0.11`, lookup);
}

/**
 * A shell script run with `set -ex`: each line is echoed ("+ ip link add …") to stderr, which
 * becomes the transcript members see.
 */
export const script = (label: string, lines: readonly string[]) => command(label, ['sh', '-ec', `set -x\n${lines.join('\n')}`]);

/** Three pings, 0.2 s apart (root only, as in p2p), each waiting at most 1 s. */
export const pingPeer = (address: '10.99.0.1') => command(`ping -c 3 -i 0.2 -W 1 ${address}`);
