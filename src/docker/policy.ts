/**
 * The one sandbox policy. Scenarios say what a container needs (which network, NET_ADMIN for
 * the p2p link, a shared PID namespace, root or not); this builder turns that into a fully
 * hardened create body. Nothing here comes from user input: the image is the configured one,
 * names derive from the run id and the scenario's fixed role.
 */
import type { SandboxConfig } from '../config.ts';
import type { ContainerSpec } from './engine/engine.ts';
import { SandboxPolicyError } from './errors.ts';
import { netlabLabels } from './labels.ts';

/** Where a demo container's network namespace comes from. */
export type NetworkAttachment =
  | { readonly kind: 'bridge' }
  | { readonly kind: 'host' }
  | { readonly kind: 'none' }
  | { readonly kind: 'container'; readonly containerId: string }
  | { readonly kind: 'network'; readonly networkName: string; readonly alias: string };

/**
 * Capabilities a scenario may ask for, only inside its own `none`-mode namespace: NET_ADMIN to
 * build the p2p veth link, NET_RAW for busybox ping (Debian's busybox 1.35 has no unprivileged
 * ICMP-socket fallback).
 */
export type SandboxCapability = 'NET_ADMIN' | 'NET_RAW';

export interface ContainerNeeds {
  /** A fixed role name from the scenario's code, e.g. "target". */
  readonly role: string;
  readonly network: NetworkAttachment;
  readonly capabilities?: readonly SandboxCapability[];
  /** Join this container's PID namespace (p2p: to address its network namespace as PID 1). */
  readonly sharePidsWith?: string;
  readonly runAsRoot?: boolean;
}

export interface RunIdentity {
  readonly runId: string;
  readonly scenario: string;
  readonly expiresAt: number;
  /** The warm pool that pre-starts this container, if any (see pool.ts). */
  readonly pool?: string;
  /** The netlab process creating it (owner.ts). */
  readonly owner?: string;
}

/**
 * The CPU limit as a quota per CFS period instead of NanoCpus. NanoCpus fixes the period at
 * 100 ms, so 0.25 CPU is a 25 ms budget: starting a container or an `exec` burns more than that
 * at once and then waits for the next period, adding up to ~75 ms to every step. The same 0.25
 * CPU over the longest period the kernel allows (1 s) lets a short command run unthrottled, while
 * a CPU hog is still held to 0.25 CPU on average (test/integration/cpu-limit.test.ts).
 */
export const CPU_PERIOD_US = 1_000_000;

export function cpuQuotaUs(nanoCpus: number): number {
  return Math.round((nanoCpus / 1e9) * CPU_PERIOD_US);
}

const NOBODY = '65534:65534';
const ROOT = '0:0';

export function containerName(runId: string, role: string): string {
  return `netlab-${runId}-${role}`;
}

function networkMode(network: NetworkAttachment): string {
  switch (network.kind) {
    case 'bridge':
    case 'host':
    case 'none':
      return network.kind;
    case 'container':
      return `container:${network.containerId}`;
    case 'network':
      return network.networkName;
  }
}

/** Refuses needs that would widen the sandbox beyond what a scenario may have. */
function checkNeeds(needs: ContainerNeeds): void {
  if (!/^[a-z][a-z0-9-]{0,20}$/.test(needs.role)) throw new SandboxPolicyError(`invalid role name "${needs.role}"`);
  const elevated = (needs.capabilities?.length ?? 0) > 0 || needs.runAsRoot === true;
  if (elevated && needs.network.kind !== 'none') {
    // Capabilities are scoped to the container's own namespace only when it has no shared network.
    throw new SandboxPolicyError(`role "${needs.role}": capabilities and root are allowed only in none mode`);
  }
  if (needs.capabilities?.some((c) => c !== 'NET_ADMIN' && c !== 'NET_RAW')) {
    throw new SandboxPolicyError(`role "${needs.role}": only NET_ADMIN and NET_RAW may be added`);
  }
}

/**
 * PID 1 of every demo container: a shell that waits for one line on stdin, then runs whatever
 * netlab feeds it there (a fixed script from command-batch.ts) and exits — or exits by itself
 * when nothing came before the run's expiry, so even an orphaned container stops. Feeding the
 * waiting shell replaces an exec (no extra runtime process) for a container's final commands;
 * exec still works on it before that, while it waits.
 */
export const WAITING_SHELL = 'read -r -t "$1" go || exit 0; exec sh -s';

export function buildContainerSpec(config: SandboxConfig, needs: ContainerNeeds, run: RunIdentity, now = Date.now()): ContainerSpec {
  checkNeeds(needs);
  const mode = networkMode(needs.network);
  const waitSec = Math.max(1, Math.ceil((run.expiresAt - now) / 1000));
  return {
    name: containerName(run.runId, needs.role),
    Image: config.image,
    Entrypoint: ['sh', '-c', WAITING_SHELL, 'netlab-wait'],
    Cmd: [String(waitSec)],
    OpenStdin: true,
    StdinOnce: true,
    Tty: false,
    User: needs.runAsRoot ? ROOT : NOBODY,
    Env: [],
    Labels: netlabLabels({ runId: run.runId, scenario: run.scenario, expiresAt: run.expiresAt, role: needs.role, ...(run.pool ? { pool: run.pool } : {}), ...(run.owner ? { owner: run.owner } : {}) }),
    HostConfig: {
      NetworkMode: mode,
      PidMode: needs.sharePidsWith ? `container:${needs.sharePidsWith}` : '',
      IpcMode: 'private',
      CapDrop: ['ALL'],
      CapAdd: [...(needs.capabilities ?? [])],
      SecurityOpt: ['no-new-privileges:true'],
      ReadonlyRootfs: true,
      Privileged: false,
      Memory: config.memoryBytes,
      MemorySwap: config.memoryBytes, // equal to Memory: no swap on top
      PidsLimit: config.pidsLimit,
      CpuPeriod: CPU_PERIOD_US,
      CpuQuota: cpuQuotaUs(config.nanoCpus),
      AutoRemove: false, // netlab removes, so cleanup is observable and a crash leaves labelled leftovers
      // Output reaches members only through netlab's own capped stream; the engine logs none of it,
      // so no demo can fill the host's disk or keep the engine busy writing a flood to a log file.
      LogConfig: { Type: 'none', Config: {} },
      Binds: [],
      Mounts: [],
      PortBindings: {},
      PublishAllPorts: false,
    },
    ...(needs.network.kind === 'network'
      ? { NetworkingConfig: { EndpointsConfig: { [mode]: { Aliases: [needs.network.alias] } } } }
      : {}),
  };
}
