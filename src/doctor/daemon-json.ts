/**
 * Typed access to the keys of a daemon.json as dockerd reads them: the last occurrence of a key
 * wins, and a value of the wrong type reads as absent (the type check has reported it already).
 */
import type { JsonEntry, JsonNode } from './json-tree.ts';

export class DaemonJson {
  private readonly byKey: Map<string, JsonEntry>;

  constructor(readonly entries: readonly JsonEntry[]) {
    this.byKey = new Map(entries.map((e) => [e.key, e]));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  entry(key: string): JsonEntry | undefined {
    return this.byKey.get(key);
  }

  node(key: string): JsonNode | undefined {
    return this.byKey.get(key)?.value;
  }

  at(key: string): number | undefined {
    return this.byKey.get(key)?.keyAt;
  }

  string(key: string): string | undefined {
    const n = this.node(key);
    return n?.kind === 'string' ? n.value : undefined;
  }

  /** A string option as dockerd sees it: unset when absent, null, empty or not a string. */
  setString(key: string): string | undefined {
    const s = this.string(key);
    return s === '' ? undefined : s;
  }

  bool(key: string): boolean | undefined {
    const n = this.node(key);
    return n?.kind === 'bool' ? n.value : undefined;
  }

  integer(key: string): number | undefined {
    const n = this.node(key);
    return n?.kind === 'number' && /^-?\d+$/.test(n.raw) ? n.value : undefined;
  }

  /** The string items of a list, with where each one sits. */
  strings(key: string): { value: string; at: number }[] {
    const n = this.node(key);
    if (n?.kind !== 'array') return [];
    return n.items.flatMap((i) => (i.kind === 'string' ? [{ value: i.value, at: i.at }] : []));
  }
}
