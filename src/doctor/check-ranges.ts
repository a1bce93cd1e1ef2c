/**
 * Docker's subnets against each other and against the networks around the host: VPN ranges
 * people report clashes with, whole private blocks, and the LAN ranges the member names. dockerd
 * starts either way; the clash shows later, as hosts that containers (or the host) cannot reach.
 */
import type { Bilingual } from '../errors.ts';
import { formatNetwork, overlaps, parseCidr, parseIp, within, type Cidr } from './addresses.ts';
import type { DaemonJson } from './daemon-json.ts';
import { STAGE, type Finding } from './finding.ts';
import { DEFAULT_BRIDGE_SUBNET, DEFAULT_POOLS, PRIVATE_BLOCKS, VPN_AND_LAN_RANGES } from './known-ranges.ts';
import { readPools } from './check-pools.ts';

interface DockerRange {
  readonly key: string;
  readonly cidr: Cidr;
  readonly at: number | undefined;
  /** Docker's default, in effect because the file does not set the key. */
  readonly isDefault: boolean;
}

const warn = (key: string, at: number | undefined, text: Bilingual): Finding => ({ key, stage: STAGE.advice, ...(at === undefined ? {} : { at }), text });

function dockerRanges(json: DaemonJson): DockerRange[] {
  const out: DockerRange[] = [];
  const bip = parseCidr(json.setString('bip') ?? '');
  if (bip) out.push({ key: 'bip', cidr: parseCidr(formatNetwork(bip)) as Cidr, at: json.at('bip'), isDefault: false });
  for (const key of ['fixed-cidr', 'fixed-cidr-v6']) {
    const c = parseCidr(json.setString(key) ?? '');
    if (c) out.push({ key, cidr: c, at: json.at(key), isDefault: false });
  }
  for (const pool of readPools(json)) {
    const c = parseCidr(pool.base);
    if (c) out.push({ key: 'default-address-pools', cidr: c, at: pool.at, isDefault: false });
  }
  if (!bip && json.setString('bridge') === undefined) {
    out.push({ key: 'bip', cidr: parseCidr(DEFAULT_BRIDGE_SUBNET) as Cidr, at: undefined, isDefault: true });
  }
  if (!json.has('default-address-pools')) {
    for (const p of DEFAULT_POOLS) out.push({ key: 'default-address-pools', cidr: parseCidr(p) as Cidr, at: undefined, isDefault: true });
  }
  return out;
}

function lanRange(text: string): Cidr | undefined {
  const ip = parseIp(text.trim());
  if (ip) return parseCidr(`${text.trim()}/${ip.version === 4 ? 32 : 128}`);
  const c = parseCidr(text.trim());
  return c ? (parseCidr(formatNetwork(c)) as Cidr) : undefined;
}

function poolOverlaps(ranges: readonly DockerRange[]): Finding[] {
  const out: Finding[] = [];
  const pools = ranges.filter((r) => r.key === 'default-address-pools' && !r.isDefault);
  pools.forEach((a, i) => {
    for (const b of pools.slice(i + 1)) {
      if (overlaps(a.cidr, b.cidr)) {
        out.push(warn('default-address-pools', b.at, {
          en: `The pools ${a.cidr.text} and ${b.cidr.text} overlap: the same subnets are listed twice. Keep the pools apart.`,
          zh: `地址池 ${a.cidr.text} 和 ${b.cidr.text} 有重叠：同一段子网被列了两次。请让各个地址池互不重叠。`,
        }));
      }
    }
  });
  const bridge = ranges.find((r) => r.key === 'bip' && !r.isDefault);
  const pool = bridge && pools.find((p) => overlaps(p.cidr, bridge.cidr));
  if (bridge && pool) {
    out.push(warn('bip', bridge.at, {
      en: `docker0’s subnet ${bridge.cidr.text} lies in the pool ${pool.cidr.text}. Networks skip subnets in use, but keep \`bip\` outside the pools so the two never compete.`,
      zh: `docker0 的子网 ${bridge.cidr.text} 落在地址池 ${pool.cidr.text} 里。新网络会避开已占用的子网，但最好让 \`bip\` 位于地址池之外，免得两者争抢。`,
    }));
  }
  return out;
}

function knownClashes(ranges: readonly DockerRange[]): Finding[] {
  const out: Finding[] = [];
  for (const r of ranges.filter((x) => !x.isDefault)) {
    for (const known of VPN_AND_LAN_RANGES) {
      const k = parseCidr(known.cidr) as Cidr;
      if (overlaps(r.cidr, k)) {
        out.push(warn(r.key, r.at, {
          en: `\`${r.key}\` ${r.cidr.text} overlaps ${known.cidr}, ${known.name.en}: if this host is on such a network, hosts there become unreachable from containers, and possibly from the host itself.`,
          zh: `\`${r.key}\` ${r.cidr.text} 和 ${known.cidr}（${known.name.zh}）重叠：如果这台机器接入了这样的网络，容器（甚至宿主机自己）就访问不到那里的主机了。`,
        }));
        break;
      }
    }
    const block = PRIVATE_BLOCKS.map((b) => parseCidr(b) as Cidr).find((b) => within(b, r.cidr));
    if (block) {
      out.push(warn(r.key, r.at, {
        en: `\`${r.key}\` ${r.cidr.text} takes the whole private block ${block.text}, which offices and VPNs use too: pick a smaller part of it.`,
        zh: `\`${r.key}\` ${r.cidr.text} 占用了整个私有地址段 ${block.text}，而公司网络和 VPN 也在用它：请只取其中一小段。`,
      }));
    }
  }
  return out;
}

function lanClashes(ranges: readonly DockerRange[], lanRanges: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const text of lanRanges) {
    const lan = lanRange(text);
    if (!lan) {
      out.push({ key: '(lan)', stage: STAGE.advice, level: 'info', text: { en: `Could not read the LAN range \`${text}\`; write it like \`192.168.1.0/24\`.`, zh: `无法识别局域网网段 \`${text}\`，请写成 \`192.168.1.0/24\` 这样的格式。` } });
      continue;
    }
    const hit = ranges.find((r) => overlaps(r.cidr, lan));
    if (!hit) continue;
    const fix = hit.key === 'bip' ? '`bip`' : '`default-address-pools`';
    out.push(warn(hit.key, hit.at, hit.isDefault
      ? {
          en: `Your LAN ${text} overlaps Docker’s default ${hit.key === 'bip' ? 'docker0 subnet' : 'address pools'} (${hit.cidr.text}), which this file keeps: set ${fix} to a range away from your LAN.`,
          zh: `你的局域网 ${text} 与 Docker 默认的${hit.key === 'bip' ? ' docker0 子网' : '地址池'}（${hit.cidr.text}）重叠，而这个文件沿用了默认值：请把 ${fix} 设到远离局域网的网段。`,
        }
      : {
          en: `\`${hit.key}\` ${hit.cidr.text} overlaps your LAN ${text}: hosts on the LAN become unreachable from containers, and possibly from the host itself.`,
          zh: `\`${hit.key}\` ${hit.cidr.text} 和你的局域网 ${text} 重叠：容器（甚至宿主机自己）会访问不到局域网里的主机。`,
        }));
  }
  return out;
}

export function checkRanges(json: DaemonJson, lanRanges: readonly string[]): Finding[] {
  const ranges = dockerRanges(json);
  return [...poolOverlaps(ranges), ...knownClashes(ranges), ...lanClashes(ranges, lanRanges)];
}
