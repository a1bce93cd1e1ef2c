/** networks: the sandbox engine's `docker network ls` — bridge, host and none (driver null). */
import { formatNetworkTable } from '../networks-table.ts';
import { ALWAYS_AVAILABLE, defineScenario, isTrue } from '../scenario.ts';

export const networks = defineScenario({
  name: 'networks',
  choice: { en: 'networks — docker network ls', zh: 'networks —— docker network ls' },
  title: { en: 'docker network ls — the default networks', zh: 'docker network ls —— 默认的三个网络' },
  lesson: {
    en: 'The sandbox engine’s networks: bridge, host and none (whose driver is called null).',
    zh: '沙箱引擎上的网络：`bridge`、`host` 和 `none`（它的驱动叫 `null`）。',
  },
  takeaway: {
    en: 'Every engine starts with three networks: bridge (the default), host and none — whose driver is called null because it provides no networking at all.',
    zh: '每个引擎一开始都有三个网络：`bridge`（默认）、`host` 和 `none`——`none` 的驱动叫 `null`，因为它根本不提供网络。',
  },
  topicId: 'net-default-networks',
  uses: { containers: 0, networks: 0, warm: 'none' },
  checks: {
    bridgeDriverBridge: { passes: isTrue, text: () => ({ en: '`bridge` uses the bridge driver', zh: '`bridge` 使用 `bridge` 驱动' }) },
    hostDriverHost: { passes: isTrue, text: () => ({ en: '`host` uses the host driver', zh: '`host` 使用 `host` 驱动' }) },
    noneDriverNull: { passes: isTrue, text: () => ({ en: '`none` uses the null driver', zh: '`none` 使用 `null` 驱动' }) },
  },
  availability: ALWAYS_AVAILABLE,
  async run(ctx) {
    const rows = await ctx.engine.listNetworks();
    ctx.show('docker network ls', formatNetworkTable(rows));
    const driverOf = (name: string) => rows.find((r) => r.name === name)?.driver;
    return { bridgeDriverBridge: driverOf('bridge') === 'bridge', hostDriverHost: driverOf('host') === 'host', noneDriverNull: driverOf('none') === 'null' };
  },
});
