/**
 * netlab as an organiser runs it — `node bin/netlab.js start` in its own process — logged into
 * a FakeDiscord on loopback in the bench process. Its memory is read from /proc/<pid>/status
 * (VmRSS, and VmHWM: the kernel's own peak), and it is stopped with SIGTERM like a service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAKE_TOKEN, FakeDiscord } from '../../test/e2e/fake-discord.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Node's flags from bin/netlab.js's shebang (`#!/usr/bin/env -S node <flags>`): the bot runs as users run it. */
export const LAUNCH_FLAGS: readonly string[] = (/^#!\/usr\/bin\/env -S node(.*)$/m.exec(readFileSync(join(ROOT, 'bin/netlab.js'), 'utf8').split('\n')[0] ?? '')?.[1] ?? '').trim().split(/\s+/).filter(Boolean);

export interface BotProcess {
  readonly fake: FakeDiscord;
  readonly child: ChildProcess;
  readonly pid: number;
  /** ms from spawn until the log said "connected to Discord". */
  readonly readyMs: number;
  /** The process's log, last lines. */
  log(): string;
  /** Current VmRSS in MiB, or NaN once the process is gone. */
  rssMiB(): Promise<number>;
  /** VmHWM (peak resident set since start) in MiB. */
  hwmMiB(): Promise<number>;
  /** SIGTERM, then waits (bounded) for the exit; SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stopMs: number; killed: boolean }>;
}

async function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  try {
    const text = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts the bot with only the settings given (plus PATH, HOME and the engine's DOCKER_HOST),
 * in an empty working directory so that no `.env` of the checkout changes what is measured.
 */
export async function startBotProcess(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<BotProcess> {
  const fake = new FakeDiscord({ token: FAKE_TOKEN });
  await fake.start();
  const cwd = mkdtempSync(join(tmpdir(), 'netlab-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...LAUNCH_FLAGS, join(ROOT, 'bin/netlab.js'), 'start'], {
    cwd,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? cwd,
      ...(process.env['DOCKER_HOST'] ? { DOCKER_HOST: process.env['DOCKER_HOST'] } : {}),
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  const onData = (d: Buffer) => {
    partial += d.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const log = () => [...lines, partial].join('\n');

  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const deadline = performance.now() + readyTimeoutMs;
  let readyMs = Number.NaN;
  let gone: { code: number | null } | undefined;
  void exited.then((r) => (gone = r));
  while (performance.now() < deadline) {
    if (lines.some((l) => l.includes('connected to Discord'))) {
      readyMs = performance.now() - started;
      break;
    }
    if (gone) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!Number.isFinite(readyMs)) {
    child.kill('SIGKILL');
    await fake.stop();
    rmSync(cwd, { recursive: true, force: true });
    throw new Error(`the bot did not connect within ${readyTimeoutMs} ms (exit ${JSON.stringify(gone ?? null)}):\n${log().slice(-3000)}`);
  }
  const pid = child.pid!;
  return {
    fake,
    child,
    pid,
    readyMs,
    log,
    rssMiB: () => statusField(pid, 'VmRSS'),
    hwmMiB: () => statusField(pid, 'VmHWM'),
    async stop(timeoutMs = 30_000) {
      const t0 = performance.now();
      child.kill('SIGTERM');
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      const stopMs = performance.now() - t0;
      await fake.stop();
      rmSync(cwd, { recursive: true, force: true });
      return { ...result, stopMs, killed };
    },
  };
}

/** Samples a value every `everyMs` until stopped; returns the samples with their times. */
export function sampleEvery(everyMs: number, read: () => Promise<number>): { stop(): Promise<{ at: number; value: number }[]> } {
  const samples: { at: number; value: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = performance.now();
      const value = await read();
      if (Number.isFinite(value)) samples.push({ at, value });
      await new Promise((r) => setTimeout(r, Math.max(1, everyMs - (performance.now() - at))));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** The process's own RSS (bench process), for the record. */
export function selfRssMiB(): number {
  const text = readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(text)?.[1] ?? Number.NaN) / 1024;
}
