/**
 * Registry mirrors and insecure registries, checked as dockerd's registry service loads them at
 * start-up (moby registry/config.go: ValidateMirror, LoadInsecureRegistries). Engine 20.10 and 23.0
 * refuse a mirror with a path; 24.0 and later accept one.
 */
import { parseCidr, parseIp } from './addresses.ts';
import type { DaemonJson } from './daemon-json.ts';
import { join, refusal, STAGE, type Finding } from './finding.ts';
import { parseGoUrl } from './go-url.ts';
import { range, type ReleaseRange } from './releases.ts';

const ALL = range();
const quote = (s: string) => JSON.stringify(s);
const COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST_PORT = new RegExp(`^${COMPONENT}(?:\\.${COMPONENT})*(?::[0-9]+)?$`);

function refused(key: string, at: number, words: string, en: string, zh: string, releases: ReleaseRange = ALL): Finding {
  return { key, stage: STAGE.registry, at, refusedBy: releases, dockerd: words, text: join({ en, zh }, refusal(words, releases)) };
}

function mirror(value: string, at: number): Finding | undefined {
  const url = parseGoUrl(value);
  if (!url) {
    const space = /\s/.test(value);
    return refused('registry-mirrors', at, `invalid mirror: ${quote(value)} is not a valid URI`,
      space ? 'The address contains a space.' : 'This is not a URL dockerd can read.',
      space ? '地址里有空格。' : 'dockerd 无法把它解析成 URL。');
  }
  if (url.scheme !== 'http' && url.scheme !== 'https') {
    return refused('registry-mirrors', at, `invalid mirror: unsupported scheme ${quote(url.scheme)} in ${quote(value)}`,
      'A mirror starts with `https://` (or `http://`).', '镜像加速地址必须以 `https://`（或 `http://`）开头。');
  }
  if (url.query || url.fragment) {
    return refused('registry-mirrors', at, `invalid mirror: path, query, or fragment at end of the URI ${quote(value)}`,
      'A mirror address has no `?query` or `#fragment`.', '镜像加速地址不能带 `?` 查询参数或 `#` 片段。');
  }
  if (url.user) {
    const masked = value.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1:xxxxx@');
    return refused('registry-mirrors', at, `invalid mirror: username/password not allowed in URI ${quote(masked)}`,
      'A mirror address may not carry a user name or password.', '镜像加速地址里不能带用户名或密码。');
  }
  if (url.path !== '' && url.path !== '/') {
    return refused('registry-mirrors', at, `invalid mirror: path, query, or fragment at end of the URI ${quote(value)}`,
      'Give the mirror’s address only, without a path such as `/v2/`; Engine 24.0 and later accept a path.',
      '只写镜像加速的地址，不要带 `/v2/` 之类的路径；Engine 24.0 及以后的版本允许带路径。', range('20.10', '23.0'));
  }
  if (/[<>]|your|xxx/i.test(url.host)) {
    return {
      key: 'registry-mirrors',
      stage: STAGE.advice,
      at,
      text: {
        en: `\`${value}\` looks like a placeholder copied from a guide: dockerd starts, but the mirror cannot be reached. Put in your own accelerator address.`,
        zh: `\`${value}\` 看起来是教程里的占位符：dockerd 能启动，但这个加速地址根本连不上。请换成你自己的加速地址。`,
      },
    };
  }
  return undefined;
}

function insecure(value: string, at: number): Finding | undefined {
  const key = 'insecure-registries';
  if (value.startsWith('-') || value.endsWith('-')) {
    return refused(key, at, `invalid index name (${value}). Cannot begin or end with a hyphen`, 'A registry name cannot begin or end with `-`.', '仓库名不能以 `-` 开头或结尾。');
  }
  let r = value;
  const scheme = /^(https?):\/\//i.exec(r);
  if (scheme) r = r.slice(scheme[0].length);
  else if (r.includes('://')) {
    return refused(key, at, `insecure registry ${value} should not contain '://'`, 'Write `host:port` without a scheme.', '只写 `host:port`，不要带协议头。');
  }
  if (!parseCidr(r)) {
    const colon = r.lastIndexOf(':');
    const split = colon > 0 && r.indexOf(':') === colon;
    const host = split ? r.slice(0, colon) : r;
    const port = split ? r.slice(colon + 1) : '';
    if (!HOST_PORT.test(r) && !parseIp(host)) {
      return refused(key, at, `insecure registry ${r} is not valid: invalid host ${quote(host)}`, 'Write `host:port` or a CIDR, without a path.', '写 `host:port` 或 CIDR，不要带路径。');
    }
    if (port !== '' && !/^[+-]?\d+$/.test(port)) {
      return refused(key, at, `insecure registry ${r} is not valid: strconv.Atoi: parsing ${quote(port)}: invalid syntax`, 'Write `host:port` or a CIDR, without a path.', '写 `host:port` 或 CIDR，不要带路径。');
    }
    if (port !== '' && Number(port) > 65535) {
      return refused(key, at, `insecure registry ${r} is not valid: invalid port ${quote(port)}`, 'A port is at most 65535.', '端口号最大是 65535。');
    }
  }
  if (scheme) {
    return {
      key,
      stage: STAGE.advice,
      at,
      level: 'info',
      text: {
        en: `dockerd removes \`${scheme[0]}\` from \`${value}\` (and logs a warning): write \`${r}\`.`,
        zh: `dockerd 会去掉 \`${value}\` 里的 \`${scheme[0]}\`（并记一条警告）：直接写 \`${r}\` 即可。`,
      },
    };
  }
  return undefined;
}

export function checkRegistry(json: DaemonJson): Finding[] {
  const mirrors = json.strings('registry-mirrors').map(({ value, at }) => mirror(value, at));
  const registries = json.strings('insecure-registries').map(({ value, at }) => insecure(value, at));
  return [...mirrors, ...registries].filter((f): f is Finding => f !== undefined);
}
