/**
 * What /healthz reports: whether the gateway is connected (every shard ready), whether each
 * sandbox engine answers a ping now, its breaker and its pool. "down" (HTTP 503) means netlab
 * cannot serve members at all: not connected to Discord, or shutting down. A sandbox that cannot
 * run demos makes netlab "degraded" (HTTP 200): /ask, /learn and /modes still work, and
 * restarting the bot would not bring an engine back — the breaker's probe does that.
 */
import type { BreakerStatus } from '../docker/breaker.ts';
import type { SandboxSet } from '../docker/engines.ts';

export interface ShardState {
  readonly id: number;
  /** discord.js's status name: READY, CONNECTING, RECONNECTING, … */
  readonly status: string;
  /** Last heartbeat round trip, -1 before the first. */
  readonly pingMs: number;
}

export interface GatewayState {
  readonly connected: boolean;
  readonly shards: readonly ShardState[];
}

export interface EngineHealth {
  readonly name: string;
  readonly reachable: boolean;
  readonly breaker: BreakerStatus;
  readonly demos: { readonly running: number; readonly queued: number };
  readonly pool: Readonly<Record<string, number>>;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded' | 'down';
  readonly gateway: GatewayState;
  readonly engines: readonly EngineHealth[];
  readonly checkedAt: string;
}

export interface HealthSources {
  readonly gateway: () => GatewayState;
  readonly sandbox: SandboxSet;
  readonly stopping: () => boolean;
}

export async function checkHealth(sources: HealthSources): Promise<HealthReport> {
  const gateway = sources.gateway();
  const engines = await Promise.all(
    sources.sandbox.engines.map(async (engine): Promise<EngineHealth> => {
      const reachable = await engine.ping().then(
        () => true,
        () => false,
      );
      const load = engine.load();
      return { name: engine.name, reachable, breaker: engine.breaker(), demos: { running: load.running, queued: load.queued }, pool: load.warmByKind };
    }),
  );
  const demosPossible = engines.some((e) => e.reachable && e.breaker.state === 'closed');
  const status = !gateway.connected || sources.stopping() ? 'down' : demosPossible ? 'ok' : 'degraded';
  return { status, gateway, engines, checkedAt: new Date().toISOString() };
}
