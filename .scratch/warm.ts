import Dockerode from 'dockerode';
import { buildContainerSpec } from '../src/docker/policy.ts';
import { loadConfig } from '../src/config.ts';
import { DockerodeEngine } from '../src/docker/dockerode-engine.ts';
const docker = new Dockerode(); const engine = new DockerodeEngine({});
const config = loadConfig({}).sandbox; const kinds = ['bridge', 'none', 'host'] as const; let n = 0;
const SCRIPT = 'ip addr; echo "--"; ip route; echo __END__';
function spec(kind: typeof kinds[number], stdin: boolean) {
  const s: any = structuredClone(buildContainerSpec(config, { role: kind, network: { kind } }, { runId: 'warm' + (n++).toString(16).padStart(6, '0'), scenario: 'prof', expiresAt: Date.now() + 60000 }));
  if (stdin) { s.Entrypoint = ['sh']; s.Cmd = ['-c', 'read -r -t 60 go || exit 0; exec sh -s']; s.OpenStdin = true; s.StdinOnce = true; }
  return s;
}
async function readAll(stream: any): Promise<number> { let b = 0; let text = ''; for await (const c of stream) { b += c.length; text += c.toString('latin1'); if (text.includes('__END__')) return b; } return b; }
const N = Number(process.argv[2] ?? 12);
for (const style of ['exec', 'stdin', 'exec', 'stdin']) {
  const ids: string[] = [];
  for (let i = 0; i < N; i++) { const c = await docker.createContainer(spec(kinds[i % 3]!, style === 'stdin')); await c.start(); ids.push(c.id); }
  await new Promise((r) => setTimeout(r, 1000));
  const lat: number[] = []; let i = 0; const t = performance.now();
  await Promise.all(Array.from({ length: Number(process.argv[3] ?? 4) }, async () => { while (i < N) { const id = ids[i++]!; const t0 = performance.now();
    if (style === 'exec') { const r = await engine.exec(id, ['sh', '-c', SCRIPT], { maxBytes: 65536, timeoutMs: 10000 }); if (r.exitCode !== 0) throw new Error('x'); }
    else { const c = docker.getContainer(id); const s: any = await c.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }); const rd = readAll(s); s.write('\n' + SCRIPT + '\nexit\n'); const b = await rd; if (b < 50) throw new Error('short ' + b); }
    lat.push(performance.now() - t0); await engine.removeContainer(id); } }));
  lat.sort((a, b) => a - b);
  console.log(`${style}: ${N} warm demos at conc 4 in ${(performance.now() - t).toFixed(0)} ms; answer p50 ${lat[Math.floor(N / 2)]!.toFixed(0)} ms, max ${lat[N - 1]!.toFixed(0)}`);
}
