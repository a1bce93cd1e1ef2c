/**
 * Starts a throwaway dockerd with one daemon.json and reports whether it started. It runs in its
 * own mount, network and PID namespaces (`unshare -m -n -p --propagation private`): its docker0,
 * its mounts and the containerd it supervises vanish with it. Inside, tmpfs hides /run,
 * /etc/docker and /var/lib/docker, so a file that points dockerd at the host's paths (`graph`,
 * `data-root`, `hosts`) reaches only empty directories. It gets its own socket, data-root,
 * exec-root and pidfile and `--iptables=false`; never `--bridge none`, which rejects `bip` and skips
 * the bridge checks. Never start a dockerd in the host's own network namespace: one did, and
 * deleted the real engine's docker0.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DockerdRun {
  readonly outcome: 'starts' | 'will-not-start';
  /** dockerd's last line that is not a log record: its error when it refuses to start. */
  readonly error: string;
  readonly log: string;
  readonly ms: number;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export function dockerdVersion(): string {
  return execFileSync('dockerd', ['--version'], { encoding: 'utf8' }).trim();
}

/** The shell script run inside the namespaces: private tmpfs over the host's paths, then dockerd. */
function insideScript(configFile: string, dir: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    'set -e',
    'mount -t tmpfs tmpfs /run',
    'mount -t tmpfs tmpfs /etc/docker',
    'mount -t tmpfs tmpfs /var/lib/docker',
    `exec dockerd --config-file ${q(configFile)} --host ${q(`unix://${dir}/docker.sock`)} --data-root ${q(`${dir}/data`)}` +
      ` --exec-root ${q(`${dir}/exec`)} --pidfile ${q(`${dir}/dockerd.pid`)} --iptables=false`,
  ].join('\n');
}

function childPid(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children ? Number(children.split(/\s+/)[0]) : undefined;
  } catch {
    return undefined;
  }
}

export function runThrowawayDockerd(configFile: string): Promise<DockerdRun> {
  const dir = mkdtempSync(join(tmpdir(), 'h-doctor-dockerd-'));
  const started = performance.now();
  const unshare = spawn(
    'unshare',
    ['--mount', '--net', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'private', 'sh', '-c', insideScript(configFile, dir)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  let outcome: DockerdRun['outcome'] | undefined;
  return new Promise<DockerdRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      unshare.kill('SIGKILL');
      reject(new Error(`dockerd neither listened nor exited within ${START_TIMEOUT_MS} ms:\n${log.slice(-2_000)}`));
    }, START_TIMEOUT_MS);
    const onOutput = (chunk: Buffer) => {
      log += chunk.toString();
      if (outcome === undefined && log.includes('API listen on')) {
        outcome = 'starts';
        // Stop it gracefully: SIGTERM to dockerd (PID 1 of its namespace); SIGKILL if it lingers.
        const pid = unshare.pid === undefined ? undefined : childPid(unshare.pid);
        if (pid) process.kill(pid, 'SIGTERM');
        setTimeout(() => unshare.kill('SIGKILL'), STOP_TIMEOUT_MS).unref();
      }
    };
    unshare.stdout.on('data', onOutput);
    unshare.stderr.on('data', onOutput);
    unshare.on('error', reject);
    unshare.on('close', () => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      const lines = log.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('time='));
      resolve({ outcome: outcome ?? 'will-not-start', error: lines[lines.length - 1] ?? '', log, ms: performance.now() - started });
    });
  });
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
