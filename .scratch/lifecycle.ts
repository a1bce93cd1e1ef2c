// Throughput of container lifecycles at several concurrencies, per phase.
import { DockerodeEngine } from '../src/docker/dockerode-engine.ts';
import { buildContainerSpec } from '../src/docker/policy.ts';
import { loadConfig } from '../src/config.ts';
const engine = new DockerodeEngine({});
const config = loadConfig({}).sandbox;
const kinds = ['bridge', 'none', 'host'] as const;
const phases: Record<string, number[]> = {};
const rec = (k: string, ms: number) => (phases[k] ??= []).push(ms);
async function timed<T>(k: string, f: () => Promise<T>): Promise<T> { const t = performance.now(); try { return await f(); } finally { rec(k, performance.now() - t); } }
let n = 0;
async function lifecycle(kind: typeof kinds[number], mode: string) {
  const runId = 'prof' + (n++).toString(16).padStart(6, '0');
  const spec = buildContainerSpec(config, { role: kind, network: { kind } }, { runId, scenario: 'prof', expiresAt: Date.now() + 60000 });
  const t0 = performance.now();
  const { id } = await timed('create', () => engine.createContainer(spec));
  await timed('start', () => engine.startContainer(id));
  await timed('exec', () => engine.exec(id, ['sh', '-c', 'ip addr; ip route'], { maxBytes: 65536, timeoutMs: 10000 }));
  const answered = performance.now() - t0;
  if (mode === 'kill-then-rm') { await timed('kill', () => engine.killContainer(id)); }
  await timed('remove', () => engine.removeContainer(id));
  return answered;
}
async function batch(total: number, conc: number, mode: string) {
  for (const k of Object.keys(phases)) delete phases[k];
  let i = 0; const answers: number[] = [];
  const t = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { while (i < total) { const k = kinds[i++ % 3]!; answers.push(await lifecycle(k, mode)); } }));
  const wall = performance.now() - t;
  const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]!; };
  console.log(`conc ${conc} ${mode}: ${total} in ${wall.toFixed(0)} ms → ${(total / wall * 1000).toFixed(2)}/s; ` + Object.entries(phases).map(([k, v]) => `${k} ${med(v).toFixed(0)}`).join(', '));
}
const total = Number(process.argv[2] ?? 18);
for (const c of (process.argv[3] ?? '1,2,4').split(',').map(Number)) await batch(total, c, process.argv[4] ?? 'rm');
