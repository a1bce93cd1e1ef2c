/**
 * What dockerd's config.Validate and the start-up that follows refuse outside networking: DNS
 * search domains, labels, limits, IPC and cgroup modes, runtimes, the log level
 * (daemon/config/config.go Validate, cmd/dockerd/daemon.go configureDaemonLogs).
 */
import type { DaemonJson } from './daemon-json.ts';
import { join, refusal, STAGE, type Finding, type Stage } from './finding.ts';
import { range, type ReleaseRange } from './releases.ts';

const FROM_FILE = 'configuration validation from file failed: ';
const ALL = range();

function refused(key: string, stage: Stage, at: number | undefined, words: string, en: string, zh: string, releases: ReleaseRange = ALL): Finding {
  return { key, stage, ...(at === undefined ? {} : { at }), refusedBy: releases, dockerd: words, text: join({ en, zh }, refusal(words, releases)) };
}

/** opts.ValidateDNSSearch: "." or a domain name with at least one letter. */
const DOMAIN = /^\.?(?=.*[A-Za-z])[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const LOG_LEVELS = new Set(['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace']);
const BUILTIN_RUNTIMES = new Set(['runc', 'io.containerd.runc.v2', 'io.containerd.runtime.v1.linux']);

function labels(json: DaemonJson): Finding[] {
  const seen = new Map<string, string>();
  for (const { value, at } of json.strings('labels')) {
    if (!value.includes('=')) {
      return [refused('labels', STAGE.validate, at, `${FROM_FILE}bad attribute format: ${value}`, `Each label is \`key=value\`: \`${value}\` has no \`=\`.`, `每个标签都要写成 \`key=value\`：\`${value}\` 缺少 \`=\`。`)];
    }
    if (/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/i.test(value)) {
      const words = `${FROM_FILE}label ${value} is not allowed: the namespaces com.docker.*, io.docker.*, and org.dockerproject.* are reserved for internal use`;
      return [refused('labels', STAGE.validate, at, words, 'These label namespaces are reserved for Docker.', '这些标签前缀是 Docker 保留的。')];
    }
    const [k, v] = [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)];
    const before = seen.get(k);
    if (before !== undefined && before !== v) {
      return [refused('labels', STAGE.labels, at, `conflict labels for ${k}=${v} and ${k}=${before}`, `Label \`${k}\` is given two different values.`, `标签 \`${k}\` 被赋了两个不同的值。`)];
    }
    seen.set(k, v);
  }
  return [];
}

function limits(json: DaemonJson): Finding[] {
  const out: Finding[] = [];
  const names = [
    ['max-concurrent-downloads', 'invalid max concurrent downloads'],
    ['max-concurrent-uploads', 'invalid max concurrent uploads'],
    ['max-download-attempts', 'invalid max download attempts'],
  ] as const;
  for (const [key, words] of names) {
    const n = json.integer(key);
    if (n === undefined) continue;
    if (n < 0) out.push(refused(key, STAGE.validate, json.at(key), `${FROM_FILE}${words}: ${n}`, `\`${key}\` cannot be negative.`, `\`${key}\` 不能是负数。`));
    else if (n === 0 && key === 'max-download-attempts') {
      out.push(refused(key, STAGE.validate, json.at(key), `${FROM_FILE}${words}: 0`, `Engine 20.10 needs at least 1 attempt.`, `Engine 20.10 要求至少 1 次。`, range('20.10', '20.10')));
    }
  }
  return out;
}

function modes(json: DaemonJson): Finding[] {
  const out: Finding[] = [];
  const ipc = json.setString('default-ipc-mode');
  if (ipc !== undefined && ipc !== 'private' && ipc !== 'shareable') {
    const valid = ['host', 'none'].includes(ipc) || ipc.startsWith('container:');
    const words = valid
      ? `${FROM_FILE}IPC mode "${ipc}" is not supported as default value; use "shareable" or "private"`
      : `${FROM_FILE}default IPC mode setting (${ipc}) is invalid; use "shareable" or "private"`;
    out.push(refused('default-ipc-mode', STAGE.validate, json.at('default-ipc-mode'), words, 'Use `shareable` or `private`.', '只能写 `shareable` 或 `private`。'));
  }
  const cgroupns = json.setString('default-cgroupns-mode');
  if (cgroupns !== undefined && cgroupns !== 'host' && cgroupns !== 'private') {
    const words = `${FROM_FILE}default cgroup namespace mode (${cgroupns}) is invalid; use "host" or "private"`;
    out.push(refused('default-cgroupns-mode', STAGE.validate, json.at('default-cgroupns-mode'), words, 'Use `host` or `private`.', '只能写 `host` 或 `private`。'));
  }
  const runtime = json.setString('default-runtime');
  const runtimes = json.node('runtimes');
  const declared = runtimes?.kind === 'object' ? runtimes.entries.map((e) => e.key) : [];
  if (declared.includes('runc')) {
    out.push(refused('runtimes', STAGE.validate, json.at('runtimes'), `${FROM_FILE}runtime name 'runc' is reserved`, 'The name `runc` is taken by the built-in runtime.', '`runc` 是内置运行时的名字，不能再登记。'));
  }
  if (runtime !== undefined && !BUILTIN_RUNTIMES.has(runtime) && !declared.includes(runtime)) {
    const words = `${FROM_FILE}specified default runtime '${runtime}' does not exist`;
    out.push(refused('default-runtime', STAGE.validate, json.at('default-runtime'), words, 'Declare the runtime under `runtimes` first.', '先在 `runtimes` 里登记这个运行时。'));
  }
  return out;
}

export function checkValidate(json: DaemonJson): Finding[] {
  const out: Finding[] = [];
  for (const { value, at } of json.strings('dns-search')) {
    if (value.trim() !== '.' && !DOMAIN.test(value.trim())) {
      out.push(refused('dns-search', STAGE.validate, at, `${FROM_FILE}${value} is not a valid domain`, `\`${value}\` is not a domain name.`, `\`${value}\` 不是域名。`));
    }
  }
  out.push(...labels(json), ...limits(json), ...modes(json));
  const level = json.setString('log-level');
  if (level !== undefined && !LOG_LEVELS.has(level.toLowerCase())) {
    out.push(refused('log-level', STAGE.logLevel, json.at('log-level'), `unable to parse logging level: ${level}`, 'Use `debug`, `info`, `warn`, `error` or `fatal`.', '只能写 `debug`、`info`、`warn`、`error` 或 `fatal`。'));
  }
  return out;
}
