import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import { DockerApiError, EngineUnavailableError, ExecTimeoutError } from '../../src/docker/errors.ts';
import { runScenario } from '../../src/demos/run-demo.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { netlabLabels } from '../../src/docker/labels.ts';
import { FEED_END_MARK, feedText, splitBatchOutput } from '../../src/docker/command-batch.ts';
import { buildContainerSpec } from '../../src/docker/policy.ts';
import { expectNoManagedResources, requireEngine, testConfig, testDocker } from './engine.ts';

let engine: DockerodeEngine;
beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(async () => expectNoManagedResources(engine));

const run = () => ({ runId: `it${Date.now().toString(16)}`, scenario: 'engine-test', expiresAt: Date.now() + 60_000 });

describe('the Engine against the real Docker Engine', () => {
  it('reports version, API version and swarm state', async () => {
    const version = await engine.version();
    expect(version.apiVersion).toMatch(/^1\.\d+$/);
    expect(['inactive', 'active', 'pending', 'error', 'locked']).toContain((await engine.info()).swarm.state);
  });

  it('treats a second start and the removal of a running or missing container as success', async () => {
    const { id } = await engine.createContainer(buildContainerSpec(testConfig(), { role: 'x', network: { kind: 'none' } }, run()));
    await engine.startContainer(id);
    await engine.startContainer(id); // already started (304)
    expect((await engine.inspectContainer(id)).State.Running).toBe(true);
    await engine.removeContainer(id); // running: force-removed
    await engine.removeContainer(id); // already gone (404)
    await expect(engine.inspectContainer(id)).rejects.toMatchObject({ status: 404 });
  });

  it('maps failures by status code and keeps the original error as cause', async () => {
    const error = await engine.inspectContainer('netlab-does-not-exist').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerApiError);
    expect(error).toMatchObject({ status: 404, operation: 'container inspect' });
    expect((error as Error).cause).toMatchObject({ statusCode: 404 });
  });

  it('creates, lists by label and removes networks idempotently', async () => {
    const r = run();
    const { id } = await engine.createNetwork({ name: `netlab-${r.runId}-net`, driver: 'bridge', attachable: false, labels: netlabLabels(r) });
    const listed = await engine.listNetworks({ labels: { 'netlab.run': r.runId } });
    expect(listed.map((n) => [n.id, n.driver, n.labels['netlab.managed']])).toEqual([[id, 'bridge', 'true']]);
    await engine.removeNetwork(id);
    await engine.removeNetwork(id);
  });

  it('caps exec output at the source and times out a hanging exec', async () => {
    const { id } = await engine.createContainer(buildContainerSpec(testConfig(), { role: 'x', network: { kind: 'none' } }, run()));
    try {
      await engine.startContainer(id);
      const flood = await engine.exec(id, ['sh', '-c', 'yes | head -c 5000000'], { maxBytes: 1_024, timeoutMs: 10_000 });
      expect(flood).toMatchObject({ truncated: true, exitCode: null });
      expect(flood.stdout.length).toBe(1_024);
      const ok = await engine.exec(id, ['sh', '-c', 'echo out; echo err >&2; exit 3'], { maxBytes: 1_024, timeoutMs: 10_000 });
      expect(ok).toEqual({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, truncated: false });
      await expect(engine.exec(id, ['sleep', '30'], { maxBytes: 1_024, timeoutMs: 500 })).rejects.toBeInstanceOf(ExecTimeoutError);
    } finally {
      await engine.removeContainer(id);
    }
  });

  it('feeds fixed commands to a waiting container’s shell, which answers and then exits by itself', async () => {
    const { id } = await engine.createContainer(buildContainerSpec(testConfig(), { role: 'x', network: { kind: 'none' } }, run()));
    try {
      await engine.startContainer(id);
      const commands = [{ label: 'ip addr', argv: ['ip', 'addr'] }, { label: 'false', argv: ['false'] }];
      const fed = await engine.feedScript(id, feedText(commands), { maxBytes: 65_536, timeoutMs: 10_000, endMarker: FEED_END_MARK });
      expect(fed.completed).toBe(true);
      const [addr, no] = splitBatchOutput(fed.stdout, 2);
      expect(addr).toMatchObject({ exitCode: 0, text: expect.stringContaining('inet 127.0.0.1/8') });
      expect(no).toMatchObject({ exitCode: 1 });
      expect(await testDocker().getContainer(id).wait()).toMatchObject({ StatusCode: 0 }); // the shell ran to its `exit`
      expect((await engine.inspectContainer(id)).State.Running).toBe(false);
    } finally {
      await engine.removeContainer(id);
    }
  });

  it('removes containers whose shells have just exited, several at once: a resolved removal means gone', async () => {
    const r = run();
    const ids: string[] = [];
    try {
      for (let i = 0; i < 8; i++) {
        const { id } = await engine.createContainer(buildContainerSpec(testConfig(), { role: `exit${i}`, network: { kind: 'none' } }, r));
        ids.push(id);
        await engine.startContainer(id);
      }
      // As demos do: the end marker arrives, the shell exits, and the removal follows at once. (A
      // removal can race the exit inside dockerd, which answers 409 "Could not kill running
      // container …, cannot remove - … is not running"; seen once in thousands of demos here.)
      await Promise.all(
        ids.map(async (id) => {
          await engine.feedScript(id, feedText([{ label: 'true', argv: ['true'] }]), { maxBytes: 1_024, timeoutMs: 10_000, endMarker: FEED_END_MARK });
          await engine.removeContainer(id);
          await expect(engine.inspectContainer(id)).rejects.toMatchObject({ status: 404 });
        }),
      );
    } finally {
      await Promise.all(ids.map((id) => engine.removeContainer(id).catch(() => undefined)));
    }
  });

  it('caps fed output at the source, and a shell never fed exits by itself when its wait time is over', async () => {
    const soon = { ...run(), expiresAt: Date.now() + 1_500 };
    const [flooding, idle] = await Promise.all(['flood', 'idle'].map((role) => engine.createContainer(buildContainerSpec(testConfig(), { role, network: { kind: 'none' } }, soon))));
    try {
      await Promise.all([engine.startContainer(flooding!.id), engine.startContainer(idle!.id)]);
      const flood = await engine.feedScript(flooding!.id, feedText([{ label: 'yes', argv: ['sh', '-c', 'yes | head -c 5000000'] }]), { maxBytes: 1_024, timeoutMs: 10_000, endMarker: FEED_END_MARK });
      expect(flood).toMatchObject({ truncated: true, completed: false });
      expect(flood.stdout.length).toBe(1_024);
      expect(await testDocker().getContainer(idle!.id).wait()).toMatchObject({ StatusCode: 0 });
    } finally {
      await Promise.all([engine.removeContainer(flooding!.id), engine.removeContainer(idle!.id)]);
    }
  });
});

describe('a dead engine', () => {
  const deadHost = 'unix:///tmp/netlab-no-such-docker.sock';

  it('answers EngineUnavailableError naming the endpoint and the socket error', async () => {
    const dead = new DockerodeEngine({ host: deadHost });
    const error = await dead.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
    expect((error as Error).message).toBe(`the Docker Engine at ${deadHost} is not answering (ping: ENOENT)`);
  });

  it('is reported by the start-up check, and demos are refused at once with a polite message', async () => {
    const sandbox = createSandbox({ config: testConfig(), dockerHost: deadHost, logger: silentLogger() });
    const status = await sandbox.start();
    expect(status.engine).toMatchObject({ ok: false, errorId: 'engine-unavailable', error: expect.stringContaining(deadHost) });
    expect(status.image.present).toBeNull();
    const error = await runScenario(sandbox, 'none', { userId: 'u' }).catch((e: unknown) => e);
    // The start-up check took the engine out: refused without waiting on it again, saying when netlab retries.
    expect(error).toMatchObject({ id: 'sandbox-unavailable' });
    expect((error as { messageFor(lang: string): string }).messageFor('zh')).toContain('其他功能照常可用');
    expect((error as { messageFor(lang: string): string }).messageFor('en')).toMatch(/retries in about \d+ s/);
    await sandbox.shutdown();
  });
});
