/**
 * Keys that clash with each other, or with flags dockerd is usually started with. The flags on
 * the member's command line are out of sight, so those are warnings: systemd's docker.service
 * starts dockerd with `-H fd://` (and, from Docker's own packages,
 * `--containerd=/run/containerd/containerd.sock`; moby contrib/init/systemd/docker.service), and a
 * key given both ways stops dockerd (daemon/config findConfigurationConflicts).
 */
import type { DaemonJson } from './daemon-json.ts';
import { join, refusal, STAGE, type Finding } from './finding.ts';
import { range } from './releases.ts';

const BOTH_WAYS = 'the following directives are specified both as a flag and in the configuration file';

export function checkConflicts(json: DaemonJson): Finding[] {
  const out: Finding[] = [];
  if (json.has('hosts')) {
    out.push({
      key: 'hosts',
      stage: STAGE.advice,
      at: json.at('hosts'),
      text: {
        en: `If dockerd is started with \`-H\`, as systemd’s docker.service does (\`-H fd://\`), it refuses to start: \`${BOTH_WAYS}: hosts: …\`. Add the addresses in a systemd drop-in instead, or remove \`-H\` there.`,
        zh: `如果 dockerd 启动时带了 \`-H\`（systemd 的 docker.service 就带了 \`-H fd://\`），它会拒绝启动：\`${BOTH_WAYS}: hosts: …\`。请改在 systemd 的 drop-in 文件里加监听地址，或者去掉那里的 \`-H\`。`,
      },
    });
  }
  if (json.has('containerd')) {
    out.push({
      key: 'containerd',
      stage: STAGE.advice,
      at: json.at('containerd'),
      text: {
        en: `The docker.service from Docker’s own packages passes \`--containerd=/run/containerd/containerd.sock\`; with that flag dockerd refuses \`containerd\` here too (\`${BOTH_WAYS}\`).`,
        zh: `Docker 官方软件包里的 docker.service 已经带了 \`--containerd=/run/containerd/containerd.sock\`；有这个参数时，这里再写 \`containerd\` 同样会让 dockerd 拒绝启动（\`${BOTH_WAYS}\`）。`,
      },
    });
  }
  if (json.has('graph') && json.setString('data-root') !== undefined && json.setString('graph') !== undefined) {
    const words = 'cannot specify both "graph" and "data-root" config file options';
    out.push({
      key: 'graph',
      stage: STAGE.types,
      at: json.at('graph'),
      refusedBy: range('20.10', '23.0'),
      dockerd: words,
      text: join({ en: '`graph` is the old name of `data-root`: keep only `data-root`.', zh: '`graph` 是 `data-root` 的旧名字：只保留 `data-root`。' }, refusal(words, range('20.10', '23.0'))),
    });
  }
  if (json.has('host-gateway-ip') && json.has('host-gateway-ips')) {
    const words = 'host-gateway-ip and host-gateway-ips must not both be specified in the config file';
    out.push({
      key: 'host-gateway-ip',
      stage: STAGE.keys,
      at: json.at('host-gateway-ip'),
      refusedBy: range('28.0'),
      text: join({ en: 'Keep only `host-gateway-ips`.', zh: '只保留 `host-gateway-ips`。' }, refusal(words, range('28.0'))),
    });
  }
  return out;
}
