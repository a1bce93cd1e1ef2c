/**
 * How each scenario check reads for members, in both languages. A check with `passes` becomes a
 * ✅/❌ line; one without is a plain fact (ℹ️).
 */
import type { Bilingual } from '../errors.ts';
import type { CheckValue, Checks } from './result.ts';

interface CheckLabel {
  readonly passes?: (value: CheckValue) => boolean;
  readonly text: (value: CheckValue, checks: Checks) => Bilingual;
}

const isTrue = (v: CheckValue) => v === true;

const LABELS: Readonly<Record<string, CheckLabel>> = {
  onlyLo: { passes: isTrue, text: () => ({ en: 'Only `lo` exists: no network at all', zh: '只有 `lo`：完全没有网络' }) },
  eth0InDefaultSubnet: {
    passes: isTrue,
    text: (_, c) => ({ en: `eth0’s address is in the default bridge’s subnet (${String(c.defaultSubnet ?? '?')})`, zh: `eth0 的地址在默认 bridge 的子网内（${String(c.defaultSubnet ?? '?')}）` }),
  },
  identicalInterfaces: { passes: isTrue, text: () => ({ en: 'Both containers show identical interfaces and addresses', zh: '两个容器的接口和地址完全相同' }) },
  nameResolvesToPeer: { passes: isTrue, text: () => ({ en: '`demo-b` resolves (via 127.0.0.11) to demo-b’s own address', zh: '`demo-b` 经 127.0.0.11 解析到 demo-b 自己的地址' }) },
  mtu: { passes: (v) => v === 1450, text: (v) => ({ en: `eth0 MTU is ${String(v)} (VXLAN overhead: 1500 − 50)`, zh: `eth0 的 MTU 是 ${String(v)}（VXLAN 开销：1500 − 50）` }) },
  gwbridge: { passes: isTrue, text: () => ({ en: 'eth1 is on docker_gwbridge', zh: 'eth1 接在 docker_gwbridge 上' }) },
  packetLoss: { passes: (v) => v === 0, text: (v) => ({ en: `Ping across the veth link: ${String(v)}% packet loss`, zh: `经 veth 直连互 ping：丢包率 ${String(v)}%` }) },
  eachSideOnlyLoAndVeth: { passes: isTrue, text: () => ({ en: 'Each side has only `lo` and its own veth end', zh: '每一侧都只有 `lo` 和自己那端 veth' }) },
  seesHostInterfaces: { passes: isTrue, text: () => ({ en: 'The container sees the host’s own interfaces', zh: '容器看到的是宿主机自己的接口' }) },
  redacted: {
    text: (v) =>
      v === true
        ? { en: 'Public addresses and hardware MACs are masked', zh: '公网地址和硬件 MAC 已打码' }
        : { en: 'Addresses are shown unmasked (SANDBOX_REDACT_HOST=false)', zh: '地址未打码（SANDBOX_REDACT_HOST=false）' },
  },
  bridgeDriverBridge: { passes: isTrue, text: () => ({ en: '`bridge` uses the bridge driver', zh: '`bridge` 使用 bridge 驱动' }) },
  hostDriverHost: { passes: isTrue, text: () => ({ en: '`host` uses the host driver', zh: '`host` 使用 host 驱动' }) },
  noneDriverNull: { passes: isTrue, text: () => ({ en: '`none` uses the null driver', zh: '`none` 使用 null 驱动' }) },
};

/** Facts already shown inside another check's line. */
const FOLDED = new Set(['defaultSubnet']);

export interface CheckLine {
  readonly passed: boolean | undefined;
  readonly text: Bilingual;
}

export function describeChecks(checks: Checks): CheckLine[] {
  return Object.entries(checks)
    .filter(([key]) => !FOLDED.has(key))
    .map(([key, value]) => {
      const label = LABELS[key];
      if (!label) return { passed: typeof value === 'boolean' ? value : undefined, text: { en: `${key}: ${String(value)}`, zh: `${key}：${String(value)}` } };
      return { passed: label.passes?.(value), text: label.text(value, checks) };
    });
}
