/**
 * The Compose stack as the stack test drives it: Debian's docker-compose (1.29) with the file
 * users get plus test/stack/compose.test.yaml, a project name and networks of the test's own,
 * the stand-in base images, and a fake Discord listening on the gateway of a network only the
 * bot joins. Everything is named from STACK_PREFIX and removed by down().
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FAKE_TOKEN, FakeDiscord } from '../e2e/fake-discord.ts';
import { STACK_PREFIX, STANDINS } from './names.ts';

const STANDIN_SCRIPT = 'test/stack/standins/build.sh';

/** Images built on the stand-ins (the Dockerfiles' build stages), as build.sh finds them. */
export async function imagesBuiltOnStandins(): Promise<string[]> {
  return (await sh('bash', [STANDIN_SCRIPT, 'descendants', STACK_PREFIX])).split('\n').filter(Boolean);
}

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function sh(file: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  const { stdout } = await run(file, [...args], { cwd: ROOT, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Runs a command and reports how it ended instead of throwing. */
export async function attempt(file: string, args: readonly string[]): Promise<{ ok: boolean; output: string }> {
  try {
    return { ok: true, output: await sh(file, args) };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? e.message}` };
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Stack {
  readonly project: string;
  readonly fake: FakeDiscord;
  /** http://127.0.0.1:<port>, the bot's /healthz and /metrics as compose.yaml publishes them. */
  readonly opsUrl: string;
  compose(args: readonly string[], timeoutMs?: number): Promise<string>;
  /** The container of a service, e.g. `<project>_sandbox_1`. */
  container(service: 'bot' | 'sandbox'): string;
  /** Runs a shell script inside the sandbox container (root, the nested engine's local socket). */
  inSandbox(script: string): Promise<string>;
  /** Stops everything and removes every container, network, volume and built image of the project. Idempotent. */
  down(): Promise<void>;
}

export async function prepareStack(): Promise<Stack> {
  const project = `${STACK_PREFIX}-${process.pid}`;
  const discordNetwork = `${project}-discord`;
  const dir = mkdtempSync(join(tmpdir(), 'netlab-stack-'));
  await sh('docker', ['network', 'create', '--label', `com.docker.compose.project=${project}`, discordNetwork]);
  const gateway = (await sh('docker', ['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', discordNetwork])).trim();
  const fake = new FakeDiscord({ token: FAKE_TOKEN, host: gateway });
  await fake.start();
  const envFile = join(dir, 'netlab.env');
  writeFileSync(
    envFile,
    [`DISCORD_TOKEN=${FAKE_TOKEN}`, `DISCORD_APPLICATION_ID=${fake.applicationId}`, `DISCORD_API_BASE=${fake.apiBase}`, 'SANDBOX_USER_COOLDOWN_MS=0', 'LOG_LEVEL=info', ''].join('\n'),
  );
  const metricsPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_BUILDKIT: '0',
    COMPOSE_DOCKER_CLI_BUILD: '0',
    NODE_IMAGE: STANDINS.node,
    DIND_IMAGE: STANDINS.dind,
    BUSYBOX_IMAGE: STANDINS.busybox,
    NETLAB_ENV_FILE: envFile,
    NETLAB_METRICS_PORT: String(metricsPort),
    STACK_DISCORD_NETWORK: discordNetwork,
  };
  const files = ['-f', 'compose.yaml', '-f', 'test/stack/compose.test.yaml'];
  const compose = (args: readonly string[], timeoutMs = 120_000) => sh('docker-compose', ['-p', project, ...files, ...args], { env, timeoutMs });
  const container = (service: string) => `${project}_${service}_1`;
  let downed: Promise<void> | undefined;
  return {
    project,
    fake,
    opsUrl: `http://127.0.0.1:${metricsPort}`,
    compose,
    container,
    inSandbox: (script) => sh('docker', ['exec', container('sandbox'), 'sh', '-c', script]),
    down() {
      downed ??= (async () => {
        await compose(['down', '--volumes', '--rmi', 'local', '--remove-orphans'], 300_000).catch((error: unknown) => console.error('compose down failed', error));
        // The build stages stay behind as untagged images on the stand-ins; they go too.
        await sh('bash', [STANDIN_SCRIPT, 'prune', STACK_PREFIX]);
        await fake.stop();
        await attempt('docker', ['network', 'rm', discordNetwork]);
        rmSync(dir, { recursive: true, force: true });
      })();
      return downed;
    },
  };
}

/** Polls until `check` returns a value, or fails with what it last saw. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
