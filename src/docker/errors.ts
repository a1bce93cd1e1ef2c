/**
 * Errors of the engine and the sandbox. They carry what a caller needs (status, retry time,
 * image, deadline) and an English message for logs and the organiser; what a member reads is
 * written above this layer (src/demos/refusals.ts). Docker failures are classified by status
 * code or socket error code, never by message text, and keep the original error in `cause`.
 */
import { NetlabError } from '../errors.ts';

// ── the engine ────────────────────────────────────────────────────────────────────────────

/** The engine answered with an HTTP error status for `operation`. */
export class DockerApiError extends NetlabError {
  readonly status: number;
  readonly operation: string;

  constructor(operation: string, status: number, options?: { cause?: unknown }) {
    super(`Docker ${operation} failed with HTTP ${status}`, options);
    this.status = status;
    this.operation = operation;
  }
}

/** A command inside a container did not finish within its time budget. */
export class ExecTimeoutError extends NetlabError {
  readonly containerId: string;
  readonly timeoutMs: number;

  constructor(containerId: string, timeoutMs: number) {
    super(`command in ${containerId.slice(0, 12)} did not finish within ${timeoutMs} ms`);
    this.containerId = containerId;
    this.timeoutMs = timeoutMs;
  }
}

/** A fixed command inside a demo container exited non-zero (our bug or a broken image). */
export class DemoCommandFailedError extends NetlabError {
  readonly command: string;
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(command: string, exitCode: number | null, stderr: string) {
    super(`Demo command "${command}" exited with ${exitCode ?? 'no exit code'}: ${stderr.slice(0, 200)}`);
    this.command = command;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** A scenario asked for something the one sandbox policy forbids (a bug in our own code). */
export class SandboxPolicyError extends NetlabError {}

// ── refusals: the sandbox cannot run a demo now; members are told why ────────────────────

export type RefusalCode =
  | 'sandbox-busy'
  | 'demo-already-running'
  | 'demo-cooldown'
  | 'sandbox-closed'
  | 'engine-unavailable'
  | 'sandbox-unavailable'
  | 'demo-image-missing'
  | 'demo-timeout'
  | 'demo-quota';

export abstract class SandboxRefusal extends NetlabError {
  abstract readonly code: RefusalCode;
}

export class SandboxBusyError extends SandboxRefusal {
  readonly code = 'sandbox-busy';
  constructor(readonly retryAfterSec: number) {
    super(`the sandbox is full; retry in about ${retryAfterSec} s`);
  }
}

/** The organiser's cap on demos running or waiting in one server or channel is reached. */
export class QuotaError extends SandboxRefusal {
  readonly code = 'demo-quota';
  constructor(
    readonly place: 'server' | 'channel',
    readonly max: number,
    readonly retryAfterSec: number,
  ) {
    super(`this ${place} already has ${max} demos running or waiting`);
  }
}

export class DemoAlreadyRunningError extends SandboxRefusal {
  readonly code = 'demo-already-running';
  constructor() {
    super('this member already has a demo running or waiting');
  }
}

export class CooldownError extends SandboxRefusal {
  readonly code = 'demo-cooldown';
  constructor(readonly retryAfterSec: number) {
    super(`this member ran a demo moments ago; retry in about ${retryAfterSec} s`);
  }
}

export class SandboxClosedError extends SandboxRefusal {
  readonly code = 'sandbox-closed';
  constructor() {
    super('the sandbox is shutting down');
  }
}

/**
 * The engine did not answer: no socket, refused, reset or timed out. The message names the
 * engine and the socket error code, for the organiser.
 */
export class EngineUnavailableError extends SandboxRefusal {
  readonly code = 'engine-unavailable';
  constructor(
    readonly endpoint: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the Docker Engine at ${endpoint} is not answering (${reason})`, options);
  }
}

/**
 * The engine failed several times in a row and is taken out (breaker.ts): refused at once, with
 * the time until the next probe, instead of another wait for the same timeout.
 */
export class SandboxUnavailableError extends SandboxRefusal {
  readonly code = 'sandbox-unavailable';
  constructor(readonly retryAfterSec: number) {
    super(`the sandbox engine is taken out after repeated failures; the next check is in about ${retryAfterSec} s`);
  }
}

export class DemoImageMissingError extends SandboxRefusal {
  readonly code = 'demo-image-missing';
  constructor(
    readonly image: string,
    options?: { cause?: unknown },
  ) {
    super(`the demo image ${image} is not on the sandbox engine; build it with \`npm run demo-image\``, options);
  }
}

export class DemoTimeoutError extends SandboxRefusal {
  readonly code = 'demo-timeout';
  constructor(
    readonly deadlineMs: number,
    options?: { cause?: unknown },
  ) {
    super(`the demo did not finish within ${deadlineMs} ms`, options);
  }
}

// ── type guards ───────────────────────────────────────────────────────────────────────────

export function isDockerApiError(error: unknown, status?: number): error is DockerApiError {
  return error instanceof DockerApiError && (status === undefined || error.status === status);
}

export function isEngineUnavailable(error: unknown): error is EngineUnavailableError {
  return error instanceof EngineUnavailableError;
}

export function isSandboxRefusal(error: unknown): error is SandboxRefusal {
  return error instanceof SandboxRefusal;
}
