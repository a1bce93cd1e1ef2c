/**
 * Address ranges Docker's subnets are known to collide with, as users report them, and Docker's
 * own defaults (libnetwork ipamutils/utils.go, the same in 20.10 and 29.x).
 */
import type { Bilingual } from '../errors.ts';

export interface KnownRange {
  readonly cidr: string;
  readonly name: Bilingual;
  readonly source: string;
}

export const VPN_AND_LAN_RANGES: readonly KnownRange[] = [
  {
    cidr: '100.64.0.0/10',
    name: { en: 'Tailscale (and carrier-grade NAT)', zh: 'Tailscale（以及运营商级 NAT）' },
    source: 'https://tailscale.com/kb/1015/100.x-addresses; RFC 6598',
  },
  {
    cidr: 'fd7a:115c:a1e0::/48',
    name: { en: 'Tailscale’s IPv6 range', zh: 'Tailscale 的 IPv6 网段' },
    source: 'https://tailscale.com/kb/1015/100.x-addresses',
  },
  {
    cidr: '192.168.0.0/24',
    name: { en: 'the usual home-router LAN', zh: '家用路由器常见的局域网' },
    source: 'https://github.com/docker/for-linux/issues/123 (home routers on 192.168.x.x)',
  },
  {
    cidr: '192.168.1.0/24',
    name: { en: 'the usual home-router LAN', zh: '家用路由器常见的局域网' },
    source: 'https://github.com/docker/for-linux/issues/123 (home routers on 192.168.x.x)',
  },
  {
    cidr: '172.31.0.0/16',
    name: { en: 'the AWS default VPC', zh: 'AWS 的默认 VPC' },
    source: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html',
  },
  {
    cidr: '10.0.0.0/16',
    name: { en: 'the default of cloud VPC wizards and many office LANs', zh: '云厂商 VPC 向导的默认网段，也是很多公司内网的网段' },
    source: 'AWS SDK LaunchVPCWithPublicSubnetRequest.VPCCidrBlock default 10.0.0.0/16; https://github.com/docker/for-linux/issues/123',
  },
];

/** The whole private blocks of RFC 1918: a Docker range that takes one of them entirely leaves nothing for the LAN or a VPN. */
export const PRIVATE_BLOCKS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** docker0's subnet when `bip` is not set (the first default pool). */
export const DEFAULT_BRIDGE_SUBNET = '172.17.0.0/16';

/** The local default address pools when `default-address-pools` is not set. */
export const DEFAULT_POOLS: readonly string[] = [
  '172.17.0.0/16',
  '172.18.0.0/16',
  '172.19.0.0/16',
  '172.20.0.0/14',
  '172.24.0.0/14',
  '172.28.0.0/14',
  '192.168.0.0/16',
];
