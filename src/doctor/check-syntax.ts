/**
 * The file's syntax, read the way each dockerd reads it (go-json-scan.ts), with line and column
 * and a hint that names the usual slip. Then a forgiving read of the first object, so the key
 * checks can still run when the syntax is wrong.
 */
import type { Bilingual } from '../errors.ts';
import { join, refusal, STAGE, SYNTAX_KEY, type Finding } from './finding.ts';
import { goScan, type GoScanResult } from './go-json-scan.ts';
import { lineColumn, readLeniently, type JsonEntry } from './json-tree.ts';
import { describeRange, range, type ReleaseRange } from './releases.ts';
import { syntaxHint } from './syntax-hints.ts';

export interface SyntaxCheck {
  readonly findings: Finding[];
  /** The entries of the first top-level object, when it could be read at all. */
  readonly entries?: readonly JsonEntry[];
}

const OLD = range('20.10', '20.10');
const NEW = range('23.0');
// bytes.TrimSpace trims what unicode.IsSpace calls space.
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function where(text: string, at: number): Bilingual {
  const { line, column } = lineColumn(text, at);
  return { en: `Line ${line}, column ${column}:`, zh: `第 ${line} 行第 ${column} 列：` };
}

function scanFinding(text: string, bytes: Uint8Array, result: GoScanResult & { ok: false }, shift: number, releases: ReleaseRange): Finding {
  const at = decoder.decode(bytes.slice(0, result.offset + shift)).length;
  const words = releases === OLD ? result.message : `invalid JSON: ${result.message}`;
  return {
    key: SYNTAX_KEY,
    stage: STAGE.syntax,
    at,
    refusedBy: releases,
    text: join(where(text, at), syntaxHint(text, at, result.message), refusal(words, releases)),
    ...(releases === OLD ? { dockerd: result.message } : {}),
  };
}

export function checkSyntax(text: string): SyntaxCheck {
  const findings: Finding[] = [];
  const bytes = encoder.encode(text);
  const old = goScan(bytes, 'decoder');

  // Engine 23.0 and later drop a byte order mark and surrounding space first; an empty file is fine.
  const withoutBom = text.startsWith('\ufeff') ? text.slice(1) : text;
  const trimmed = withoutBom.replace(GO_SPACE, '');
  const shift = encoder.encode(text.slice(0, text.indexOf(trimmed))).length;
  const current = trimmed === '' ? ({ ok: true, end: 0 } as const) : goScan(encoder.encode(trimmed), 'unmarshal');

  if (trimmed === '') {
    findings.push({
      key: SYNTAX_KEY,
      stage: STAGE.read,
      refusedBy: OLD,
      dockerd: 'EOF',
      text: {
        en: `The file is empty. Engine 20.10 refuses to start (\`EOF\`); ${describeRange(NEW).en} start with the defaults. Write \`{}\` or delete the file.`,
        zh: `文件是空的。Engine 20.10 拒绝启动（\`EOF\`）；${describeRange(NEW).zh}会按默认设置启动。写上 \`{}\`，或者删掉这个文件。`,
      },
    });
    return { findings };
  }
  if (!old.ok && !current.ok) {
    // Both readings fail: every release refuses, in 20.10's words (23.0+ may word it differently).
    const both = scanFinding(text, bytes, old, 0, OLD);
    const later = current.message === old.message ? undefined : { en: `(Engine 23.0 and later: \`invalid JSON: ${current.message}\`.)`, zh: `（Engine 23.0 及以后的版本：\`invalid JSON: ${current.message}\`。）` };
    findings.push({ ...both, refusedBy: range(), text: join(where(text, both.at ?? 0), syntaxHint(text, both.at ?? 0, old.message), refusal(old.message), later) });
  } else if (!old.ok) {
    findings.push(scanFinding(text, bytes, old, 0, OLD));
  } else if (!current.ok) {
    const after = scanFinding(text, bytes, current, shift, NEW);
    const at = after.at ?? 0;
    const ignored = current.message.endsWith('after top-level value')
      ? { en: 'Engine 20.10 reads only the first object and silently ignores everything after it;', zh: 'Engine 20.10 只读第一个对象，后面的内容全部被悄悄忽略；' }
      : undefined;
    const text2 = join(where(text, at), syntaxHint(text, at, current.message), ignored, refusal(`invalid JSON: ${current.message}`, NEW));
    findings.push({ ...after, appliesIn: range(), text: text2 });
  }

  const read = readLeniently(text);
  if (!read) return { findings };
  if (read.value.kind === 'object') return { findings, entries: read.value.entries };
  if (read.value.kind === 'null') return { findings, entries: [] };
  const words = `json: cannot unmarshal ${read.value.kind === 'bool' ? 'bool' : read.value.kind} into Go value of type map[string]interface {}`;
  findings.push({
    key: SYNTAX_KEY,
    stage: STAGE.syntax,
    at: read.value.at,
    refusedBy: range(),
    dockerd: words,
    text: join({ en: 'The whole file must be one object in `{ }`.', zh: '整个文件必须是一个用 `{ }` 包起来的对象。' }, refusal(words)),
  });
  return { findings };
}
