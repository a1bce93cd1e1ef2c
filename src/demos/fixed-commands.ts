/**
 * Every command a demo runs, fixed in code. Labels are what a member would type; argv is what
 * runs. Nothing here is built from user input: the only names that go in are the friendly
 * aliases below and container names netlab's own engine reported.
 */
import type { FixedCommand } from '../docker/scenario.ts';

const command = (label: string, argv: readonly string[] = label.split(' ')): FixedCommand => Object.freeze({ label, argv: Object.freeze([...argv]) });

export const IP_ADDR = command('ip addr');
export const IP_ROUTE = command('ip route');
/** One line: eth0's IPv4 address, enough to compare with a DNS answer. */
export const ETH0_IPV4 = command('ip -4 -o addr show dev eth0');
export const RESOLV_CONF = command('cat /etc/resolv.conf');

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
