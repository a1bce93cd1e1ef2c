/**
 * How Go's encoding/json (Go 1.19, which Engine 20.10 is built with) rejects a value of the wrong
 * type for a Config field, in its own words:
 * `json: cannot unmarshal string into Go struct field Config.mtu of type int`.
 * "Saved" errors let decoding go on (the first one is reported at the end); errors from a field's
 * own UnmarshalJSON or UnmarshalText stop decoding at once and win.
 */
import type { JsonNode } from './json-tree.ts';
import { parseIp } from './addresses.ts';
import type { ValueType } from './options/index.ts';

export interface GoTypeError {
  readonly words: string;
  readonly at: number;
  /** Stops decoding at once (an UnmarshalJSON/UnmarshalText error) instead of being saved. */
  readonly stops: boolean;
  /** False where the doctor describes the error but cannot vouch for Go's exact words. */
  readonly exact?: false;
}

const KIND: Record<JsonNode['kind'], string> = { object: 'object', array: 'array', string: 'string', number: 'number', bool: 'bool', null: 'null' };

/** Go names a number by its text only when it fails to fit a numeric field (`number 1.5` into an int). */
const unmarshal = (node: JsonNode, key: string, goType: string, badNumber = false): string => {
  const value = node.kind === 'number' && badNumber ? `number ${node.raw}` : KIND[node.kind];
  return `json: cannot unmarshal ${value} into Go struct field Config.${key} of type ${goType}`;
};

const saved = (node: JsonNode, key: string, goType: string): GoTypeError => ({ words: unmarshal(node, key, goType), at: node.at, stops: false });

const isInteger = (raw: string, bits: number): boolean => /^-?\d+$/.test(raw) && Math.abs(Number(raw)) < 2 ** (bits - 1);

/** go-units RAMInBytes, which opts.MemBytes uses for sizes such as "64M". */
const SIZE = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;

function scalar(node: JsonNode, key: string, type: 'bool' | 'int' | 'int64' | 'string'): GoTypeError | undefined {
  if (type === 'bool') return node.kind === 'bool' ? undefined : saved(node, key, 'bool');
  if (type === 'string') return node.kind === 'string' ? undefined : saved(node, key, 'string');
  if (node.kind !== 'number') return saved(node, key, type);
  if (!isInteger(node.raw, 64)) return { words: unmarshal(node, key, type, true), at: node.at, stops: false };
  return undefined;
}

function list(node: JsonNode, key: string, goType: string, item: (n: JsonNode) => GoTypeError | undefined): GoTypeError[] {
  if (node.kind !== 'array') return [saved(node, key, goType)];
  return node.items.map(item).filter((e): e is GoTypeError => e !== undefined);
}

function map(node: JsonNode, key: string, goType: string, item: (n: JsonNode) => GoTypeError | undefined): GoTypeError[] {
  if (node.kind !== 'object') return [saved(node, key, goType)];
  return node.entries.map((e) => item(e.value)).filter((e): e is GoTypeError => e !== undefined);
}

function pools(node: JsonNode, key: string): GoTypeError[] {
  // PoolsOpt.UnmarshalJSON decodes the list itself and returns its first error: decoding stops.
  const stop = (n: JsonNode, goType: string): GoTypeError => ({ words: unmarshal(n, key, goType, goType === 'int'), at: n.at, stops: true });
  if (node.kind !== 'array') return [stop(node, '[]*ipamutils.NetworkToSplit')];
  for (const item of node.items) {
    if (item.kind === 'null') continue;
    if (item.kind !== 'object') return [stop(item, 'ipamutils.NetworkToSplit')];
    for (const field of item.entries) {
      const name = field.key.toLowerCase();
      const v = field.value;
      if (name === 'base' && v.kind !== 'string' && v.kind !== 'null') return [stop(v, 'string')];
      if (name === 'size' && v.kind !== 'null' && (v.kind !== 'number' || !isInteger(v.raw, 64))) return [stop(v, 'int')];
    }
  }
  return [];
}

/** Every type error in one value, in document order. */
export function goTypeErrors(node: JsonNode, key: string, type: ValueType): GoTypeError[] {
  if (node.kind === 'null') return [];
  switch (type) {
    case 'bool':
    case 'int':
    case 'int64':
    case 'string': {
      const error = scalar(node, key, type);
      return error ? [error] : [];
    }
    case 'ip':
      if (node.kind !== 'string') return [saved(node, key, 'net.IP')];
      return node.value === '' || parseIp(node.value) ? [] : [{ words: `invalid IP address: ${node.value}`, at: node.at, stops: true }];
    case 'ips':
      return list(node, key, '[]netip.Addr', (n) =>
        n.kind === 'string' && parseIp(n.value) ? undefined : { words: `${n.kind === 'string' ? n.value : KIND[n.kind]} is not an IP address`, at: n.at, stops: true, exact: false },
      ).map((e) => ({ ...e, exact: false as const }));
    case 'strings':
      return list(node, key, '[]string', (n) => (n.kind === 'string' || n.kind === 'null' ? undefined : saved(n, key, 'string')));
    case 'stringMap':
      return map(node, key, 'map[string]string', (n) => (n.kind === 'string' || n.kind === 'null' ? undefined : saved(n, key, 'string')));
    case 'boolMap':
      return map(node, key, 'map[string]bool', (n) => (n.kind === 'bool' || n.kind === 'null' ? undefined : saved(n, key, 'bool')));
    case 'stringMapMap':
      return map(node, key, 'map[string]map[string]string', (n) =>
        n.kind === 'object' || n.kind === 'null' ? map(n, key, 'map[string]string', (v) => (v.kind === 'string' ? undefined : saved(v, key, 'string')))[0] : saved(n, key, 'map[string]string'),
      );
    case 'pools':
      return pools(node, key);
    case 'bytes': {
      // opts.MemBytes.UnmarshalJSON: a non-empty quoted string, then go-units RAMInBytes.
      if (node.kind === 'string' && node.value !== '') {
        return SIZE.test(node.value) ? [] : [{ words: `invalid size: '${node.value}'`, at: node.at, stops: true }];
      }
      const raw = node.kind === 'number' ? node.raw : node.kind === 'bool' ? String(node.value) : node.kind === 'string' ? '""' : undefined;
      return [{ words: `invalid size: ${JSON.stringify(raw ?? KIND[node.kind])}`, at: node.at, stops: true, ...(raw === undefined ? { exact: false as const } : {}) }];
    }
    case 'object':
      return node.kind === 'object' ? [] : [{ ...saved(node, key, 'object'), exact: false }];
  }
}
