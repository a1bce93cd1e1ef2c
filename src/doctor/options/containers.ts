/** Options about storage, runtimes, logging and the defaults every container gets. */
import { BOTH, type OptionSpec } from './option.ts';

const o = (key: string, type: OptionSpec['type'], en: string, zh: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  key,
  type,
  explain: { en, zh },
  source: BOTH,
  ...extra,
});

export const CONTAINER_OPTIONS: readonly OptionSpec[] = [
  o('storage-driver', 'string', 'Storage driver for images and containers, such as `overlay2`.', '镜像和容器使用的存储驱动，例如 `overlay2`。'),
  o('storage-opts', 'strings', 'Options of the storage driver.', '存储驱动的选项。'),
  o('exec-opts', 'strings', 'Runtime options, such as `native.cgroupdriver=systemd`.', '运行时选项，例如 `native.cgroupdriver=systemd`。'),
  o('runtimes', 'object', 'Extra OCI runtimes by name (`path`, `runtimeArgs`).', '按名字登记的其他 OCI 运行时（`path`、`runtimeArgs`）。', { flat: true }),
  o('default-runtime', 'string', 'The runtime containers use unless told otherwise (default `runc`).', '容器默认使用的运行时（默认 `runc`）。'),
  o('init', 'bool', 'Run an init process in every container to reap zombies and forward signals.', '在每个容器里运行 init 进程，负责回收僵尸进程、转发信号。'),
  o('init-path', 'string', 'Path of the `docker-init` program.', '`docker-init` 程序的路径。'),
  o('seccomp-profile', 'string', 'Path of the default seccomp profile.', '默认 seccomp 配置文件的路径。'),
  o('selinux-enabled', 'bool', 'Turn on SELinux support.', '开启 SELinux 支持。'),
  o('userns-remap', 'string', 'Map container root to an unprivileged host user (user namespaces).', '把容器里的 root 映射成宿主机上的普通用户（用户命名空间）。'),
  o('cgroup-parent', 'string', 'Parent cgroup of all containers.', '所有容器的父 cgroup。'),
  o('default-cgroupns-mode', 'string', 'Default cgroup namespace of containers: `host` or `private`.', '容器默认的 cgroup 命名空间：`host` 或 `private`。'),
  o('default-ipc-mode', 'string', 'Default IPC mode of containers: `shareable` or `private`.', '容器默认的 IPC 模式：`shareable` 或 `private`。'),
  o('default-shm-size', 'bytes', 'Default size of `/dev/shm` in containers (such as `"64M"`).', '容器里 `/dev/shm` 的默认大小（例如 `"64M"`）。'),
  o('default-ulimits', 'object', 'Default ulimits of containers, such as `nofile`.', '容器默认的 ulimit，例如 `nofile`。', { flat: true }),
  o('no-new-privileges', 'bool', 'Set no-new-privileges on every new container.', '为每个新容器设置 no-new-privileges。'),
  o('oom-score-adjust', 'int', 'OOM score adjustment of dockerd itself.', 'dockerd 自身的 OOM 评分调整值。', {
    deprecatedSince: '24.0',
    until: '25.0',
    source: `${BOTH}; moby v24.0.9 (deprecated), v26.0.2 (removed)`,
  }),
  o('cpu-rt-period', 'int64', 'Real-time CPU period for the containers’ parent cgroup (cgroup v1).', '容器父 cgroup 的实时 CPU 周期（仅 cgroup v1）。'),
  o('cpu-rt-runtime', 'int64', 'Real-time CPU runtime for the containers’ parent cgroup (cgroup v1).', '容器父 cgroup 的实时 CPU 运行时间（仅 cgroup v1）。'),
  o('cdi-spec-dirs', 'strings', 'Directories holding CDI device specifications.', '存放 CDI 设备描述文件的目录。', {
    since: '25.0',
    source: 'moby v25.0.17 cmd/dockerd/config.go; docker/cli docs/reference/dockerd.md',
  }),
  o('nri-opts', 'object', 'Node Resource Interface (NRI) settings.', 'NRI（Node Resource Interface）设置。', {
    since: '29.2',
    flat: true,
    source: 'moby docker-v29.2.1 daemon/command/config.go, daemon/config/config.go (flatOptions)',
  }),
  o('default-stop-timeout', 'int', 'Seconds a container gets to stop before it is killed, unless it sets its own.', '容器被强制结束前的默认停止等待秒数（容器自己没设置时生效）。', {
    since: '29.7',
    source: 'moby docker-v29.7.2 daemon/command/config.go',
  }),
  o('builder', 'object', 'BuildKit settings, such as build-cache garbage collection (`gc`).', 'BuildKit 的设置，例如构建缓存的自动清理（`gc`）。', {
    flat: true,
    unchecked: true,
  }),
  o('max-concurrent-downloads', 'int', 'Layers pulled at the same time per pull (default 3).', '每次拉取同时下载的镜像层数（默认 3）。'),
  o('max-concurrent-uploads', 'int', 'Layers pushed at the same time per push (default 5).', '每次推送同时上传的镜像层数（默认 5）。'),
  o('max-download-attempts', 'int', 'Attempts per layer before a pull fails (default 5).', '每个镜像层下载失败前的重试次数（默认 5）。'),
  o('log-driver', 'string', 'Default log driver of containers, such as `json-file` or `journald`.', '容器默认的日志驱动，例如 `json-file` 或 `journald`。'),
  o('log-opts', 'stringMap', 'Options of the log driver; every value is a string (`"max-file": "3"`).', '日志驱动的选项；每个值都是字符串（`"max-file": "3"`）。', { flat: true }),
];
