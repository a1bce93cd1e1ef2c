/** `netlab sandbox status` for a person: a few readable lines per engine instead of the JSON (`--json`). */
import type { ScenarioInfo } from '../demos/run-demo.ts';
import type { SandboxReport } from '../docker/engines.ts';
import type { SandboxStatus } from '../docker/sandbox.ts';

function describeEngine(status: SandboxStatus): string[] {
  const lines: string[] = [];
  const where = `${status.endpoint}${status.tls ? ' (TLS)' : ''}`;
  if (status.engine.ok) {
    lines.push(`engine    Docker ${status.engine.version} (API ${status.engine.apiVersion}, ${status.engine.os}/${status.engine.arch}) at ${where}`);
  } else {
    lines.push(`engine    not answering at ${where}: ${status.engine.error}`);
  }
  if (status.breaker.state === 'open') lines.push(`breaker   open: demos refused, next check in about ${status.breaker.retryAfterSec ?? 1} s`);
  if (status.swarm) lines.push(`swarm     ${status.swarm.isManager ? 'manager (overlay demo available)' : status.swarm.state}`);
  if (status.image.present === true) lines.push(`image     ${status.image.name} present${status.image.source === 'pulled' ? ' (pulled now)' : ''}`);
  else if (status.image.present === false) lines.push(`image     ${status.image.name} MISSING: build it with \`npm run demo-image\``);
  const kinds = Object.entries(status.pool.kinds).map(([kind, k]) => `${kind} ${k.ready}`);
  lines.push(`pool      ${status.pool.size === 0 ? 'off' : `${status.pool.size} per kind${kinds.length ? ` (ready: ${kinds.join(', ')})` : ''}`}`);
  lines.push(`demos     ${status.demos.running} running, ${status.demos.queued} waiting; at most ${status.demos.maxConcurrent} at once, ${status.demos.queueSize} waiting`);
  if (status.reaped && status.reaped.containers + status.reaped.networks > 0) lines.push(`reaped    ${status.reaped.containers} containers, ${status.reaped.networks} networks left over from earlier runs`);
  return lines;
}

export function describeStatus(report: SandboxReport & { readonly scenarios: readonly ScenarioInfo[] }): string {
  const several = report.engines.length > 1;
  const lines = report.engines.flatMap((status) => (several ? [`── ${status.name}`, ...describeEngine(status)] : describeEngine(status)));
  const off = report.scenarios.filter((s) => !s.enabled);
  lines.push(`scenarios ${report.scenarios.filter((s) => s.enabled).map((s) => s.name).join(', ')}`);
  for (const s of off) lines.push(`          ${s.name}: off — ${s.disabledReason?.en ?? ''}`);
  return lines.join('\n');
}

/**
 * The start-up line per engine: `sandbox: engine 20.10.24 (unix socket), swarm manager, image
 * netlab-demo:latest present, pool 4×3`. With several engines each line names its engine.
 */
export function sandboxLine(status: SandboxStatus, several = false): string {
  const where = status.endpoint.startsWith('unix://') ? 'unix socket' : `${status.endpoint}${status.tls ? ', TLS' : ''}`;
  const label = several ? `sandbox ${status.name}` : 'sandbox';
  if (!status.engine.ok) return `${label}: engine not answering at ${status.endpoint} (${status.engine.error})`;
  const swarm = status.swarm?.isManager ? 'swarm manager' : `swarm ${status.swarm?.state ?? 'unknown'}`;
  const image = status.image.present ? `image ${status.image.name} present` : `image ${status.image.name} MISSING (npm run demo-image)`;
  const kinds = Object.keys(status.pool.kinds).length;
  const pool = status.pool.size === 0 ? 'pool off' : `pool ${status.pool.size}×${kinds}`;
  const reaped = status.reaped && status.reaped.containers + status.reaped.networks > 0 ? `, reaped ${status.reaped.containers} leftover containers` : '';
  return `${label}: engine ${status.engine.version} (${where}), ${swarm}, ${image}, ${pool}${reaped}`;
}
