// /healthz and /metrics: what the health report says about the gateway and each engine, when it
// answers 503, what the metrics count (closed label sets only), and the endpoint itself on
// loopback, including a port that is already taken.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { clientOptions } from '../../src/discord/bot.ts';
import { combineSandboxes } from '../../src/docker/engines.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { ConfigError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import { checkHealth, type GatewayState } from '../../src/ops/health.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { startOpsServer } from '../../src/ops/server.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const CONNECTED: GatewayState = { connected: true, shards: [{ id: 0, status: 'Ready', pingMs: 41 }] };
const DISCONNECTED: GatewayState = { connected: false, shards: [{ id: 0, status: 'Reconnecting', pingMs: 41 }] };

function sandboxOf(...engines: FakeEngine[]) {
  const config = { ...loadConfig({}).sandbox, poolSize: 0, userCooldownMs: 0 };
  return combineSandboxes({ engines: engines.map((engine, i) => createSandbox({ name: `e${i}`, engine, config, logger: silentLogger() })), config, logger: silentLogger() });
}

describe('health report', () => {
  it('is ok with the gateway connected and an engine that answers, naming each engine', async () => {
    const dead = new FakeEngine();
    dead.dead = true;
    const report = await checkHealth({ gateway: () => CONNECTED, sandbox: sandboxOf(new FakeEngine(), dead), stopping: () => false });
    expect(report.status).toBe('ok');
    expect(report.engines.map((e) => [e.name, e.reachable, e.breaker.state])).toEqual([
      ['e0', true, 'closed'],
      ['e1', false, 'closed'],
    ]);
  });

  it('is degraded, not down, when no engine can run demos: the other commands still work', async () => {
    const dead = new FakeEngine();
    dead.dead = true;
    const sandbox = sandboxOf(dead);
    await sandbox.start(); // finds it dead: its breaker opens
    const report = await checkHealth({ gateway: () => CONNECTED, sandbox, stopping: () => false });
    expect(report).toMatchObject({ status: 'degraded', engines: [{ name: 'e0', reachable: false, breaker: { state: 'open' } }] });
    await sandbox.shutdown();
  });

  it('is down while the gateway is not connected or netlab is shutting down', async () => {
    const sandbox = sandboxOf(new FakeEngine());
    expect((await checkHealth({ gateway: () => DISCONNECTED, sandbox, stopping: () => false })).status).toBe('down');
    expect((await checkHealth({ gateway: () => CONNECTED, sandbox, stopping: () => true })).status).toBe('down');
  });
});

describe('metrics', () => {
  it('counts interactions by command, kind and outcome, and never lets a made-up command name become a label', async () => {
    const metrics = createMetrics({ commands: ['ask', 'learn'], scenarios: ['none'] });
    metrics.interactionDone({ kind: 'command', command: 'ask', outcome: 'ok', latencyMs: 40, ackMs: 35 });
    metrics.interactionDone({ kind: 'button', command: 'learn:button', outcome: 'user_error:unknown-topic', latencyMs: 20, ackMs: 18 });
    metrics.interactionDone({ kind: 'command', command: 'rm -rf', outcome: 'user_error:unknown-command', latencyMs: 5, ackMs: 4 });
    const text = await metrics.render();
    expect(text).toContain('netlab_interactions_total{command="ask",kind="command",outcome="ok"} 1');
    expect(text).toContain('netlab_interactions_total{command="learn:button",kind="button",outcome="user_error"} 1');
    expect(text).toContain('netlab_interactions_total{command="unknown",kind="command",outcome="user_error"} 1');
    expect(text).not.toContain('rm -rf');
    expect(text).toContain('netlab_interaction_ack_seconds_count{kind="command"} 2');
  });

  it('records demo durations warm and cold, refusals by reason, queues, warm containers and engines taken out', async () => {
    const metrics = createMetrics({ commands: [], scenarios: ['none', 'bridge'] });
    const sandbox = sandboxOf(new FakeEngine());
    metrics.watch(sandbox);
    metrics.sandbox.demoFinished?.({ scenario: 'none', engine: 'e0', warm: true, seconds: 0.3 });
    metrics.sandbox.demoFinished?.({ scenario: 'bridge', engine: 'e0', warm: false, seconds: 0.7 });
    metrics.sandbox.demoRefused?.({ engine: 'e0', code: 'sandbox-busy' });
    metrics.sandbox.engineFailed?.({ engine: 'e0' });
    const text = await metrics.render();
    expect(text).toContain('netlab_demo_duration_seconds_bucket{le="0.5",scenario="none",start="warm"} 1');
    expect(text).toContain('netlab_demo_duration_seconds_bucket{le="0.5",scenario="bridge",start="cold"} 0');
    expect(text).toContain('netlab_demo_refusals_total{reason="sandbox-busy"} 1');
    expect(text).toContain('netlab_engine_errors_total{engine="e0"} 1');
    expect(text).toContain('netlab_demo_queue_depth{engine="e0"} 0');
    expect(text).toContain('netlab_engine_up{engine="e0"} 1');
  });

  it('adds the default process metrics under the netlab_ prefix when asked', async () => {
    const metrics = createMetrics({ commands: [], scenarios: [] });
    expect(await metrics.render()).not.toContain('netlab_process_cpu_seconds_total');
    metrics.collectProcessMetrics();
    expect(await metrics.render()).toContain('netlab_process_cpu_seconds_total');
  });
});

describe('the /healthz and /metrics endpoint', () => {
  const report = (status: 'ok' | 'down') => async () => ({ status, gateway: CONNECTED, engines: [], checkedAt: new Date(0).toISOString() });

  it('answers /healthz with 200 or 503 and /metrics in Prometheus text, on loopback', async () => {
    const metrics = createMetrics({ commands: ['ask'], scenarios: [] });
    let status: 'ok' | 'down' = 'ok';
    const server = await startOpsServer({ host: '127.0.0.1', port: 0, metrics, health: () => report(status)(), logger: silentLogger() });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ok = await fetch(`${server.url}/healthz`);
      expect([ok.status, ((await ok.json()) as { status: string }).status]).toEqual([200, 'ok']);
      status = 'down';
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
      const scraped = await fetch(`${server.url}/metrics`);
      expect(scraped.headers.get('content-type')).toContain('text/plain');
      expect(await scraped.text()).toContain('# TYPE netlab_interactions_total counter');
      expect((await fetch(`${server.url}/`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('says which setting to change when the port is taken', async () => {
    expect.assertions(2);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };
    try {
      await startOpsServer({ host: '127.0.0.1', port, metrics: createMetrics({ commands: [], scenarios: [] }), health: report('ok'), logger: silentLogger() });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([`HEALTH_PORT: 127.0.0.1:${port} is already in use (EADDRINUSE): another program, or another netlab, listens there. Stop it or set HEALTH_PORT to a free port.`]);
    } finally {
      squatter.close();
    }
  });
});

describe('gateway sharding', () => {
  it('uses discord.js sharding in this one process: auto, a fixed count, or none', () => {
    const base = { DISCORD_TOKEN: `${'M'.repeat(24)}.GhIjKl.${'s'.repeat(27)}`, DISCORD_APPLICATION_ID: '1300000000000000001' };
    expect(clientOptions(loadConfig({ ...base, DISCORD_SHARDS: 'auto' }))).toMatchObject({ shards: 'auto' });
    expect(clientOptions(loadConfig({ ...base, DISCORD_SHARDS: '3' }))).toMatchObject({ shards: [0, 1, 2], shardCount: 3 });
    expect(clientOptions(loadConfig(base))).not.toHaveProperty('shards');
    expect(() => loadConfig({ ...base, DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS: expected auto or a whole number/);
  });
});
