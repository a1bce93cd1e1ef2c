/**
 * What members read when a demo cannot run: the sandbox's refusals (busy, cooldown, engine down,
 * …) turned into bilingual UserErrors, plus the refusals that belong to the demos themselves
 * (an unknown or switched-off scenario, overlay without a swarm). The sandbox's own messages are
 * for logs and the organiser; these are for the chat.
 */
import { isDockerApiError, isSandboxRefusal, type SandboxRefusal } from '../docker/errors.ts';
import { UserError, type Bilingual } from '../errors.ts';

function refusalText(error: SandboxRefusal): Bilingual {
  switch (error.code) {
    case 'sandbox-busy': {
      const s = (error as SandboxRefusal & { retryAfterSec: number }).retryAfterSec;
      return { en: `The demo sandbox is busy right now. Please try again in about ${s} s.`, zh: `演示沙箱现在很忙，请大约 ${s} 秒后再试。` };
    }
    case 'demo-already-running':
      return { en: 'You already have a demo running or waiting. Please wait for it to finish first.', zh: '你已经有一个演示正在运行或排队，请等它结束后再开始新的。' };
    case 'demo-cooldown': {
      const s = (error as SandboxRefusal & { retryAfterSec: number }).retryAfterSec;
      return { en: `You just ran a demo. Please wait about ${s} s before the next one.`, zh: `你刚运行过一个演示，请大约 ${s} 秒后再运行下一个。` };
    }
    case 'sandbox-closed':
      return { en: 'The demo sandbox is shutting down. Please try again in a moment.', zh: '演示沙箱正在关闭，请稍后再试。' };
    case 'engine-unavailable':
      return {
        en: 'The demo sandbox (its Docker Engine) is not answering right now, so live demos are unavailable. Everything else in netlab still works; please try a demo again later.',
        zh: '演示沙箱（Docker 引擎）暂时没有响应，现场演示暂不可用。netlab 的其他功能照常可用，请稍后再试。',
      };
    case 'sandbox-unavailable': {
      const s = (error as SandboxRefusal & { retryAfterSec: number }).retryAfterSec;
      return {
        en: `The demo sandbox is unavailable right now: its Docker Engine is not answering. netlab retries in about ${s} s, and demos come back by themselves once it answers. Everything else in netlab still works.`,
        zh: `演示沙箱暂时不可用：它的 Docker 引擎没有响应。netlab 大约 ${s} 秒后会重试，引擎一恢复，演示就会自动恢复。netlab 的其他功能照常可用。`,
      };
    }
    case 'demo-image-missing': {
      const image = (error as SandboxRefusal & { image: string }).image;
      return {
        en: `The demo image \`${image}\` is missing on the sandbox engine. The organiser can build it with \`npm run demo-image\`.`,
        zh: `沙箱引擎上缺少演示镜像 \`${image}\`。组织者可以运行 \`npm run demo-image\` 构建它。`,
      };
    }
    case 'demo-quota': {
      const { place, max, retryAfterSec: s } = error as SandboxRefusal & { place: 'server' | 'channel'; max: number; retryAfterSec: number };
      return place === 'server'
        ? { en: `This server already has ${max} demos running or waiting, the most its organiser allows. Please try again in about ${s} s.`, zh: `这个服务器已经有 ${max} 个演示在运行或排队，达到了组织者设定的上限。请大约 ${s} 秒后再试。` }
        : { en: `This channel already has ${max} demos running or waiting, the most its organiser allows. Please try again in about ${s} s, or use another channel.`, zh: `这个频道已经有 ${max} 个演示在运行或排队，达到了组织者设定的上限。请大约 ${s} 秒后再试，或换一个频道。` };
    }
    case 'demo-timeout': {
      const sec = Math.round((error as SandboxRefusal & { deadlineMs: number }).deadlineMs / 1000);
      return {
        en: `The demo did not finish within ${sec} s, so it was stopped; its containers are being removed. Please try again.`,
        zh: `演示没有在 ${sec} 秒内完成，已被停止，它的容器正在删除。请再试一次。`,
      };
    }
  }
}

/**
 * A sandbox refusal as the member should read it, and an engine that failed (HTTP 5xx) as a
 * plain "the sandbox had a problem"; any other error is returned unchanged (logged, and the
 * member sees the calm generic line).
 */
export function memberError(error: unknown): unknown {
  if (isDockerApiError(error) && error.status >= 500) {
    return new UserError(
      'engine-error',
      {
        en: 'The demo sandbox’s engine reported an error, so this demo could not run. Please try again in a moment.',
        zh: '演示沙箱的 Docker 引擎报告了一个错误，这次演示没能运行。请稍后再试。',
      },
      { cause: error },
    );
  }
  if (!isSandboxRefusal(error)) return error;
  return new UserError(error.code, refusalText(error), { cause: error });
}

export class ScenarioDisabledError extends UserError {
  constructor(
    readonly scenario: string,
    reason: Bilingual,
  ) {
    super('scenario-disabled', {
      en: `The “${scenario}” demo is switched off here. ${reason.en}`,
      zh: `这里关闭了“${scenario}”演示。${reason.zh}`,
    });
  }
}

export class SwarmNotEnabledError extends UserError {
  constructor(options?: { cause?: unknown }) {
    super(
      'swarm-not-enabled',
      {
        en: 'The overlay demo needs a single-node swarm, and this sandbox engine is not a swarm manager. The organiser can let netlab create one by setting SANDBOX_INIT_SWARM=true (netlab then runs the equivalent of `docker swarm init --advertise-addr 127.0.0.1`).',
        zh: 'overlay 演示需要一个单节点 Swarm，而这个沙箱引擎还不是 Swarm 管理节点。组织者可以设置 `SANDBOX_INIT_SWARM=true`，让 netlab 自动创建（相当于执行 `docker swarm init --advertise-addr 127.0.0.1`）。',
      },
      options,
    );
  }
}

export class UnknownScenarioError extends UserError {
  constructor(
    readonly validNames: readonly string[],
    suggestion?: string,
  ) {
    const list = validNames.join(', ');
    super('unknown-scenario', {
      en: `There is no such demo.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Choose one of: ${list}.`,
      zh: `没有这个演示。${suggestion ? `你是不是想找 \`${suggestion}\`？` : ''}可选的有：${validNames.join('、')}。`,
    });
  }
}

/** /demo used in a channel this server's organisers did not list (/settings). */
export class DemoChannelError extends UserError {
  constructor(readonly allowed: readonly string[]) {
    const channels = allowed.map((id) => `<#${id}>`);
    super('demo-channel', {
      en: `In this server, live demos run only in ${channels.join(', ')}. Please use /demo there; /ask, /learn and /quiz work everywhere.`,
      zh: `本服务器只允许在 ${channels.join('、')} 运行现场演示，请到那里使用 /demo；/ask、/learn 和 /quiz 在任何频道都能用。`,
    });
  }
}
