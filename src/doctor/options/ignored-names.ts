/**
 * Flag names dockerd accepts as daemon.json keys (it looks keys up among its flags) but never reads
 * from the file, because the Config field behind the flag has another JSON name. The singular
 * `registry-mirror` is the classic: dockerd starts and the mirror does nothing. Proven on Engine
 * 20.10 here; the flag names per release come from moby's cmd/dockerd (≤ 28.5) and
 * daemon/command (29.x) flag definitions.
 */
import type { IgnoredName } from './option.ts';

const FLAGS = 'moby cmd/dockerd/config*.go and daemon/command/config*.go: a flag whose Config field has another JSON tag';

const n = (key: string, use: string | undefined, extra: Partial<IgnoredName> = {}): IgnoredName => ({
  key,
  ...(use ? { use } : {}),
  source: FLAGS,
  ...extra,
});

export const IGNORED_NAMES: readonly IgnoredName[] = [
  n('registry-mirror', 'registry-mirrors'),
  n('insecure-registry', 'insecure-registries'),
  n('label', 'labels'),
  n('log-opt', 'log-opts'),
  n('storage-opt', 'storage-opts'),
  n('exec-opt', 'exec-opts'),
  n('dns-opt', 'dns-opts'),
  n('authorization-plugin', 'authorization-plugins'),
  n('default-ulimit', 'default-ulimits'),
  n('add-runtime', 'runtimes'),
  n('host', 'hosts'),
  n('node-generic-resource', 'node-generic-resources'),
  n('default-address-pool', 'default-address-pools'),
  n('cluster-store-opt', 'cluster-store-opts', { until: '23.0' }),
  n('default-network-opt', 'default-network-opts', { since: '24.0' }),
  n('cdi-spec-dir', 'cdi-spec-dirs', { since: '25.0' }),
  n('feature', 'features', { since: '27.3' }),
  n('http-proxy', 'proxies', { since: '23.0' }),
  n('https-proxy', 'proxies', { since: '23.0' }),
  n('no-proxy', 'proxies', { since: '23.0' }),
  // The flag is plural, the Config field's JSON tag singular (containerd-plugin-namespace), and
  // dockerd refuses the singular as unknown: neither spelling works in the file.
  n('containerd-plugins-namespace', undefined),
  n('config-file', undefined),
  n('validate', undefined, { since: '23.0' }),
  n('version', undefined),
  n('help', undefined), // cobra's own --help flag
  n('restart', undefined),
];
