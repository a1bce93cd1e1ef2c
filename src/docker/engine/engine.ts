/**
 * The narrow Docker interface netlab owns: what the sandbox needs, nothing more. The runner,
 * pool, reaper and scenarios depend on this, never on dockerode: `dockerode-engine.ts` is the
 * one implementation against a real engine, and unit tests use a fake. Every method rejects
 * with the errors in `../errors.ts`.
 */

export type Labels = Readonly<Record<string, string>>;

export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
  readonly kernel: string;
}

export type SwarmState = 'inactive' | 'pending' | 'active' | 'error' | 'locked' | 'unknown';

export interface EngineInfo {
  readonly swarm: { readonly state: SwarmState; readonly isManager: boolean };
  readonly containersRunning: number;
  readonly cpus: number;
  readonly memTotalBytes: number;
}

/**
 * Docker's container-create body, limited to the fields netlab sets. Only policy.ts builds
 * one, so every container carries the same hardening.
 */
export interface ContainerSpec {
  readonly name: string;
  readonly Image: string;
  readonly Cmd: readonly string[];
  readonly Entrypoint: readonly string[];
  readonly User: string;
  readonly Env: readonly string[];
  readonly Labels: Labels;
  /** PID 1 reads its script from stdin (see policy.ts); closed when the one feeding client leaves. */
  readonly OpenStdin: true;
  readonly StdinOnce: true;
  readonly Tty: false;
  readonly HostConfig: {
    readonly NetworkMode: string;
    readonly PidMode: string;
    readonly IpcMode: string;
    readonly CapDrop: readonly string[];
    readonly CapAdd: readonly string[];
    readonly SecurityOpt: readonly string[];
    readonly ReadonlyRootfs: boolean;
    readonly Privileged: false;
    readonly Memory: number;
    readonly MemorySwap: number;
    readonly PidsLimit: number;
    /** CPU limit as quota per period (µs); see CPU_PERIOD_US in policy.ts for why not NanoCpus. */
    readonly CpuPeriod: number;
    readonly CpuQuota: number;
    readonly AutoRemove: false;
    readonly LogConfig: { readonly Type: 'none'; readonly Config: Readonly<Record<string, never>> };
    readonly Binds: readonly string[];
    readonly Mounts: readonly never[];
    readonly PortBindings: Readonly<Record<string, never>>;
    readonly PublishAllPorts: false;
  };
  readonly NetworkingConfig?: {
    readonly EndpointsConfig: Readonly<Record<string, { readonly Aliases: readonly string[] }>>;
  };
}

export interface ExecOptions {
  /** Output beyond this many bytes (stdout + stderr) is not read; the result is `truncated`. */
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** What a command in a container printed, and how it ended. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** null when the output was truncated and we stopped reading before the command ended. */
  readonly exitCode: number | null;
  readonly truncated: boolean;
}

export interface FeedOptions extends ExecOptions {
  /** Reading stops once a stdout line equals this: the script has done its work. */
  readonly endMarker: string;
}

export interface FeedResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly truncated: boolean;
  /** The end marker arrived: the script ran to its end (false when the shell died first). */
  readonly completed: boolean;
}

/** What the pool (is a container still running?) and the policy tests read back from a container. Docker's own field names. */
export interface ContainerInspect {
  readonly Id: string;
  readonly Name: string;
  readonly State: { readonly Status: string; readonly Running: boolean; readonly Pid: number; readonly StartedAt: string };
  readonly Config: { readonly User: string; readonly Image: string; readonly Labels: Labels; readonly Cmd: readonly string[] };
  readonly HostConfig: Readonly<Record<string, unknown>> & {
    readonly NetworkMode: string;
    readonly PidMode: string;
    readonly CapAdd: readonly string[] | null;
    readonly CapDrop: readonly string[] | null;
    readonly SecurityOpt: readonly string[] | null;
    readonly ReadonlyRootfs: boolean;
    readonly Privileged: boolean;
    readonly Memory: number;
    readonly MemorySwap: number;
    readonly PidsLimit: number | null;
    readonly NanoCpus: number;
    readonly CpuPeriod: number;
    readonly CpuQuota: number;
  };
  readonly Mounts: readonly unknown[];
  readonly NetworkSettings: { readonly Networks: Readonly<Record<string, { readonly IPAddress: string }>> };
}

export interface StdinHold {
  readonly closed: Promise<void>;
  release(): void;
}

export interface ContainerRow {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly labels: Labels;
}

export interface NetworkSpec {
  readonly name: string;
  readonly driver: 'bridge' | 'overlay';
  readonly attachable: boolean;
  readonly labels: Labels;
}

export interface NetworkRow {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly labels: Labels;
  readonly subnets: readonly { readonly subnet: string; readonly gateway?: string }[];
  /** Docker's driver options (`Options`), e.g. com.docker.network.bridge.name; absent when the engine sent none. */
  readonly options?: Labels;
}

export interface Engine {
  /** A cheap liveness check; rejects with EngineUnavailableError when the engine is dead or slow. */
  ping(): Promise<void>;
  version(): Promise<EngineVersion>;
  info(): Promise<EngineInfo>;

  imageExists(ref: string): Promise<boolean>;
  pullImage(ref: string, options: { timeoutMs: number }): Promise<void>;

  createContainer(spec: ContainerSpec, options?: { signal?: AbortSignal }): Promise<{ id: string }>;
  startContainer(id: string, options?: { signal?: AbortSignal }): Promise<void>;
  exec(id: string, cmd: readonly string[], options: ExecOptions): Promise<CommandOutput>;
  /**
   * Hands a fixed script to a waiting container's own shell through its stdin (PID 1 waits for
   * it, see policy.ts) and reads the output until the end marker. Unlike exec this starts no
   * process through the runtime: about 10 ms instead of 100 ms, and less work for the engine.
   * The shell exits after the script, so the container stops by itself.
   */
  feedScript(id: string, script: string, options: FeedOptions): Promise<FeedResult>;
  /**
   * Attaches to a started container's stdin and holds it open, writing nothing: when this
   * process dies, the connection closes, the container's stdin ends and its waiting shell exits
   * (owner.ts uses this as a lease). `closed` resolves when the hold ends for any reason.
   */
  holdStdin(id: string): Promise<StdinHold>;
  /** Idempotent: force-removes and resolves once the container is gone (already gone counts); retries a removal that conflicts with another one or with the container's own exit. */
  removeContainer(id: string): Promise<void>;
  inspectContainer(id: string): Promise<ContainerInspect>;
  listContainers(filter: { labels: Labels }): Promise<ContainerRow[]>;

  createNetwork(spec: NetworkSpec): Promise<{ id: string }>;
  /** Idempotent: a network that is already gone counts as removed. */
  removeNetwork(id: string): Promise<void>;
  inspectNetwork(idOrName: string): Promise<NetworkRow>;
  listNetworks(filter?: { labels: Labels }): Promise<NetworkRow[]>;

  swarmInit(options: { advertiseAddr: string; listenAddr: string }): Promise<void>;
}
