import Dockerode from 'dockerode';
import { buildContainerSpec } from '../src/docker/policy.ts';
import { loadConfig } from '../src/config.ts';
import { DockerodeEngine } from '../src/docker/dockerode-engine.ts';
const docker = new Dockerode();
const engine = new DockerodeEngine({});
const config = loadConfig({}).sandbox;
const kinds = ['bridge', 'none', 'host'] as const;
let n = 0;
const SCRIPT = 'ip addr; echo "--"; ip route';
function spec(kind: typeof kinds[number], cmd?: string[], stdin = false) {
  const runId = 'var' + (n++).toString(16).padStart(7, '0');
  const s: any = structuredClone(buildContainerSpec(config, { role: kind, network: { kind } }, { runId, scenario: 'prof', expiresAt: Date.now() + 60000 }));
  if (cmd) { s.Entrypoint = cmd.slice(0, 1); s.Cmd = cmd.slice(1); }
  if (stdin) { s.OpenStdin = true; s.StdinOnce = true; s.AttachStdin = true; s.AttachStdout = true; s.AttachStderr = true; }
  return s;
}
async function readAll(stream: NodeJS.ReadableStream): Promise<number> { let bytes = 0; for await (const c of stream as any) bytes += (c as Buffer).length; return bytes; }
async function v1(kind: typeof kinds[number]) {
  const { id } = await engine.createContainer(spec(kind));
  await engine.startContainer(id);
  const r = await engine.exec(id, ['sh', '-c', SCRIPT], { maxBytes: 65536, timeoutMs: 10000 });
  if (r.exitCode !== 0) throw new Error('exit');
  await engine.removeContainer(id);
}
async function v2(kind: typeof kinds[number]) {
  const c = await docker.createContainer(spec(kind, ['sh', '-c', SCRIPT]));
  const stream = await c.attach({ stream: true, stdout: true, stderr: true });
  const reading = readAll(stream);
  await c.start();
  const bytes = await reading;
  const w = await c.wait();
  if (w.StatusCode !== 0 || bytes < 50) throw new Error('v2 ' + w.StatusCode + ' ' + bytes);
  await c.remove({ v: true });
}
async function v4(kind: typeof kinds[number]) { return v3(kind, true); }
async function v3(kind: typeof kinds[number], nolog = false) {
  const sp = spec(kind, ['sh', '-c', 'read go && ' + SCRIPT], true); if (nolog) sp.HostConfig.LogConfig = { Type: 'none', Config: {} };
  const c = await docker.createContainer(sp);
  const stream: any = await c.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
  const reading = readAll(stream);
  await c.start();
  stream.write('go\n');
  const bytes = await reading.catch(() => -1);
  const w = await c.wait();
  if (w.StatusCode !== 0 || bytes < 50) throw new Error('v3 ' + w.StatusCode + ' ' + bytes);
  await c.remove({ v: true });
}
const variants: Record<string, (k: typeof kinds[number]) => Promise<void>> = { v1, v2, v3: (k) => v3(k), v4 };
const total = Number(process.argv[2] ?? 18), conc = Number(process.argv[3] ?? 2);
for (const name of (process.argv[4] ?? 'v1,v2,v3').split(',')) {
  let i = 0; const t = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { while (i < total) await variants[name]!(kinds[i++ % 3]!); }));
  const wall = performance.now() - t;
  console.log(`${name}: ${total} at conc ${conc} in ${wall.toFixed(0)} ms → ${(total / wall * 1000).toFixed(2)}/s`);
}
