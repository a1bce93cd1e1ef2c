/** A small argument parser: positionals plus `--flag` and `--key value` / `--key=value`. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], valued: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positionals.push(arg);
      continue;
    }
    const [, key = '', inline] = m;
    if (inline !== undefined) flags.set(key, inline);
    else if (valued.includes(key) && i + 1 < argv.length) flags.set(key, argv[++i]!);
    else flags.set(key, true);
  }
  return { positionals, flags };
}
