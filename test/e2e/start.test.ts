// `npm start` as an organiser runs it: a separate process with DISCORD_API_BASE pointing at the
// fake Discord. It completes the handshake, answers, logs one line per interaction without the
// token, serves /healthz and /metrics, and on SIGTERM shuts down cleanly with exit code 0.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAKE_TOKEN, FakeDiscord } from './fake-discord.ts';
import { chatInput } from './interactions.ts';
import { managedResources, requireEngine } from '../integration/engine.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let fake: FakeDiscord;

async function waitForOutput(read: () => string, needle: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(needle)) {
    if (Date.now() > deadline) throw new Error(`no "${needle}" in the output within ${timeoutMs} ms:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `node bin/netlab.js start` as its own process, connected to the fake Discord. */
function startNetlab(logLevel: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/netlab.js', 'start'], {
    cwd: root,
    // HEALTH_PORT=0: a free port (the log names it), so parallel runs on one machine never collide.
    env: { PATH: process.env['PATH'], DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: logLevel, SANDBOX_POOL_SIZE: '0', NETLAB_DB: ':memory:', HEALTH_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = { child, output: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout.on('data', (d) => (proc.output += String(d)));
  child.stderr.on('data', (d) => (proc.output += String(d)));
  return proc;
}

beforeAll(async () => {
  fake = new FakeDiscord({ token: FAKE_TOKEN });
  await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

describe('npm start with a token', () => {
  it('connects, answers, never logs the token, and exits 0 on SIGTERM', async () => {
    const netlab = startNetlab('info');
    const { child, exited } = netlab;
    try {
      const identify = await fake.waitForReady(30_000);
      expect(identify.intents).toBe(1); // Guilds only: no privileged intents
      await waitForOutput(() => netlab.output, 'connected to Discord', 10_000);
      const opsUrl = /health and metrics at (http:\/\/127\.0\.0\.1:\d+)\/healthz/.exec(netlab.output)?.[1];
      expect(opsUrl, netlab.output).toBeDefined();
      const health = await fetch(`${opsUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', gateway: { connected: true, shards: [{ id: 0, status: 'Ready' }] }, engines: [{ name: 'local', reachable: true, breaker: { state: 'closed' } }] });
      const record = fake.sendInteraction(chatInput({ name: 'ask', options: { question: '为什么 none 模式只有 lo' }, locale: 'zh-CN' }));
      const callback = await record.waitForCallback();
      expect(callback.status).toBeLessThan(300);
      await waitForOutput(() => netlab.output, '"kind":"command"', 5_000);
      const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
      expect(metrics).toContain('netlab_interactions_total{command="ask",kind="command",outcome="ok"} 1');
      expect(metrics).toContain('netlab_interaction_ack_seconds_count{kind="command"} 1');
      expect(metrics).toContain('netlab_engine_up{engine="local"} 1');
      expect(metrics).toContain('netlab_process_resident_memory_bytes');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(netlab.output).not.toContain(FAKE_TOKEN);
    const line = netlab.output.split('\n').find((l) => l.includes('"kind":"command"'))!;
    expect(JSON.parse(line)).toMatchObject({ command: 'ask', outcome: 'ok', userId: expect.any(String), latencyMs: expect.any(Number) });
    expect(line).not.toContain('none 模式只有'); // the member's words stay out of info logs
  }, 60_000);

  it('on SIGTERM during a demo, answers the member, removes the demo containers and exits 0', async () => {
    const engine = await requireEngine();
    const netlab = startNetlab('info');
    const { child, exited } = netlab;
    try {
      await waitForOutput(() => netlab.output, 'connected to Discord', 30_000);
      const record = fake.sendInteraction(chatInput({ name: 'demo', options: { scenario: 'p2p' }, locale: 'en-US' }));
      expect((await record.waitForCallback()).type).toBe(5);
      child.kill('SIGTERM');
      // The member is never left with "thinking…": either the result or a calm message arrives.
      await record.waitForFinal((r) => r.edits.length > 0 || r.followUps.length > 0, 20_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    expect(await exited).toBe(0);
    expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
    expect(netlab.output).not.toContain(FAKE_TOKEN);
  }, 60_000);

  it('resumes after a gateway close Discord allows (4000) and keeps answering', async () => {
    const netlab = startNetlab('info');
    try {
      await waitForOutput(() => netlab.output, 'connected to Discord', 30_000);
      fake.closeGateway(4000, 'Unknown error');
      await vi.waitFor(() => expect(fake.resumes.filter((r) => r.accepted)).toHaveLength(1), { timeout: 15_000, interval: 100 });
      const record = fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'what is docker0' }, locale: 'en-US' }));
      expect((await record.waitForCallback()).status).toBeLessThan(300);
    } finally {
      netlab.child.kill('SIGTERM');
    }
    expect(await netlab.exited).toBe(0);
  }, 60_000);

  it('on a close Discord does not let anyone resume (4004: the token was reset), says why in one line, removes its containers and exits 78', async () => {
    const engine = await requireEngine();
    const netlab = startNetlab('info', { SANDBOX_POOL_SIZE: '1' });
    try {
      await waitForOutput(() => netlab.output, 'connected to Discord', 30_000);
      fake.closeGateway(4004, 'Authentication failed.');
      expect(await Promise.race([netlab.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))])).toBe(78);
    } finally {
      netlab.child.kill('SIGKILL');
    }
    const why = netlab.output.split('\n').filter((l) => l.includes('4004'));
    expect(why).toHaveLength(1);
    expect(JSON.parse(why[0]!)).toMatchObject({ level: 'error', code: 4004, msg: expect.stringContaining('Reset Token') });
    expect(netlab.output).toContain('"msg":"stopped"');
    expect(await managedResources(engine)).toEqual({ containers: [], networks: [] });
  }, 60_000);

  it('exits promptly on SIGTERM even when Discord is gone', async () => {
    const netlab = startNetlab('info');
    await waitForOutput(() => netlab.output, 'connected to Discord', 30_000);
    await fake.stop({ abrupt: true }); // Discord goes away without a word…
    netlab.child.kill('SIGTERM'); // …and the organiser stops netlab
    const code = await Promise.race([netlab.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    netlab.child.kill('SIGKILL');
    expect(code).toBe(0);
    fake = new FakeDiscord({ token: FAKE_TOKEN });
    await fake.start();
  }, 60_000);

  it('gives up connecting after its timeout, naming the address, and exits 1', async () => {
    // A port that accepts connections and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const apiBase = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`;
    try {
      const netlab = startNetlab('info', { DISCORD_API_BASE: apiBase, DISCORD_CONNECT_TIMEOUT_MS: '2000' });
      expect(await netlab.exited).toBe(1);
      expect(netlab.output).toContain(`could not connect to Discord at ${apiBase}: no answer within 2 s`);
      expect(netlab.output).toContain('connecting to Discord');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 60_000);
});
