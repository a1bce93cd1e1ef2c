// `npm start` as an organiser runs it: a separate process with DISCORD_API_BASE pointing at the
// fake Discord. It completes the handshake, answers, logs one line per interaction without the
// token, and on SIGTERM shuts down cleanly with exit code 0.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
function startNetlab(logLevel: string) {
  const child = spawn(process.execPath, ['bin/netlab.js', 'start'], {
    cwd: root,
    env: { PATH: process.env['PATH'], DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: logLevel, SANDBOX_POOL_SIZE: '0', NETLAB_DB: ':memory:' },
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
      const record = fake.sendInteraction(chatInput({ name: 'ask', options: { question: '为什么 none 模式只有 lo' }, locale: 'zh-CN' }));
      const callback = await record.waitForCallback();
      expect(callback.status).toBeLessThan(300);
      await waitForOutput(() => netlab.output, '"kind":"command"', 5_000);
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
});
