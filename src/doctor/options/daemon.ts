/** Options about dockerd itself: where it listens, TLS, logging, paths, Swarm, features. */
import { BOTH, type OptionSpec } from './option.ts';

const o = (key: string, type: OptionSpec['type'], en: string, zh: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  key,
  type,
  explain: { en, zh },
  source: BOTH,
  ...extra,
});

export const DAEMON_OPTIONS: readonly OptionSpec[] = [
  o('hosts', 'strings', 'Where dockerd listens (`unix:///var/run/docker.sock`, `tcp://…`).', 'dockerd 的监听地址（`unix:///var/run/docker.sock`、`tcp://…`）。'),
  o('group', 'string', 'Group that owns the Unix socket (default `docker`).', 'Unix 套接字所属的用户组（默认 `docker`）。'),
  o('tls', 'bool', 'Serve the API over TLS.', '通过 TLS 提供 API。'),
  o('tlsverify', 'bool', 'Serve the API over TLS and require client certificates.', '通过 TLS 提供 API，并要求客户端证书。'),
  o('tlscacert', 'string', 'CA certificate that client certificates must be signed by.', '客户端证书必须由这个 CA 证书签发。'),
  o('tlscert', 'string', 'The daemon’s TLS certificate.', 'dockerd 的 TLS 证书。'),
  o('tlskey', 'string', 'The daemon’s TLS private key.', 'dockerd 的 TLS 私钥。'),
  o('debug', 'bool', 'Debug logging for dockerd (`true`/`false`, without quotes).', '打开 dockerd 的调试日志（写 `true`/`false`，不加引号）。'),
  o('log-level', 'string', 'How much dockerd logs: `debug`, `info`, `warn`, `error` or `fatal`.', 'dockerd 的日志级别：`debug`、`info`、`warn`、`error` 或 `fatal`。'),
  o('log-format', 'string', 'Format of dockerd’s own log: `text` or `json`.', 'dockerd 自身日志的格式：`text` 或 `json`。', {
    since: '25.0',
    source: 'moby v25.0.17 cmd/dockerd/config.go; docker/cli docs/reference/dockerd.md',
  }),
  o('raw-logs', 'bool', 'Full timestamps and no colours in dockerd’s log.', 'dockerd 日志使用完整时间戳，不带颜色。'),
  o('experimental', 'bool', 'Turn on experimental features.', '开启实验功能。'),
  o('features', 'boolMap', 'Feature switches, such as `"buildkit": true` or `"containerd-snapshotter": true`.', '功能开关，例如 `"buildkit": true` 或 `"containerd-snapshotter": true`。', {
    flat: true,
    unchecked: true,
  }),
  o('metrics-addr', 'string', 'Address and port of the Prometheus metrics endpoint.', 'Prometheus 指标接口的地址和端口。'),
  o('api-cors-header', 'string', 'CORS header for the Engine API.', 'Engine API 的 CORS 响应头。', {
    deprecatedSince: '27.0',
    until: '28.5',
    source: `${BOTH}; moby v27.0.3 (deprecated), docker-v29.0.4 (removed)`,
  }),
  o('min-api-version', 'string', 'Oldest API version the daemon still answers (for old clients).', 'dockerd 仍然接受的最低 API 版本（照顾旧客户端）。', {
    since: '29.0',
    unchecked: true,
    source: 'moby docker-v29.0.4 daemon/config/config.go (skipValidateOptions)',
  }),
  o('pidfile', 'string', 'Where dockerd writes its process id.', 'dockerd 写入进程号的文件。'),
  o('data-root', 'string', 'Where Docker keeps images, containers and volumes (default `/var/lib/docker`).', 'Docker 存放镜像、容器和数据卷的目录（默认 `/var/lib/docker`）。'),
  o('graph', 'string', 'The old name of `data-root`.', '`data-root` 的旧名字。', {
    deprecatedSince: '20.10',
    until: '23.0',
    source: `${BOTH}; moby v24.0.9 (removed)`,
  }),
  o('exec-root', 'string', 'Where dockerd keeps its runtime state (default `/var/run/docker`).', 'dockerd 存放运行时状态的目录（默认 `/var/run/docker`）。'),
  o('live-restore', 'bool', 'Keep containers running while dockerd restarts.', 'dockerd 重启时让容器继续运行。'),
  o('shutdown-timeout', 'int', 'Seconds dockerd waits for containers to stop when it shuts down.', 'dockerd 关闭时等待容器停止的秒数。'),
  o('labels', 'strings', 'Labels of this daemon, each `key=value`.', '这台 dockerd 的标签，每项写成 `key=value`。'),
  o('authorization-plugins', 'strings', 'Authorization plugins to load.', '要加载的授权插件。'),
  o('swarm-default-advertise-addr', 'string', 'Default address or interface Swarm advertises.', 'Swarm 模式默认通告的地址或网卡。'),
  o('node-generic-resources', 'strings', 'Resources this node advertises to Swarm (such as GPUs).', '这个节点向 Swarm 通告的资源（例如 GPU）。'),
  o('cluster-store', 'string', 'External key-value store of the old standalone Swarm.', '旧版独立 Swarm 使用的外部键值存储。', {
    deprecatedSince: '20.10',
    until: '23.0',
    source: `${BOTH}; moby v24.0.9 (removed)`,
  }),
  o('cluster-advertise', 'string', 'Address the old standalone Swarm advertises.', '旧版独立 Swarm 通告的地址。', {
    deprecatedSince: '20.10',
    until: '23.0',
    source: `${BOTH}; moby v24.0.9 (removed)`,
  }),
  o('cluster-store-opts', 'stringMap', 'Options of the old cluster store.', '旧版集群存储的选项。', {
    deprecatedSince: '20.10',
    until: '23.0',
    flat: true,
    source: `${BOTH}; moby v24.0.9 (removed)`,
  }),
  o('deprecated-key-path', 'string', 'Path of the old daemon key file.', '旧版守护进程密钥文件的路径。', {
    deprecatedSince: '20.10',
    ignoredFrom: '24.0',
    unchecked: true,
  }),
  o('containerd', 'string', 'Socket of a containerd that dockerd should use instead of starting its own.', 'dockerd 使用的现成 containerd 的套接字，不再自己启动一个。'),
  o('containerd-namespace', 'string', 'containerd namespace for containers.', '容器使用的 containerd 命名空间。'),
  o('cri-containerd', 'bool', 'Start containerd with the CRI plugin.', '启动 containerd 时启用 CRI 插件。'),
  o('rootless', 'bool', 'Rootless mode (set by the rootless setup, not by hand).', 'Rootless 模式（由 rootless 安装脚本设置，不要手动改）。'),
];
