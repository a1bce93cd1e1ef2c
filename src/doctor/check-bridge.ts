/**
 * The default bridge as dockerd sets it up at start-up (daemon/daemon_unix.go verifyDaemonSettings
 * and initBridgeDriver, libnetwork's bridge driver and IPAM): `bip` and `bridge` together, `icc`
 * without iptables, ip6tables, IPv6 without a subnet, addresses that do not parse, a gateway outside
 * the subnet, `bip` written as the network address, and the MTU.
 */
import { containsIp, firstHost, formatNetwork, lastAddress, parseCidr, parseIp, within } from './addresses.ts';
import type { DaemonJson } from './daemon-json.ts';
import { join, refusal, STAGE, type Finding, type Stage } from './finding.ts';
import { range, type ReleaseRange } from './releases.ts';

const ALL = range();
const NET = 'Error initializing network controller: ';
const BRIDGE_NET = `${NET}Error creating default "bridge" network: `;

function refused(key: string, stage: Stage, at: number | undefined, words: string, text: { en: string; zh: string }, releases: ReleaseRange = ALL): Finding {
  return { key, stage, ...(at === undefined ? {} : { at }), refusedBy: releases, dockerd: words, text: join(text, refusal(words, releases)) };
}

function settings(json: DaemonJson): Finding[] {
  const out: Finding[] = [];
  if (json.setString('bridge') !== undefined && json.setString('bip') !== undefined) {
    out.push(refused('bip', STAGE.settings, json.at('bip'), 'You specified -b & --bip, mutually exclusive options. Please specify only one', {
      en: '`bip` sets up docker0, `bridge` replaces docker0 with your own bridge: keep one of them.',
      zh: '`bip` 用来设置 docker0，`bridge` 则用你自己的网桥替换 docker0：两者只能留一个。',
    }));
  }
  if (json.bool('iptables') === false && json.bool('icc') === false) {
    out.push(refused('icc', STAGE.settings, json.at('icc'), 'You specified --iptables=false with --icc=false. ICC=false uses iptables to function. Please set --icc or --iptables to true', {
      en: '`"icc": false` is enforced with iptables rules, which `"iptables": false` turns off.',
      zh: '`"icc": false` 要靠 iptables 规则实现，而 `"iptables": false` 把它关掉了。',
    }));
  }
  if (json.bool('ip6tables') === true && json.bool('experimental') !== true) {
    out.push(refused('ip6tables', STAGE.settings, json.at('ip6tables'), 'ip6tables rules are only available if experimental features are enabled', {
      en: 'Before Engine 27.0, `ip6tables` is an experimental feature: add `"experimental": true` or upgrade.',
      zh: 'Engine 27.0 之前 `ip6tables` 还是实验功能：加上 `"experimental": true`，或者升级。',
    }, range('20.10', '26.1')));
  }
  return out;
}

function cidrFinding(key: string, at: number | undefined, value: string): Finding {
  const ip = parseIp(value);
  const hint = ip
    ? { en: `\`${key}\` needs a prefix length: \`${value}/${ip.version === 4 ? 16 : 64}\`, for example.`, zh: `\`${key}\` 需要写上前缀长度，例如 \`${value}/${ip.version === 4 ? 16 : 64}\`。` }
    : { en: `\`${key}\` must be in CIDR form, such as \`10.50.0.1/24\`.`, zh: `\`${key}\` 必须是 CIDR 格式，例如 \`10.50.0.1/24\`。` };
  return refused(key, STAGE.bridge, at, `${NET}invalid CIDR address: ${value}`, hint);
}

function addresses(json: DaemonJson): Finding[] {
  const out: Finding[] = [];
  const bipText = json.setString('bip');
  const bip = bipText === undefined ? undefined : parseCidr(bipText);
  if (bipText !== undefined && !bip) out.push(cidrFinding('bip', json.at('bip'), bipText));
  const fixedText = json.setString('fixed-cidr');
  const fixed = fixedText === undefined ? undefined : parseCidr(fixedText);
  if (fixedText !== undefined && !fixed) out.push(cidrFinding('fixed-cidr', json.at('fixed-cidr'), fixedText));
  const v6Text = json.setString('fixed-cidr-v6');
  if (json.bool('ipv6') === true && v6Text === undefined) {
    out.push(refused('ipv6', STAGE.bridge, json.at('ipv6'), `${NET}IPv6 is enabled for the default bridge, but no subnet is configured. Specify an IPv6 subnet using --fixed-cidr-v6`, {
      en: 'Before Engine 28.0, `"ipv6": true` needs `fixed-cidr-v6` (such as `"2001:db8:1::/64"`); 28.0 and later pick an IPv6 subnet themselves.',
      zh: 'Engine 28.0 之前，`"ipv6": true` 必须配上 `fixed-cidr-v6`（例如 `"2001:db8:1::/64"`）；28.0 及以后的版本会自己挑一个 IPv6 子网。',
    }, range('20.10', '27.5')));
  }
  if (v6Text !== undefined && !parseCidr(v6Text)) out.push(cidrFinding('fixed-cidr-v6', json.at('fixed-cidr-v6'), v6Text));
  const mtu = json.integer('mtu');
  if (mtu !== undefined && mtu < 0) {
    out.push(refused('mtu', STAGE.bridge, json.at('mtu'), `${BRIDGE_NET}invalid MTU number: ${mtu}`, { en: 'The MTU cannot be negative.', zh: 'MTU 不能是负数。' }));
  }
  const gwText = json.string('default-gateway');
  const gw = gwText ? parseIp(gwText) : undefined;
  if (bip && gw && !containsIp(bip, gw)) {
    const words = `${BRIDGE_NET}auxiliary address: (DefaultGatewayIPv4:${gwText}) must belong to the master pool: ${formatNetwork(bip)}`;
    out.push(refused('default-gateway', STAGE.bridge, json.at('default-gateway'), words, {
      en: `\`default-gateway\` must be inside \`bip\`’s subnet ${formatNetwork(bip)}.`,
      zh: `\`default-gateway\` 必须位于 \`bip\` 的子网 ${formatNetwork(bip)} 之内。`,
    }));
  }
  // IPAM reserves the network and broadcast addresses of an IPv4 subnet, so docker0 cannot have them.
  const reserved = bip && bip.ip.version === 4 && bip.bits < 31 ? (bip.ip.value === bip.network ? 'network' : bip.ip.value === lastAddress(bip) ? 'broadcast' : undefined) : undefined;
  if (bip && reserved) {
    const what = reserved === 'network' ? { en: 'the network address', zh: '网络地址' } : { en: 'the broadcast address', zh: '广播地址' };
    out.push(refused('bip', STAGE.bridge, json.at('bip'), `${BRIDGE_NET}failed to allocate gateway (${bipText?.split('/')[0]}): Address already in use`, {
      en: `\`bip\` is docker0’s own address, not ${what.en}: write \`${firstHost(bip)}/${bip.bits}\` instead of \`${bipText}\`.`,
      zh: `\`bip\` 是 docker0 自己的地址，不能是${what.zh}：应写 \`${firstHost(bip)}/${bip.bits}\`，而不是 \`${bipText}\`。`,
    }));
  }
  if (bip && fixed && !within(fixed, bip)) {
    out.push({
      key: 'fixed-cidr',
      stage: STAGE.advice,
      at: json.at('fixed-cidr'),
      text: {
        en: `\`fixed-cidr\` ${fixedText} is outside \`bip\`’s subnet ${formatNetwork(bip)}: Engine 20.10 starts but does not use it as meant. Pick a range inside ${formatNetwork(bip)}.`,
        zh: `\`fixed-cidr\` ${fixedText} 不在 \`bip\` 的子网 ${formatNetwork(bip)} 之内：Engine 20.10 能启动，但不会按你的本意分配地址。请在 ${formatNetwork(bip)} 里选一段。`,
      },
    });
  }
  return out;
}

function mtuAdvice(json: DaemonJson): Finding[] {
  const mtu = json.integer('mtu');
  const at = json.at('mtu');
  if (mtu === undefined || mtu <= 0) return [];
  if (mtu < 68 || mtu > 65535) {
    return [
      {
        key: 'mtu',
        stage: STAGE.bridge,
        ...(at === undefined ? {} : { at }),
        refusedBy: range('25.0'),
        appliesIn: ALL,
        text: {
          en: `Linux accepts MTUs from 68 to 65535 on docker0 and veth interfaces, so ${mtu} cannot work: Engine 20.10 to 24.0 start, but no container on the default bridge can; 25.0 and later set docker0’s MTU at start-up and refuse to start.`,
          zh: `Linux 只接受 68 到 65535 之间的 MTU（docker0 和 veth 网卡都是），所以 ${mtu} 行不通：Engine 20.10 至 24.0 能启动，但默认网桥上的容器都起不来；25.0 及以后的版本启动时就会设置 docker0 的 MTU，直接拒绝启动。`,
        },
      },
    ];
  }
  if (json.bool('ipv6') === true && mtu < 1280) {
    return [{ key: 'mtu', stage: STAGE.advice, ...(at === undefined ? {} : { at }), text: { en: 'IPv6 needs an MTU of at least 1280.', zh: 'IPv6 要求 MTU 至少为 1280。' } }];
  }
  if (mtu > 1500) {
    return [
      {
        key: 'mtu',
        stage: STAGE.advice,
        ...(at === undefined ? {} : { at }),
        text: {
          en: `${mtu} is above Ethernet’s usual 1500: only right if every link to the outside carries jumbo frames, otherwise large packets get lost.`,
          zh: `${mtu} 超过了以太网常见的 1500：只有通往外网的每一段链路都支持巨型帧时才合适，否则大包会丢。`,
        },
      },
    ];
  }
  return [];
}

export function checkBridge(json: DaemonJson): Finding[] {
  return [...settings(json), ...addresses(json), ...mtuAdvice(json)];
}
