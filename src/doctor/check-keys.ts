/**
 * Does dockerd know every key? It looks each top-level key up among its flags; an object value
 * that is not one of its `flatOptions` has its inner keys looked up instead (daemon/config
 * configValuesSet, findConfigurationConflicts). An unknown name stops dockerd with
 * `the following directives don't match any configuration option: …`.
 */
import type { Bilingual } from '../errors.ts';
import { join, refusal, STAGE, zhConcat, type Finding } from './finding.ts';
import type { JsonEntry } from './json-tree.ts';
import { acceptedRange, ignoredNameFor, isAccepted, isFlat, isRead, optionFor } from './options/index.ts';
import { runsWhere } from './release-sets.ts';
import { describeRange, inRange, isBefore, NEWEST, OLDEST, verbFor, type Release, type ReleaseRange } from './releases.ts';
import { suggestKey } from './suggest.ts';

const REPLACED_BY: Record<string, string> = { graph: 'data-root', 'host-gateway-ip': 'host-gateway-ips' };

/** The names dockerd looks up for one top-level entry in one release. */
function namesChecked(entry: JsonEntry, release: Release): string[] {
  return entry.value.kind === 'object' && !isFlat(entry.key, release) ? entry.value.entries.map((e) => e.key) : [entry.key];
}

/** dockerd's message for a release: every unknown name in the file (Go prints them in map order). */
function unknownWords(entries: readonly JsonEntry[], release: Release): string {
  const unknown = [...new Set(entries.flatMap((e) => namesChecked(e, release)).filter((n) => !isAccepted(n, release)))].sort();
  return `the following directives don't match any configuration option: ${unknown.join(', ')}`;
}

function explainUnknown(entry: JsonEntry, run: ReleaseRange): Bilingual {
  const key = entry.key;
  const spec = optionFor(key);
  const accepted = acceptedRange(key);
  const acceptedHere = inRange(run.from, accepted);
  const flattened = entry.value.kind === 'object' && !isFlat(key, run.from);
  const inner = namesChecked(entry, run.from).filter((n) => !isAccepted(n, run.from));
  const innerList = inner.map((n) => `\`${n}\``).join(', ');
  const innerHint = inner.length === 1 ? suggestKey(inner[0] as string) : undefined;
  if (flattened && acceptedHere && spec && spec.type !== 'object') {
    const shape = spec.type === 'pools' ? { en: 'a list `[{ "base": …, "size": … }]`', zh: '列表 `[{ "base": …, "size": … }]`' } : { en: 'a value, not an object', zh: '一个值，而不是对象' };
    return {
      en: `\`${key}\` takes ${shape.en}; given an object, dockerd reads the keys inside it as options and does not know ${innerList}.`,
      zh: `\`${key}\` 应该写成${shape.zh}；写成对象时，dockerd 会把里面的键当作配置项，而它不认识 ${innerList}。`,
    };
  }
  if (flattened) {
    const one = run.from === run.to;
    const about: Bilingual = acceptedHere || (accepted && !isBefore(run.to, accepted.from))
      ? { en: `dockerd reads the keys inside \`${key}\` as options and does not know`, zh: `dockerd 会把 \`${key}\` 里面的键当作配置项，而它不认识` }
      : accepted && isBefore(run.to, accepted.from)
        ? {
            en: `\`${key}\` is new in Engine ${accepted.from}; ${describeRange(run).en} ${one ? 'reads' : 'read'} the keys inside it as options and ${one ? 'does' : 'do'} not know`,
            zh: `\`${key}\` 是 Engine ${accepted.from} 才加入的；${zhConcat(describeRange(run).zh, '会把里面的键当作配置项，而不认识')}`,
          }
        : { en: `\`${key}\` is not a daemon.json option, and dockerd reads the keys inside it as options and does not know`, zh: `\`${key}\` 不是 daemon.json 的配置项，dockerd 会把里面的键当作配置项，而它不认识` };
    return join({ en: `${about.en} ${innerList}.`, zh: `${zhConcat(about.zh, innerList)}。` }, (accepted ? undefined : suggestKey(key)) ?? innerHint);
  }
  if (accepted && isBefore(run.to, accepted.from)) {
    const life = describeRange({ from: accepted.from, to: accepted.to });
    return { en: `\`${key}\` exists only in ${life.en}.`, zh: `\`${key}\` 只有 ${zhConcat(life.zh, '才有。')}` };
  }
  if (accepted) {
    const instead = REPLACED_BY[key];
    const since = spec?.deprecatedSince;
    return {
      en: `\`${key}\` is ${since ? `deprecated since Engine ${since} and ` : ''}removed in ${run.from}.${instead ? ` Use \`${instead}\`.` : ' Delete it.'}`,
      zh: `\`${key}\` ${since ? `从 Engine ${since} 起已弃用，并` : ''}在 ${run.from} 中被移除。${instead ? `请改用 \`${instead}\`。` : '请删掉它。'}`,
    };
  }
  return join({ en: `\`${key}\` is not a daemon.json option.`, zh: `\`${key}\` 不是 daemon.json 的配置项。` }, suggestKey(key));
}

function unknownFindings(entry: JsonEntry, entries: readonly JsonEntry[]): Finding[] {
  const unknownIn = (r: Release) => namesChecked(entry, r).some((n) => !isAccepted(n, r));
  const deprecated = optionFor(entry.key)?.deprecatedSince;
  return runsWhere(unknownIn).map((run) => {
    const words = unknownWords(entries, run.from);
    const removedAfterDeprecation = deprecated && isBefore(deprecated, run.from) ? { appliesIn: { from: deprecated, to: NEWEST } } : {};
    return {
      key: entry.key,
      stage: STAGE.keys,
      at: entry.keyAt,
      refusedBy: run,
      ...removedAfterDeprecation,
      text: join(explainUnknown(entry, run), refusal(words, run)),
      ...(run.from === OLDEST ? { dockerd: unknownWords(entries, OLDEST) } : {}),
    };
  });
}

/** Accepted but never read: a flag's own name, an option dropped by a release, an unknown object of known keys. */
function ignoredFindings(entry: JsonEntry): Finding[] {
  const alias = ignoredNameFor(entry.key);
  const known = (r: Release) => namesChecked(entry, r).every((n) => isAccepted(n, r));
  return runsWhere((r) => known(r) && !isRead(entry.key, r)).map((run) => {
    const spec = optionFor(entry.key);
    let text: Bilingual;
    if (alias) {
      text = alias.use
        ? {
            en: `dockerd accepts \`${entry.key}\` (the name of its command-line flag) but never reads it from this file, so it has no effect: write \`${alias.use}\`.`,
            zh: `dockerd 接受 \`${entry.key}\`（它是命令行参数的名字），但从不从这个文件读取它，所以不起作用：应写成 \`${alias.use}\`。`,
          }
        : { en: `dockerd accepts \`${entry.key}\` but does nothing with it in this file.`, zh: `dockerd 接受 \`${entry.key}\`，但在这个文件里它不起任何作用。` };
    } else if (spec?.ignoredFrom) {
      text = { en: `${describeRange(run).en} ${verbFor(run, 'accept', 'accepts')} \`${entry.key}\` but ${verbFor(run, 'ignore', 'ignores')} it.`, zh: zhConcat(describeRange(run).zh, `接受 \`${entry.key}\`，但会忽略它。`) };
    } else if (!acceptedRange(entry.key)) {
      text = join(
        { en: `\`${entry.key}\` is not a daemon.json option; dockerd reads the keys inside it as options, knows them, and starts without applying it.`, zh: `\`${entry.key}\` 不是 daemon.json 的配置项；dockerd 把里面的键当作配置项，认得这些键，于是启动了，但这项设置不会生效。` },
        suggestKey(entry.key),
      );
    } else {
      const from = acceptedRange(entry.key)?.from;
      text = {
        en: `${describeRange(run).en} ${verbFor(run, 'do', 'does')} not know \`${entry.key}\`${from ? ` (new in ${from})` : ''}: ${verbFor(run, 'they read', 'it reads')} the keys inside it as options, ${verbFor(run, 'know them, and start', 'knows them, and starts')} without applying it.`,
        zh: zhConcat(describeRange(run).zh, `不认识 \`${entry.key}\`${from ? `（${from} 才加入）` : ''}；它们把里面的键当作配置项，认得这些键，于是启动了，但这项设置不会生效。`),
      };
    }
    return { key: entry.key, stage: STAGE.advice, at: entry.keyAt, appliesIn: run, text };
  });
}

/** Deprecated keys that every release still accepts (removed ones are covered by unknownFindings). */
function deprecatedFindings(entry: JsonEntry): Finding[] {
  const spec = optionFor(entry.key);
  if (!spec?.deprecatedSince || spec.until) return [];
  const run: ReleaseRange = { from: spec.deprecatedSince, to: spec.until ?? NEWEST };
  const instead = REPLACED_BY[entry.key];
  const gone = spec.until && spec.until !== NEWEST ? { en: ` and removed after ${spec.until}`, zh: `，${spec.until} 之后被移除` } : { en: '', zh: '' };
  return [
    {
      key: entry.key,
      stage: STAGE.advice,
      at: entry.keyAt,
      appliesIn: run,
      text: {
        en: `\`${entry.key}\` is deprecated since Engine ${spec.deprecatedSince}${gone.en}.${instead ? ` Use \`${instead}\`.` : ''}`,
        zh: `\`${entry.key}\` 从 Engine ${spec.deprecatedSince} 起已弃用${gone.zh}。${instead ? `请改用 \`${instead}\`。` : ''}`,
      },
    },
  ];
}

export function checkKeys(entries: readonly JsonEntry[]): Finding[] {
  const last = new Map(entries.map((e) => [e.key, e]));
  const findings: Finding[] = [];
  for (const entry of last.values()) {
    findings.push(...unknownFindings(entry, [...last.values()]), ...ignoredFindings(entry), ...deprecatedFindings(entry));
  }
  for (const entry of entries) {
    if (last.get(entry.key) !== entry) {
      findings.push({
        key: entry.key,
        stage: STAGE.advice,
        at: entry.keyAt,
        text: { en: `\`${entry.key}\` appears more than once; only the last one counts.`, zh: `\`${entry.key}\` 出现了不止一次，只有最后一个生效。` },
      });
    }
  }
  return findings;
}
