/** Registry options of daemon.json: mirrors, insecure registries, proxies for pulls. */
import { BOTH, type OptionSpec } from './option.ts';

export const REGISTRY_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'registry-mirrors',
    type: 'strings',
    explain: {
      en: 'Mirrors dockerd tries first when it pulls Docker Hub images (other registries never use them); each an `https://` or `http://` URL.',
      zh: '拉取 Docker Hub 镜像时优先尝试的镜像加速地址（其他仓库的镜像不会走这里）；每项都是 `https://` 或 `http://` 开头的 URL。',
    },
    source: `${BOTH}; moby registry/config.go ValidateMirror`,
  },
  {
    key: 'insecure-registries',
    type: 'strings',
    explain: {
      en: 'Registries dockerd may reach over plain HTTP or with untrusted certificates: `host:port` or a CIDR, without a scheme.',
      zh: '允许用 HTTP 或不受信任的证书访问的镜像仓库：写 `host:port` 或 CIDR，不要带 `http://`。',
    },
    source: `${BOTH}; moby registry/config.go LoadInsecureRegistries`,
  },
  {
    key: 'allow-nondistributable-artifacts',
    type: 'strings',
    deprecatedSince: '28.0',
    ignoredFrom: '28.1',
    explain: {
      en: 'Registries that may receive “foreign” (non-distributable) image layers.',
      zh: '允许推送“外部”（不可分发）镜像层的镜像仓库。',
    },
    source: `${BOTH}; moby v28.1.1 daemon/config/config.go (field removed); docker-v29.0.4 skipValidateOptions`,
  },
  {
    key: 'proxies',
    type: 'object',
    since: '23.0',
    explain: {
      en: 'HTTP proxies dockerd itself uses to pull images: `http-proxy`, `https-proxy`, `no-proxy` inside this object.',
      zh: 'dockerd 自己拉镜像时使用的代理：在这个对象里写 `http-proxy`、`https-proxy`、`no-proxy`。',
    },
    source: 'moby v23.0.18 daemon/config/config.go (Proxies), cmd/dockerd/config.go; docker/cli docs/reference/dockerd.md',
  },
];
