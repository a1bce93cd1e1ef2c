/**
 * Every command a demo runs, fixed in code. Labels are what a member would type; argv is what
 * runs. Nothing here is built from user input.
 */
import type { FixedCommand } from './scenario.ts';

const command = (label: string, argv: readonly string[] = label.split(' ')): FixedCommand => Object.freeze({ label, argv: Object.freeze([...argv]) });

export const IP_ADDR = command('ip addr');
export const IP_ROUTE = command('ip route');

/** Looks a peer's name up in Docker's embedded DNS server (127.0.0.11), IPv4 only. */
export const nslookupPeer = (alias: 'demo-b') => command(`nslookup ${alias} 127.0.0.11`, ['nslookup', '-type=a', alias, '127.0.0.11']);

/**
 * A shell script run with `set -ex`: each line is echoed ("+ ip link add …") to stderr, which
 * becomes the transcript members see.
 */
export const script = (label: string, lines: readonly string[]) => command(label, ['sh', '-ec', `set -x\n${lines.join('\n')}`]);

/** Three pings, 0.2 s apart (root only, as in p2p), each waiting at most 1 s. */
export const pingPeer = (address: '10.99.0.1') => command(`ping -c 3 -i 0.2 -W 1 ${address}`);
