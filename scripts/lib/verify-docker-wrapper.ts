/**
 * The `docker` (and `docker-compose`) a verified block runs: bundled into one file at the start
 * of `npm run verify-commands` and put first on the block shell's PATH. It rewrites the command
 * (verify-docker-args.ts), keeps the names the block created in a state file, and runs the real
 * client. Settings come from the runner through NETLAB_VERIFY_* variables.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { planCompose } from './verify-compose.ts';
import { rewriteDockerArgs, VERIFY_LABEL, type WrapperState } from './verify-docker-args.ts';

const statePath = process.env['NETLAB_VERIFY_STATE'] ?? '';
const realDocker = process.env['NETLAB_VERIFY_DOCKER'] ?? 'docker';
const compose = process.env['NETLAB_VERIFY_COMPOSE'] ?? '';
const asCompose = process.env['NETLAB_VERIFY_AS'] === 'compose';

function fail(message: string): never {
  process.stderr.write(`verify-commands: ${message}\n`);
  process.exit(125);
}

function docker(args: readonly string[]): { status: number; stdout: string } {
  const r = spawnSync(realDocker, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status ?? 1, stdout: r.stdout ?? '' };
}

/** `docker network ls` as on an engine that holds only the predefined networks and the run's own. */
function networkList(argv: readonly string[], state: WrapperState): number {
  const own = docker(['network', 'ls', '--no-trunc', '--filter', `label=${VERIFY_LABEL}=${state.runId}`, '--format', '{{.ID}} {{.Name}}']).stdout;
  const predefined = docker(['network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}}']).stdout;
  const allowed = [...own.split('\n'), ...predefined.split('\n').filter((l) => / (bridge|host|none)$/.test(l))]
    .filter(Boolean)
    .map((l) => l.split(' ') as [string, string]);
  const r = spawnSync(realDocker, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const custom = argv.some((a) => a.startsWith('--format'));
  const headed = !custom && !argv.some((a) => a === '-q' || a === '--quiet');
  // The table and -q show the id first; a custom format may show the name anywhere.
  const keep = (line: string) => {
    const words = line.trim().split(/\s+/);
    const ids = custom ? words : words.slice(0, 1);
    return allowed.some(([id, name]) => ids.some((w) => w.length >= 12 && id.startsWith(w)) || (custom && words.includes(name)));
  };
  const lines = (r.stdout ?? '').split('\n');
  const header = headed ? lines.slice(0, 1) : [];
  const rows = lines.slice(header.length).filter((line) => line !== '' && keep(line));
  // Docker sorts the table by name: sort again by the names the topic uses, without the run's prefix.
  const name = (line: string) => (line.trim().split(/\s+/)[1] ?? '').replace(state.namePrefix, '');
  if (headed) rows.sort((a, b) => name(a).localeCompare(name(b)));
  const kept = [...header, ...rows];
  process.stdout.write(kept.map((l) => `${l}\n`).join(''));
  return r.status ?? 1;
}

function runCompose(args: readonly string[], state: WrapperState): number {
  if (!compose) {
    fail('`docker compose` needs Debian’s docker-compose (1.29), which is not installed on this machine (apt-get install docker-compose); the block cannot be verified');
  }
  const overridePath = `${statePath}.compose-override.yaml`;
  const plan = planCompose(args, process.cwd(), state, overridePath);
  if ('error' in plan) fail(plan.error);
  writeFileSync(overridePath, dump(plan.override));
  return spawnSync(compose, plan.argv, { stdio: 'inherit' }).status ?? 1;
}

function main(): number {
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as WrapperState;
  const argv = process.argv.slice(2);
  const rewrite = asCompose ? { kind: 'compose' as const, args: argv } : rewriteDockerArgs(argv, state);
  writeFileSync(statePath, JSON.stringify(state));
  if (rewrite.kind === 'refuse') fail(rewrite.message);
  if (rewrite.kind === 'compose') return runCompose(rewrite.args, state);
  if (rewrite.unknownImage !== undefined && docker(['image', 'inspect', rewrite.unknownImage]).status !== 0) {
    fail(`image “${rewrite.unknownImage}” has no stand-in and is not on this engine: use busybox, alpine, nginx, redis, postgres, ubuntu or nicolaka/netshoot (src/content/README.md)`);
  }
  if (rewrite.filterNetworkList) return networkList(rewrite.argv, state);
  return spawnSync(realDocker, rewrite.argv, { stdio: 'inherit' }).status ?? 1;
}

process.exitCode = main();
