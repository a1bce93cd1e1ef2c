// The Compose deployment, for real: Debian's docker-compose brings up compose.yaml (with the
// stand-in base images and the test-only override), the bot logs into the fake Discord, /demo
// bridge and /demo p2p run inside the nested sandbox engine, demo containers cannot reach any
// port of the sandbox container (nor the bot), the bot reaches the engine only with its
// certificates, two engines share the demos and survive one going away, and `down` leaves
// nothing behind. Timings are printed for the record, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { scenarioNamed } from '../../src/demos/registry.ts';
import { engineEndpoints } from '../../src/docker/engine/endpoints.ts';
import { createSandboxSet, type SandboxSet } from '../../src/docker/engines.ts';
import { silentLogger } from '../../src/log.ts';
import type { HealthReport } from '../../src/ops/health.ts';
import { embedText, finalAnswer } from '../e2e/bot-harness.ts';
import { chatInput } from '../e2e/interactions.ts';
import { managedResources, requireEngine } from '../integration/engine.ts';
import { attempt, eventually, imagesBuiltOnStandins, prepareStack, sh, type Stack } from './stack.ts';

let stack: Stack;
const timings: Record<string, number> = {};
const since = (start: number) => Math.round(performance.now() - start);

async function health(): Promise<HealthReport> {
  return (await fetch(`${stack.opsUrl}/healthz`)).json() as Promise<HealthReport>;
}

/** The bot answers healthy, with every warm container of the sandbox's pool started. */
const ready = async () => {
  const report = await health();
  const pool = report.engines[0]?.pool ?? {};
  return report.status === 'ok' && Object.values(pool).length === 3 && Object.values(pool).every((n) => n === 4) ? report : undefined;
};

beforeAll(async () => {
  await requireEngine();
  stack = await prepareStack();
  let t = performance.now();
  await stack.compose(['build'], 15 * 60_000);
  timings['build (both images, stand-in bases)'] = since(t);
  t = performance.now();
  await stack.compose(['up', '-d'], 5 * 60_000); // returns once the sandbox is healthy and the bot created
  timings['up -d: sandbox healthy, bot started'] = since(t);
  await stack.fake.waitForReady(120_000);
  timings['up → bot connected to Discord'] = since(t);
  await eventually('bot healthy with a full pool', ready, 180_000);
  timings['up → /healthz ok, pool full (12 warm containers)'] = since(t);
}, 20 * 60_000);

afterAll(async () => {
  await stack?.down();
  console.info(`stack timings (ms):\n${Object.entries(timings).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
}, 10 * 60_000);

describe('the Compose stack', () => {
  it('is accepted by docker-compose config as users get it (with .env from .env.example)', async () => {
    const checked = await sh('docker-compose', ['-f', 'compose.yaml', 'config', '-q'], { env: { ...process.env, NETLAB_ENV_FILE: '.env.example' } });
    expect(checked).toBe('');
  });

  it('reports the gateway and the one TLS sandbox engine on /healthz and /metrics', async () => {
    const report = await health();
    expect(report).toMatchObject({ status: 'ok', gateway: { connected: true }, engines: [{ name: 'sandbox:2376', reachable: true, breaker: { state: 'closed' } }] });
    const metrics = await (await fetch(`${stack.opsUrl}/metrics`)).text();
    expect(metrics).toContain('netlab_pool_ready_containers{engine="sandbox:2376",kind="bridge"} 4');
    expect(await sh('docker', ['inspect', '-f', '{{.State.Health.Status}}', stack.container('sandbox')])).toBe('healthy\n');
  });

  it('runs /demo bridge and /demo p2p inside the sandbox engine, and /networks names it', async () => {
    const startedAt = Math.floor(Date.now() / 1000) - 1;
    const bridge = embedText(await finalAnswer(stack.fake.sendInteraction(chatInput({ name: 'demo', options: { scenario: 'bridge' }, userId: '1300000000000000301' })), 30_000));
    expect(bridge).toMatch(/eth0@if\d+/);
    expect(bridge).toMatch(/✅/);
    expect(bridge).not.toMatch(/❌/);
    const p2p = embedText(await finalAnswer(stack.fake.sendInteraction(chatInput({ name: 'demo', options: { scenario: 'p2p' }, userId: '1300000000000000302' })), 30_000));
    expect(p2p).toContain('ip link set veth0 up');
    expect(p2p).toMatch(/0% packet loss/);
    expect(p2p).not.toMatch(/❌/);
    const networks = await finalAnswer(stack.fake.sendInteraction(chatInput({ name: 'networks', userId: '1300000000000000303' })), 15_000);
    expect(networks.embeds[0]?.footer?.text).toBe('engine sandbox:2376 · 3 networks');
    // The nested engine itself saw the demos' containers being created.
    const created = await stack.inSandbox(`docker events --since ${startedAt} --until "$(date +%s)" --filter type=container --filter event=create --format '{{index .Actor.Attributes "netlab.scenario"}}'`);
    expect(created.split('\n')).toEqual(expect.arrayContaining(['p2p']));
    expect(created.split('\n').filter((s) => s === 'p2p')).toHaveLength(2);
    expect(stack.fake.violations).toEqual([]);
  });
});

describe('isolation inside the sandbox engine', () => {
  // Demo containers with netlab's own hardening (policy.ts): user nobody, no capabilities.
  const HARDENED = '--rm --user 65534:65534 --cap-drop ALL --security-opt no-new-privileges:true --read-only';
  const PROBE = `sh -c 'nc -w 3 "$0" "$1" </dev/null >/dev/null 2>&1 && echo open || echo closed'`;
  const fromDemo = (network: string, address: string, port: number) => stack.inSandbox(`docker run ${HARDENED} --network ${network} netlab-demo:latest ${PROBE} ${address} ${port}`).then((s) => s.trim());
  let sandboxIp: string;
  let botIp: string;

  beforeAll(async () => {
    const ipOn = (container: string) => sh('docker', ['inspect', '-f', `{{(index .NetworkSettings.Networks "${stack.project}_sandbox").IPAddress}}`, container]).then((s) => s.trim());
    [sandboxIp, botIp] = await Promise.all([ipOn(stack.container('sandbox')), ipOn(stack.container('bot'))]);
    // Something else listening in the sandbox container, to show that "any port" means any.
    await sh('docker', ['exec', '-d', stack.container('sandbox'), '/opt/netlab/busybox', 'httpd', '-f', '-p', '7000', '-h', '/tmp']);
    await stack.inSandbox('docker network create netlab-isolation-check >/dev/null');
  });

  afterAll(async () => {
    await stack.inSandbox('docker network rm netlab-isolation-check >/dev/null; /opt/netlab/busybox pkill -f "httpd -f -p 7000" || true');
  });

  it('the engine API and another listening port answer on the stack network (the control)', async () => {
    const script = `const net = require('net'); Promise.all([2376, 7000].map((p) => new Promise((r) => { const s = net.connect(p, 'sandbox', () => { s.destroy(); r('open'); }); s.on('error', (e) => r(e.code)); }))).then((a) => console.log(a.join(' ')));`;
    expect((await sh('docker', ['exec', stack.container('bot'), 'node', '-e', script])).trim()).toBe('open open');
    expect((await stack.inSandbox(`/opt/netlab/busybox nc -w 3 ${botIp} 9464 </dev/null >/dev/null 2>&1 && echo open || echo closed`)).trim()).toBe('open');
  });

  it('a bridge demo container reaches neither the API nor any other port, at the gateway or at the sandbox’s own address', async () => {
    expect(await fromDemo('bridge', '172.17.0.1', 2376)).toBe('closed');
    expect(await fromDemo('bridge', sandboxIp, 2376)).toBe('closed');
    expect(await fromDemo('bridge', '172.17.0.1', 7000)).toBe('closed');
    expect(await fromDemo('bridge', botIp, 9464)).toBe('closed');
  });

  it('nor over IPv6, at the link-local address of the sandbox’s docker0 (while another container’s answers)', async () => {
    const linkLocal = async (where: string, device: string) => (await stack.inSandbox(`${where} ip -6 -o addr show dev ${device} scope link | awk '{ sub(/\\/.*/, "", $4); print $4; exit }'`)).trim();
    await stack.inSandbox('docker run -d --name netlab-isolation-v6-peer netlab-demo:latest httpd -f -p 8080 >/dev/null');
    try {
      const [sandbox, peer] = await Promise.all([linkLocal('', 'docker0'), linkLocal('docker exec netlab-isolation-v6-peer', 'eth0')]);
      expect([sandbox, peer]).toEqual([expect.stringMatching(/^fe80:/), expect.stringMatching(/^fe80:/)]);
      // A few seconds for the prober's own link-local address to leave its tentative state.
      const probe = `sh -c 'sleep 3; nc -w 3 "$0" "$1" </dev/null >/dev/null 2>&1 && echo open || echo closed'`;
      expect((await stack.inSandbox(`docker run ${HARDENED} netlab-demo:latest ${probe} ${sandbox}%eth0 2376`)).trim()).toBe('closed');
      expect((await stack.inSandbox(`docker run ${HARDENED} netlab-demo:latest ${probe} ${peer}%eth0 8080`)).trim()).toBe('open');
    } finally {
      await stack.inSandbox('docker rm -f netlab-isolation-v6-peer >/dev/null');
    }
  });

  it('a user-defined bridge demo container does not either, at its own gateway', async () => {
    const gateway = (await stack.inSandbox(`docker network inspect -f '{{range .IPAM.Config}}{{.Gateway}}{{end}}' netlab-isolation-check`)).trim();
    expect(await fromDemo('netlab-isolation-check', gateway, 2376)).toBe('closed');
    expect(await fromDemo('netlab-isolation-check', gateway, 7000)).toBe('closed');
  });

  it('a host-mode demo container, sharing the sandbox’s network namespace, does not either', async () => {
    expect(await fromDemo('host', '127.0.0.1', 2376)).toBe('closed');
    expect(await fromDemo('host', '127.0.0.1', 7000)).toBe('closed');
    expect(await fromDemo('host', botIp, 9464)).toBe('closed');
  });

  it('demo containers still reach each other, so the refusals above are the firewall, not a broken probe', async () => {
    await stack.inSandbox('docker run -d --name netlab-isolation-peer --network netlab-isolation-check netlab-demo:latest httpd -f -p 8080 >/dev/null');
    try {
      expect(await fromDemo('netlab-isolation-check', 'netlab-isolation-peer', 8080)).toBe('open');
    } finally {
      await stack.inSandbox('docker rm -f netlab-isolation-peer >/dev/null');
    }
  });
});

describe('the bot and the engine’s TLS', () => {
  const TLS_PROBE = `
const tls = require('tls'), net = require('net'), fs = require('fs');
const file = (n) => fs.readFileSync('/certs/client/' + n);
const ping = 'GET /_ping HTTP/1.1\\r\\nHost: sandbox\\r\\nConnection: close\\r\\n\\r\\n';
const viaTls = (opts) => new Promise((r) => { let d = ''; const s = tls.connect({ host: 'sandbox', port: 2376, ...opts }, () => s.write(ping)); s.on('data', (x) => (d += x)); s.on('end', () => r(d.split('\\r\\n')[0] || 'closed')); s.on('error', (e) => r(e.code)); });
const plain = (port) => new Promise((r) => { let d = ''; const s = net.connect(port, 'sandbox', () => s.write(ping)); s.on('data', (x) => (d += x)); s.on('close', () => r(d.trim().split('\\n').pop())); s.on('error', (e) => r(e.code)); });
(async () => console.log(JSON.stringify({
  withCertificates: await viaTls({ ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem') }),
  withoutClientCertificate: await viaTls({ ca: file('ca.pem') }),
  plainHttp: await plain(2376),
  port2375: await plain(2375),
  clientPair: ['ca.pem', 'cert.pem', 'key.pem'].every((f) => fs.existsSync('/certs/client/' + f)),
  caKeyVisible: fs.existsSync('/certs/ca'),
})))();`;

  it('gets an answer only with its client certificate; never plain HTTP; and sees no CA key', async () => {
    const result = JSON.parse(await sh('docker', ['exec', stack.container('bot'), 'node', '-e', TLS_PROBE])) as Record<string, unknown>;
    expect(result).toEqual({
      withCertificates: 'HTTP/1.1 200 OK',
      withoutClientCertificate: expect.stringMatching(/^(ERR_SSL_|ECONNRESET|closed)/),
      plainHttp: 'Client sent an HTTP request to an HTTPS server.',
      port2375: 'ECONNREFUSED',
      clientPair: true,
      caKeyVisible: false,
    });
  });

  it('publishes no port of the engine on the host, and mounts the certificates read-only in the bot', async () => {
    const [bindings, ports] = (await sh('docker', ['inspect', '-f', '{{json .HostConfig.PortBindings}}\n{{json .NetworkSettings.Ports}}', stack.container('sandbox')])).trim().split('\n');
    expect(Object.keys((JSON.parse(bindings!) ?? {}) as object)).toEqual([]);
    // EXPOSE in the image lists 2376, but nothing on the host is bound to it.
    expect(Object.values((JSON.parse(ports!) ?? {}) as Record<string, unknown>).every((binding) => binding === null)).toBe(true);
    expect(await sh('docker', ['inspect', '-f', '{{range .Mounts}}{{if eq .Destination "/certs/client"}}{{.RW}}{{end}}{{end}}', stack.container('bot')])).toBe('false\n');
  });
});

describe('two sandbox engines: the host engine and the nested one', () => {
  let set: SandboxSet;
  let certs: string;
  const none = scenarioNamed('none');
  let user = 0;
  const demo = (sandbox: Pick<SandboxSet, 'runDemo'> = set) => sandbox.runDemo(none, { userId: `two-engines-${user++}` });

  beforeAll(async () => {
    certs = mkdtempSync(join(tmpdir(), 'netlab-stack-certs-'));
    await sh('docker', ['cp', `${stack.container('sandbox')}:/certs/client/.`, certs]);
    const ip = (await sh('docker', ['inspect', '-f', `{{(index .NetworkSettings.Networks "${stack.project}_sandbox").IPAddress}}`, stack.container('sandbox')])).trim();
    const config = loadConfig({ SANDBOX_ENGINES: `unix:///var/run/docker.sock, tcp://${ip}:2376 ${certs}`, SANDBOX_POOL_SIZE: '0', SANDBOX_USER_COOLDOWN_MS: '0', SANDBOX_MAX_CONCURRENT: '2', SANDBOX_QUEUE_SIZE: '8', SANDBOX_SHARE_WINDOW_MS: '0' });
    set = createSandboxSet({ config: config.sandbox, endpoints: engineEndpoints(config.docker), logger: silentLogger(), breaker: { probeIntervalMs: 500, maxProbeIntervalMs: 2_000 } });
    const report = await set.start();
    expect(report.engines.map((e) => [e.name, e.engine.ok, e.tls])).toEqual([
      ['local', true, false],
      [`${ip}:2376`, true, true],
    ]);
  });

  afterAll(async () => {
    await set?.shutdown();
    rmSync(certs, { recursive: true, force: true });
    expect(await managedResources(await requireEngine())).toEqual({ containers: [], networks: [] });
  });

  it('prints a demo’s latency on each engine (figures only)', async () => {
    const [local, nested] = set.engines;
    const samples: Record<string, number[]> = { host: [], nested: [] };
    for (let i = 0; i < 10; i++) {
      samples['host']!.push((await demo(local)).timingsMs.total);
      samples['nested']!.push((await demo(nested)).timingsMs.total);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    timings['none demo, cold, host engine (median of 10)'] = median(samples['host']!);
    timings['none demo, cold, nested engine over TLS (median of 10)'] = median(samples['nested']!);
    expect(samples['nested']).toHaveLength(10);
  });

  it('places concurrent demos by free capacity: eight at once split four and four', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => demo()));
    const per = set.engines.map((e) => results.filter((r) => r.engine === e.name).length);
    expect(per).toEqual([4, 4]);
  });

  it('fails over while the nested engine refuses connections, takes it out, and uses it again once it answers', async () => {
    const nested = set.engines[1]!;
    // The engine's port refuses connections, as when dockerd is down (the stack's own bot sees it too).
    const block = 'iptables -w -I NETLAB-SANDBOX-IN 1 ! -i lo -p tcp --dport 2376 -j REJECT --reject-with tcp-reset';
    await stack.inSandbox(block);
    let t = performance.now();
    const during = [];
    const waits: number[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        during.push(await demo());
        waits.push(since(started));
      }
      expect(during.every((r) => r.engine === 'local')).toBe(true);
      expect(nested.breaker().state).toBe('open');
      timings['failover: 6 demos while the nested engine refuses (total)'] = since(t);
      waits.forEach((ms, i) => (timings[`failover: demo ${i + 1} while it refuses`] = ms));
    } finally {
      await stack.inSandbox(block.replace('-I NETLAB-SANDBOX-IN 1', '-D NETLAB-SANDBOX-IN'));
    }
    t = performance.now();
    await eventually('the nested engine back in', async () => (nested.breaker().state === 'closed' ? true : undefined), 10_000);
    timings['failover: engine answers again → breaker closed'] = since(t);
    const after = await Promise.all(Array.from({ length: 4 }, () => demo()));
    expect(after.filter((r) => r.engine === nested.name)).toHaveLength(2);
  });

  it('the stack’s own bot serves demos again after its sandbox restarts, without a restart of its own', async () => {
    let t = performance.now();
    await sh('docker', ['restart', '-t', '10', stack.container('sandbox')], { timeoutMs: 60_000 });
    timings['sandbox restart (docker restart)'] = since(t);
    t = performance.now();
    await eventually('the bot takes demos again', ready, 120_000);
    timings['sandbox restart → the bot finds its engine answering again'] = since(t);
    const text = embedText(await finalAnswer(stack.fake.sendInteraction(chatInput({ name: 'demo', options: { scenario: 'none' }, userId: '1300000000000000304' })), 30_000));
    expect(text).toContain('1: lo:');
  });
});

describe('taking the stack down', () => {
  it('leaves no container, network, volume or built image behind', async () => {
    await stack.down();
    const left = await Promise.all([
      sh('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${stack.project}`]),
      sh('docker', ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${stack.project}`]),
      sh('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${stack.project}`]),
      sh('docker', ['images', '-q', `${stack.project}_*`]),
    ]);
    expect(left).toEqual(['', '', '', '']);
    expect(await imagesBuiltOnStandins()).toEqual([]);
    expect((await attempt('docker', ['network', 'inspect', `${stack.project}-discord`])).ok).toBe(false);
  });
});
