/**
 * Errors of the sandbox layer. Internal ones (a Docker API failure, a broken fixed command)
 * extend NetlabError: they are logged and the member sees one calm generic line. User-facing
 * ones extend UserError: they say, in both languages, what happened and what to do.
 * Docker failures are classified by status code, never by message text, and keep the
 * original error in `cause`.
 */
import { NetlabError, UserError } from '../errors.ts';

// ── internal ──────────────────────────────────────────────────────────────────────────────

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

/** An exec did not finish within its time budget. The runner turns this into DemoTimeoutError. */
export class ExecTimeoutError extends NetlabError {
  readonly containerId: string;
  readonly timeoutMs: number;

  constructor(containerId: string, timeoutMs: number) {
    super(`exec in ${containerId.slice(0, 12)} did not finish within ${timeoutMs} ms`);
    this.containerId = containerId;
    this.timeoutMs = timeoutMs;
  }
}

/** A scenario asked for something the one sandbox policy forbids (a bug in our own code). */
export class SandboxPolicyError extends NetlabError {}

// ── user-facing ───────────────────────────────────────────────────────────────────────────

export class SandboxBusyError extends UserError {
  readonly retryAfterSec: number;

  constructor(retryAfterSec: number) {
    super('sandbox-busy', {
      en: `The demo sandbox is busy right now. Please try again in about ${retryAfterSec} s.`,
      zh: `演示沙箱现在很忙，请大约 ${retryAfterSec} 秒后再试。`,
    });
    this.retryAfterSec = retryAfterSec;
  }
}

export class DemoAlreadyRunningError extends UserError {
  constructor() {
    super('demo-already-running', {
      en: 'You already have a demo running or waiting. Please wait for it to finish first.',
      zh: '你已经有一个演示正在运行或排队，请等它结束后再开始新的。',
    });
  }
}

export class CooldownError extends UserError {
  readonly retryAfterSec: number;

  constructor(retryAfterSec: number) {
    super('demo-cooldown', {
      en: `You just ran a demo. Please wait about ${retryAfterSec} s before the next one.`,
      zh: `你刚运行过一个演示，请大约 ${retryAfterSec} 秒后再运行下一个。`,
    });
    this.retryAfterSec = retryAfterSec;
  }
}

export class ScenarioDisabledError extends UserError {
  readonly scenario: string;

  constructor(scenario: string) {
    super('scenario-disabled', {
      en: `The "${scenario}" demo is switched off on this server by the organiser (for host mode: SANDBOX_HOST_SCENARIO=false).`,
      zh: `本服务器的组织者关闭了“${scenario}”演示（host 模式由 SANDBOX_HOST_SCENARIO=false 关闭）。`,
    });
    this.scenario = scenario;
  }
}

export class SwarmNotEnabledError extends UserError {
  constructor(options?: { cause?: unknown }) {
    super(
      'swarm-not-enabled',
      {
        en: 'The overlay demo needs a single-node swarm, and this sandbox engine is not a swarm manager. The organiser can allow netlab to create one by setting SANDBOX_INIT_SWARM=true (netlab then runs the equivalent of `docker swarm init --advertise-addr 127.0.0.1`).',
        zh: 'overlay 演示需要单节点 swarm，而这个沙箱引擎还不是 swarm 管理节点。组织者可以设置 SANDBOX_INIT_SWARM=true 允许 netlab 自动创建（相当于执行 `docker swarm init --advertise-addr 127.0.0.1`）。',
      },
      options,
    );
  }
}

export class EngineUnavailableError extends UserError {
  constructor(options?: { cause?: unknown }) {
    super(
      'engine-unavailable',
      {
        en: 'The demo sandbox (Docker Engine) is not answering right now, so live demos are unavailable. Everything else in netlab still works; please try a demo again later.',
        zh: '演示沙箱（Docker 引擎）暂时没有响应，现场演示暂不可用。netlab 的其他功能照常可用，请稍后再试演示。',
      },
      options,
    );
  }
}

export class DemoImageMissingError extends UserError {
  readonly image: string;

  constructor(image: string, options?: { cause?: unknown }) {
    super(
      'demo-image-missing',
      {
        en: `The demo image ${image} is not on the sandbox engine and could not be pulled. The organiser can build it with \`npm run demo-image\`.`,
        zh: `沙箱引擎上没有演示镜像 ${image}，也无法拉取。组织者可以运行 \`npm run demo-image\` 在本地构建。`,
      },
      options,
    );
    this.image = image;
  }
}

export class DemoTimeoutError extends UserError {
  readonly deadlineMs: number;

  constructor(deadlineMs: number, options?: { cause?: unknown }) {
    const sec = Math.round(deadlineMs / 1000);
    super(
      'demo-timeout',
      {
        en: `The demo took longer than ${sec} s, so it was stopped and its containers were removed. Please try again.`,
        zh: `演示超过了 ${sec} 秒，已被停止，容器也已删除。请再试一次。`,
      },
      options,
    );
    this.deadlineMs = deadlineMs;
  }
}

export class UnknownScenarioError extends UserError {
  readonly validNames: readonly string[];

  constructor(validNames: readonly string[]) {
    const list = validNames.join(', ');
    super('unknown-scenario', {
      en: `There is no such demo. Choose one of: ${list}.`,
      zh: `没有这个演示。可选的有：${list}。`,
    });
    this.validNames = validNames;
  }
}

export class SandboxClosedError extends UserError {
  constructor() {
    super('sandbox-closed', {
      en: 'The demo sandbox is shutting down. Please try again in a moment.',
      zh: '演示沙箱正在关闭，请稍后再试。',
    });
  }
}

// ── type guards ───────────────────────────────────────────────────────────────────────────

export function isDockerApiError(error: unknown, status?: number): error is DockerApiError {
  return error instanceof DockerApiError && (status === undefined || error.status === status);
}

export function isEngineUnavailable(error: unknown): error is EngineUnavailableError {
  return error instanceof EngineUnavailableError;
}
