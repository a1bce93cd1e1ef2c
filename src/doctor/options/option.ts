/**
 * One daemon.json option as dockerd sees it. dockerd accepts a key when it names one of its
 * command-line flags (or a flag's "named option", such as `labels` for `--label`), and then reads
 * the value into its Config struct by the struct's JSON tag: a key accepted by the first step but
 * not read by the second is silently ignored (`registry-mirror`, see aliases.ts). Ranges, types and
 * names come from moby's source at each release tag; `source` says where.
 */
import type { Bilingual } from '../../errors.ts';
import type { Release } from '../releases.ts';

/**
 * The Go type the value is read into (Engine 20.10's name in parentheses, as it appears in
 * `cannot unmarshal … of type …`).
 */
export type ValueType =
  | 'bool' // bool
  | 'int' // int
  | 'int64' // int64
  | 'string' // string
  | 'ip' // net.IP: a string holding one IP address
  | 'ips' // []netip.Addr (28.0+): a list of IP addresses
  | 'strings' // []string
  | 'stringMap' // map[string]string
  | 'boolMap' // map[string]bool
  | 'stringMapMap' // map[string]map[string]string
  | 'pools' // opts.PoolsOpt: [{ "base": CIDR, "size": prefix length }]
  | 'bytes' // opts.MemBytes: "64M" or a number of bytes
  | 'object'; // a nested struct or map the doctor does not look inside

export interface OptionSpec {
  readonly key: string;
  readonly type: ValueType;
  /** First release that accepts the key (default 20.10). */
  readonly since?: Release;
  /** Last release that accepts the key (default the newest); later ones refuse it as unknown. */
  readonly until?: Release;
  /** First release that marks it deprecated. */
  readonly deprecatedSince?: Release;
  /** First release that still accepts the key but no longer reads it. */
  readonly ignoredFrom?: Release;
  /** dockerd keeps an object value whole (its `flatOptions`) instead of reading its keys as options. */
  readonly flat?: boolean;
  /** dockerd checks nothing under this key (its `skipValidateOptions`). */
  readonly unchecked?: boolean;
  readonly explain: Bilingual;
  readonly source: string;
}

/** A flag name dockerd accepts as a key but never reads from the file: the setting is `use`. */
export interface IgnoredName {
  readonly key: string;
  /** The key that does the job, when there is one. */
  readonly use?: string;
  readonly since?: Release;
  readonly until?: Release;
  readonly source: string;
}

/** Where the flag names and JSON tags were read, per release line. */
export const MOBY_2010 = 'moby v20.10.24 cmd/dockerd/config*.go, daemon/config/config*.go';
export const MOBY_29 = 'moby docker-v29.7.2 daemon/command/config*.go, daemon/config/config*.go';
export const CLI_DOCS = 'docker/cli docs/reference/dockerd.md (daemon.json example, option list)';
export const BOTH = `${MOBY_2010}; ${MOBY_29}; ${CLI_DOCS}`;
