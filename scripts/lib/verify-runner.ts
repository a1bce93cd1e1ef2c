/**
 * Runs `run` blocks against the real engine: each block in its own bash shell, its commands in
 * order, through the docker wrapper (verify-docker-wrapper.ts, bundled at start), then compares
 * each command's output with what the topic shows and removes everything the block created
 * (label `netlab.verify=<run id>`). Leftovers of earlier runs whose process is gone are removed
 * at start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ConsoleCommand } from '../../src/content/console-blocks.ts';
import { compareOutput } from './verify-compare.ts';
import { VERIFY_LABEL, type WrapperState } from './verify-docker-args.ts';
import { hostChange, type RunBlock } from './verify-plan.ts';
import { freePorts, hostPorts, remapPorts, replaceablePorts } from './verify-ports.ts';

export interface CommandResult {
  readonly command: ConsoleCommand;
  /** undefined when the command never finished (timeout, or the shell stopped before it). */
  readonly exitCode: number | undefined;
  readonly output: string;
  readonly ok: boolean;
  readonly message?: string;
}

export interface BlockResult {
  readonly block: RunBlock;
  readonly ok: boolean;
  readonly commands: readonly CommandResult[];
  /** A reason the block as a whole failed or was not run. */
  readonly error?: string;
  readonly durationMs: number;
  /** Host ports of the topic → the free ports the block really used (see verify-ports.ts). */
  readonly ports: ReadonlyMap<number, number>;
}

export interface RunnerOptions {
  /** Prepended to every container, network and volume name a block creates. */
  readonly namePrefix?: string;
  readonly blockTimeoutMs?: number;
  /** The docker client to run; by default Debian's 20.10 at /usr/bin/docker, else the one on PATH. */
  readonly docker?: string;
}

const WRAPPER_SOURCE = fileURLToPath(new URL('./verify-docker-wrapper.ts', import.meta.url));
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;
const MARK = '\u001eNLV';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) if (dir && executable(join(dir, name))) return join(dir, name);
  return undefined;
}

/** The 20.10 client Debian users have when present, else the `docker` on PATH. */
export function findDocker(): string {
  return executable('/usr/bin/docker') ? '/usr/bin/docker' : (onPath('docker') ?? 'docker');
}

/** Debian's docker-compose (1.29) when installed. */
export function findCompose(): string | undefined {
  return ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find(executable) ?? onPath('docker-compose');
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `<host>-<pid>-<start time>`: unique per run, and telling whether its runner is still alive. */
export function newRunId(): string {
  const host = hostname().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'host';
  return `${host}-${process.pid}-${Date.now().toString(36)}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether resources labelled with `runId` belong to a run that is over. */
export function isStale(runId: string, ownHost: string, now = Date.now()): boolean {
  const m = /^(.*)-(\d+)-([0-9a-z]+)$/.exec(runId);
  if (!m) return true;
  const age = now - parseInt(m[3]!, 36);
  if (age > STALE_AFTER_MS) return true;
  return m[1] === ownHost && !alive(Number(m[2]));
}

/** Splits the block shell's output at the markers around each command. */
export function splitOutput(text: string, count: number): { output: string; exitCode: number | undefined }[] {
  const results: { output: string; exitCode: number | undefined }[] = [];
  for (let i = 0; i < count; i++) {
    const begin = text.indexOf(`${MARK} ${i} begin\u001e\n`);
    if (begin < 0) {
      results.push({ output: '', exitCode: undefined });
      continue;
    }
    const from = begin + `${MARK} ${i} begin\u001e\n`.length;
    const end = new RegExp(`\\n${MARK} ${i} end (\\d+)\u001e\\n`).exec(text.slice(from));
    if (!end) results.push({ output: text.slice(from), exitCode: undefined });
    else results.push({ output: text.slice(from, from + end.index), exitCode: Number(end[1]) });
  }
  return results;
}

export class VerifyRunner {
  readonly docker: string;
  readonly compose = findCompose();
  readonly runId = newRunId();
  readonly namePrefix: string;
  private readonly root = mkdtempSync(join(tmpdir(), 'netlab-verify-'));
  private readonly bin = join(this.root, 'bin');
  private readonly timeoutMs: number;
  /** Host ports handed to earlier blocks of this run: never handed out twice. */
  private readonly usedPorts = new Set<number>();

  private constructor(options: RunnerOptions) {
    this.docker = options.docker ?? findDocker();
    this.namePrefix = `${options.namePrefix ?? 'verify-'}${this.runId}-`;
    this.timeoutMs = options.blockTimeoutMs ?? 120_000;
  }

  /** Bundles the wrapper and writes the `docker` and `docker-compose` shims. */
  static async create(options: RunnerOptions = {}): Promise<VerifyRunner> {
    const runner = new VerifyRunner(options);
    const wrapper = join(runner.root, 'docker-wrapper.mjs');
    await build({ entryPoints: [WRAPPER_SOURCE], outfile: wrapper, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' });
    mkdirSync(runner.bin);
    const shim = (as: string) => `#!/bin/sh\n${as}exec ${shellQuote(process.execPath)} ${shellQuote(wrapper)} "$@"\n`;
    writeFileSync(join(runner.bin, 'docker'), shim(''), { mode: 0o755 });
    writeFileSync(join(runner.bin, 'docker-compose'), shim('NETLAB_VERIFY_AS=compose '), { mode: 0o755 });
    return runner;
  }

  /** The client's version: topics quote the messages of the 20.10 client that Debian ships. */
  clientVersion(): string {
    return this.dockerSync(['version', '--format', '{{.Client.Version}}']).trim() || 'unknown';
  }

  private dockerSync(args: readonly string[]): string {
    const r = spawnSync(this.docker, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return r.stdout ?? '';
  }

  private labelled(kind: 'container' | 'network' | 'volume', filter: string): { id: string; run: string }[] {
    const list = kind === 'container' ? ['ps', '-a'] : [kind, 'ls'];
    const id = kind === 'volume' ? '{{.Name}}' : '{{.ID}}';
    return this.dockerSync([...list, '--filter', `label=${filter}`, '--format', `${id}\t{{.Label "${VERIFY_LABEL}"}}`])
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [rid = '', run = ''] = line.split('\t');
        return { id: rid, run };
      });
  }

  private remove(select: (run: string) => boolean, filter: string, kinds: readonly ('network' | 'volume')[] = ['network', 'volume']): number {
    let removed = 0;
    const containers = this.labelled('container', filter).filter((r) => select(r.run));
    if (containers.length > 0) this.dockerSync(['rm', '-f', '-v', ...containers.map((c) => c.id)]);
    removed += containers.length;
    for (const kind of kinds) {
      const items = this.labelled(kind, filter).filter((r) => select(r.run));
      if (items.length > 0) this.dockerSync(kind === 'network' ? ['network', 'rm', ...items.map((n) => n.id)] : ['volume', 'rm', '-f', ...items.map((n) => n.id)]);
      removed += items.length;
    }
    return removed;
  }

  /** Removes what earlier verify runs left behind (their runner is gone, or they are over 2 h old). */
  removeStale(): number {
    const host = this.runId.split('-')[0]!;
    return this.remove((run) => run !== this.runId && isStale(run, host), VERIFY_LABEL);
  }

  /** Removes everything this run created; returns how many resources were removed. */
  cleanup(): number {
    return this.remove(() => true, `${VERIFY_LABEL}=${this.runId}`);
  }

  /** Containers, networks and volumes of this run still on the engine. */
  leftovers(): number {
    return (['container', 'network', 'volume'] as const).reduce((n, kind) => n + this.labelled(kind, `${VERIFY_LABEL}=${this.runId}`).length, 0);
  }

  async runBlock(block: RunBlock): Promise<BlockResult> {
    const started = Date.now();
    const commands = block.block.commands;
    const refused = commands.map((c) => hostChange(c.source)).find(Boolean);
    if (refused) {
      return { block, ok: false, commands: [], error: `\`${refused}\` changes the host: tag the block \`illustrative:host-root\``, durationMs: 0, ports: new Map() };
    }
    const sources = commands.map((c) => c.source);
    const ports = await freePorts(replaceablePorts(hostPorts(sources, block.composeFile), sources, block.composeFile), this.usedPorts);
    for (const port of ports.values()) this.usedPorts.add(port);
    const dir = mkdtempSync(join(this.root, 'block-'));
    const work = join(dir, 'app');
    mkdirSync(work);
    if (block.composeFile !== undefined) writeFileSync(join(work, 'compose.yaml'), remapPorts(block.composeFile, ports));
    const state: WrapperState = { runId: this.runId, namePrefix: this.namePrefix, containers: [], networks: [], volumes: [] };
    const statePath = join(dir, 'state.json');
    writeFileSync(statePath, JSON.stringify(state));
    const script = ['exec 2>&1', `cd ${shellQuote(work)}`];
    commands.forEach((c, i) => {
      script.push(`printf '${MARK} ${i} begin\\036\\n'`, remapPorts(c.source, ports), `printf '\\n${MARK} ${i} end %d\\036\\n' "$?"`);
    });
    writeFileSync(join(dir, 'block.sh'), `${script.join('\n')}\n`);
    const env = {
      ...process.env,
      PATH: `${this.bin}${delimiter}${process.env['PATH'] ?? ''}`,
      LC_ALL: 'C',
      NETLAB_VERIFY_STATE: statePath,
      NETLAB_VERIFY_DOCKER: this.docker,
      NETLAB_VERIFY_COMPOSE: this.compose ?? '',
    };
    let timedOut = false;
    const text = await new Promise<string>((resolve) => {
      const child = spawn('bash', ['--noprofile', '--norc', join(dir, 'block.sh')], { cwd: work, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, this.timeoutMs);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
    const parts = splitOutput(text.split(this.namePrefix).join(''), commands.length);
    const results = commands.map((command, i): CommandResult => {
      const { output, exitCode } = parts[i]!;
      if (exitCode === undefined) return { command, exitCode, output, ok: false, message: timedOut ? `did not finish within ${this.timeoutMs / 1000} s` : 'did not run to its end' };
      if (command.output.length === 0) {
        return exitCode === 0 ? { command, exitCode, output, ok: true } : { command, exitCode, output, ok: false, message: `exited with ${exitCode} (a command with no shown output must exit 0)` };
      }
      const comparison = compareOutput(command.output, output);
      return { command, exitCode, output, ok: comparison.ok, ...(comparison.message ? { message: comparison.message } : {}) };
    });
    // Containers may be anonymous; networks and volumes come from `create` (in the state file) or Compose.
    const created = JSON.parse(readFileSync(statePath, 'utf8')) as WrapperState;
    const compose = block.composeFile !== undefined || commands.some((c) => /\bcompose\b/.test(c.source));
    const kinds = (['network', 'volume'] as const).filter((k) => compose || created[k === 'network' ? 'networks' : 'volumes'].length > 0);
    this.remove(() => true, `${VERIFY_LABEL}=${this.runId}`, kinds);
    rmSync(dir, { recursive: true, force: true });
    return { block, ok: results.every((r) => r.ok), commands: results, durationMs: Date.now() - started, ports };
  }

  dispose(): void {
    if (existsSync(this.root)) rmSync(this.root, { recursive: true, force: true });
  }
}
