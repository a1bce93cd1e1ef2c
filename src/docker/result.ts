/**
 * The plain result of a demo run: real outputs, checks and timings. The demos layer explains
 * it and turns it into an Answer. Names are the friendly ones (demo-none), never random ids.
 */

/** A check's value: booleans pass when true; numbers and strings are measured facts. */
export type CheckValue = boolean | number | string;
export type Checks = Readonly<Record<string, CheckValue>>;

export interface DemoContainerResult {
  readonly name: string;
  readonly role: string;
  readonly networkMode: string;
  /** Keyed by the command as a member would type it ("ip addr"), in the order run. */
  readonly outputs: Readonly<Record<string, string>>;
}

/**
 * Where the member's wait went. Cleanup is not in it: a demo answers before its containers are
 * removed (the runner logs the cleanup time instead).
 */
export interface DemoTimings {
  readonly queue: number;
  readonly create: number;
  readonly run: number;
  /** From the request to the result. */
  readonly total: number;
}

/** What the engine said about a network a run used (read-only inspect data; the topology picture reads it). */
export interface DemoNetworkFacts {
  /** The name members see: "bridge", "demo-net". */
  readonly shownAs: string;
  readonly driver: string;
  readonly subnets: readonly { readonly subnet: string; readonly gateway?: string }[];
  /** Docker's driver options, e.g. the overlay's VXLAN id (com.docker.network.driver.overlay.vxlanid_list). */
  readonly options: Readonly<Record<string, string>>;
  /** The bridge driver's interface on the host: docker0, docker_gwbridge, br-<network id>. */
  readonly bridge?: string;
}

export interface DemoResult {
  readonly scenario: string;
  readonly runId: string;
  readonly containers: readonly DemoContainerResult[];
  /** Scenario-level output that belongs to no container, e.g. "docker network ls". */
  readonly outputs?: Readonly<Record<string, string>>;
  /** Networks the run looked up on the engine, in order. */
  readonly networks?: readonly DemoNetworkFacts[];
  /**
   * The host's side of the run's cables, keyed like container outputs: what a container in the
   * host's network namespace printed, redacted like host mode. Absent when the organiser turned
   * host-namespace containers off.
   */
  readonly hostSide?: Readonly<Record<string, string>>;
  readonly checks: Checks;
  readonly timingsMs: DemoTimings;
  /** True when some command's output hit the byte cap and was cut at the source. */
  readonly truncated: boolean;
  /** Containers the warm pool had started before the demo (0: everything was created cold). */
  readonly warmContainers: number;
  /**
   * How many other members got this very run (a shared live run, coalesce.ts); absent when the
   * member had it alone. `timingsMs.total` is then this member's own wait.
   */
  readonly sharedWith?: number;
  /** The engine that ran it (its name, e.g. `sandbox:2376`), set by the sandbox facade. */
  readonly engine?: string;
}
