/**
 * Just enough of Go's net/url.Parse to tell what dockerd's ValidateMirror makes of a mirror URL:
 * the scheme (Go's getScheme), whether parsing fails, the path, query, fragment and user info.
 */
export interface GoUrl {
  readonly scheme: string;
  readonly user: boolean;
  readonly host: string;
  readonly path: string;
  readonly query: boolean;
  readonly fragment: boolean;
}

/** Characters Go allows unescaped in a host (shouldEscape in encodeHost mode, plus `%` escapes). */
const HOST = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]*$/;

function getScheme(raw: string): { scheme: string; rest: string } | 'error' {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') return i === 0 ? 'error' : { scheme: raw.slice(0, i).toLowerCase(), rest: raw.slice(i + 1) };
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

/** Undefined where Go's url.Parse returns an error. */
export function parseGoUrl(raw: string): GoUrl | undefined {
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return undefined;
  const hashAt = raw.indexOf('#');
  const fragment = hashAt >= 0;
  const noFragment = fragment ? raw.slice(0, hashAt) : raw;
  const scheme = getScheme(noFragment);
  if (scheme === 'error') return undefined;
  let rest = scheme.rest;
  const query = rest.includes('?');
  if (query) rest = rest.slice(0, rest.indexOf('?'));
  if (scheme.scheme === '' || !rest.startsWith('//')) {
    // No authority: a colon in the first path segment is an error when there is no scheme.
    if (scheme.scheme === '' && (rest.split('/')[0] ?? '').includes(':')) return undefined;
    return { scheme: scheme.scheme, user: false, host: '', path: rest, query, fragment };
  }
  const authorityEnd = rest.indexOf('/', 2);
  const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
  const path = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (!HOST.test(hostPort.replace(/%[0-9A-Fa-f]{2}/g, ''))) return undefined;
  const colon = hostPort.startsWith('[') ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.lastIndexOf(':');
  if (colon >= 0 && !/^\d*$/.test(hostPort.slice(colon + 1))) return undefined;
  return { scheme: scheme.scheme, user: at >= 0, host: colon >= 0 ? hostPort.slice(0, colon) : hostPort, path, query, fragment };
}
