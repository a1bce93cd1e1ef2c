/**
 * `default-address-pools` as libnetwork splits it at start-up (ipamutils splitNetworks): a base
 * that does not parse, or a size that does not fit the base, stops dockerd.
 */
import { parseCidr } from './addresses.ts';
import type { DaemonJson } from './daemon-json.ts';
import { join, refusal, STAGE, type Finding } from './finding.ts';
import type { JsonNode } from './json-tree.ts';
import { range } from './releases.ts';

const PREFIX = 'Error initializing network controller: error obtaining controller instance: ';

export interface Pool {
  readonly base: string;
  readonly size: number;
  readonly at: number;
}

/** The pools as dockerd reads them ("base" and "size" matched case-insensitively, as Go does). */
export function readPools(json: DaemonJson): Pool[] {
  const node = json.node('default-address-pools');
  if (node?.kind !== 'array') return [];
  return node.items.flatMap((item: JsonNode) => {
    if (item.kind !== 'object') return [];
    const field = (name: string) => [...item.entries].reverse().find((e) => e.key.toLowerCase() === name)?.value;
    const base = field('base');
    const size = field('size');
    return [{ base: base?.kind === 'string' ? base.value : '', size: size?.kind === 'number' ? size.value : 0, at: item.at }];
  });
}

export function checkPools(json: DaemonJson): Finding[] {
  for (const pool of readPools(json)) {
    const cidr = parseCidr(pool.base);
    let words: string | undefined;
    let text: { en: string; zh: string } | undefined;
    if (!cidr) {
      words = `${PREFIX}invalid base pool "${pool.base}": invalid CIDR address: ${pool.base}`;
      text = { en: '`base` must be a network in CIDR form, such as `"10.10.0.0/16"`.', zh: '`base` 必须是 CIDR 格式的网段，例如 `"10.10.0.0/16"`。' };
    } else if (pool.size <= 0 || pool.size < cidr.bits) {
      words = `${PREFIX}invalid pools size: ${pool.size}`;
      text = {
        en: `\`size\` is the prefix length of each network cut from \`base\`, so it cannot be below ${cidr.bits}, the base’s own prefix length.`,
        zh: `\`size\` 是从 \`base\` 切出的每个网络的前缀长度，所以不能小于 \`base\` 自己的前缀长度 ${cidr.bits}。`,
      };
    }
    if (words && text) {
      return [{ key: 'default-address-pools', stage: STAGE.addressPools, at: pool.at, refusedBy: range(), dockerd: words, text: join(text, refusal(words)) }];
    }
    if (cidr && pool.size - cidr.bits > 16) {
      return [
        {
          key: 'default-address-pools',
          stage: STAGE.advice,
          at: pool.at,
          text: {
            en: `\`${pool.base}\` cut into /${pool.size} networks makes ${2 ** Math.min(pool.size - cidr.bits, 60)} subnets, which dockerd lists up front: a smaller \`size\` (such as 24) is kinder to memory and start-up time.`,
            zh: `把 \`${pool.base}\` 切成 /${pool.size} 会得到 ${2 ** Math.min(pool.size - cidr.bits, 60)} 个子网，dockerd 启动时会全部列出来：\`size\` 小一些（例如 24）更省内存、启动更快。`,
          },
        },
      ];
    }
  }
  return [];
}
