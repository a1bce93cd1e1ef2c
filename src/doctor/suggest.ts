/** "Did you mean …?" for keys dockerd does not know. */
import type { Bilingual } from '../errors.ts';
import { KNOWN_KEYS } from './options/index.ts';

/** Keys of the Docker client's own file, ~/.docker/config.json, that people paste into daemon.json. */
const CLIENT_KEYS = new Set(['auths', 'credsStore', 'credHelpers', 'psFormat', 'imagesFormat', 'currentContext', 'detachKeys', 'httpProxy', 'httpsProxy', 'noProxy', 'default']);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

export function suggestKey(key: string): Bilingual | undefined {
  if (CLIENT_KEYS.has(key)) {
    return {
      en: `\`${key}\` belongs in the Docker client’s \`~/.docker/config.json\`, not in daemon.json.`,
      zh: `\`${key}\` 属于 Docker 客户端的 \`~/.docker/config.json\`，不属于 daemon.json。`,
    };
  }
  const lower = key.toLowerCase().replace(/_/g, '-');
  const exact = KNOWN_KEYS.find((k) => k === lower);
  if (exact) return { en: `Keys are case-sensitive and use hyphens: write \`${exact}\`.`, zh: `键名区分大小写，单词之间用连字符：应写成 \`${exact}\`。` };
  const best = KNOWN_KEYS.map((k) => ({ k, d: distance(lower, k) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.floor(k.length / 5)))
    .sort((x, y) => x.d - y.d)[0];
  return best ? { en: `Did you mean \`${best.k}\`?`, zh: `是不是想写 \`${best.k}\`？` } : undefined;
}
