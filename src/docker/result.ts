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

export interface DemoResult {
  readonly scenario: string;
  readonly runId: string;
  readonly containers: readonly DemoContainerResult[];
  /** Scenario-level output that belongs to no container, e.g. "docker network ls". */
  readonly outputs?: Readonly<Record<string, string>>;
  readonly checks: Checks;
  readonly timingsMs: DemoTimings;
  /** True when some command's output hit the byte cap and was cut at the source. */
  readonly truncated: boolean;
}
