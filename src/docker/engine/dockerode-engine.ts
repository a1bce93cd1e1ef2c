/**
 * The Engine against a real Docker Engine, and the only module that imports dockerode.
 * Every call has a short timeout so a dead or hung engine answers fast; failures are mapped by
 * HTTP status (never message text) to DockerApiError, and anything below HTTP (no socket,
 * refused, reset, timed out) to EngineUnavailableError. The original error stays in `cause`.
 */
import Dockerode from 'dockerode';
import type { Duplex, Readable } from 'node:stream';
import { DockerApiError, EngineUnavailableError, ExecTimeoutError, isDockerApiError } from '../errors.ts';
import { abortable, delay, withTimeout } from './abortable.ts';
import { readCappedStream } from './capped-demux.ts';
import { toContainerRow, toEngineInfo, toEngineVersion, toNetworkRow } from './dockerode-mapping.ts';
import type { CommandOutput, ContainerInspect, ContainerSpec, Engine, ExecOptions, FeedOptions, FeedResult, Labels, NetworkSpec, StdinHold } from './engine.ts';
import type { TlsFiles } from './endpoints.ts';

export interface DockerodeEngineOptions {
  /** `unix:///path/docker.sock` or `tcp://host:port`; the local socket when absent. */
  readonly host?: string | undefined;
  /** For tcp://: HTTPS with this CA (verifying the engine's certificate and name) and client pair. */
  readonly tls?: TlsFiles | undefined;
  readonly callTimeoutMs?: number;
  readonly pingTimeoutMs?: number;
}

/**
 * Modem options with every field docker-modem would otherwise take from DOCKER_* variables.
 * No modem-level timeouts: its "connection" timeout really waits for response headers (an
 * overlay container's start takes seconds), so each call gets its own timeout instead.
 * With `tls`, the connection is HTTPS as the Docker CLI makes it with DOCKER_TLS_VERIFY: the
 * engine's certificate must chain to ca.pem and name the host, and netlab presents cert.pem.
 */
export function modemOptions(host: string | undefined, tls?: TlsFiles): Dockerode.DockerOptions {
  const explicit = { ca: undefined, cert: undefined, key: undefined, timeout: undefined, connectionTimeout: undefined };
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    if (tls) return { ...explicit, host: url.hostname, port: Number(url.port || 2376), protocol: 'https', ca: tls.ca, cert: tls.cert, key: tls.key };
    return { ...explicit, host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
  }
  const socketPath = host?.replace(/^(unix|npipe):\/\//, '') || '/var/run/docker.sock';
  return { ...explicit, host: undefined, port: undefined, socketPath };
}

/** dockerode 5 takes an options object (with abortSignal) on these; @types/dockerode 4 lags behind. */
interface SignalOption {
  readonly abortSignal: AbortSignal;
}
interface DockerWithSignals {
  ping(opts: SignalOption): Promise<unknown>;
  version(opts: SignalOption): Promise<Parameters<typeof toEngineVersion>[0]>;
  info(opts: SignalOption): Promise<Parameters<typeof toEngineInfo>[0]>;
}
interface InspectWithSignal<T> {
  inspect(opts: SignalOption): Promise<T>;
}

const labelFilter = (labels: Labels) => ({ label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) });

/**
 * The signal a command in a container runs under (the caller's, plus its time budget) and the
 * error to report when it fires: the caller's reason, or ExecTimeoutError.
 */
function commandDeadline(id: string, options: ExecOptions): { signal: AbortSignal; failure: () => Error } {
  const signal = withTimeout(options.signal, options.timeoutMs);
  return { signal, failure: () => (options.signal?.aborted ? (options.signal.reason as Error) : new ExecTimeoutError(id, options.timeoutMs)) };
}

/**
 * What a TLS failure means for the organiser. Node reports them as socket errors; without a hint
 * they would read like a dead engine.
 */
function tlsHint(code: string, host: string, tls: TlsFiles | undefined): string | undefined {
  if (!tls) return undefined;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `TLS: the engine's certificate does not name ${host}`;
  if (/SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/.test(code)) return `TLS: the engine's certificate is not signed by the ca.pem in ${tls.certPath}`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return "TLS: the engine's certificate is outside its validity period";
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return `TLS: the handshake failed; the engine may not speak TLS on this port, or refused the cert.pem in ${tls.certPath}`;
  if (code === 'ECONNRESET') return `with TLS, a reset usually means the engine refused the cert.pem in ${tls.certPath} (not signed by its CA)`;
  return undefined;
}

/** A conflicting removal is retried this often (50 ms, 100 ms, … apart: about 2 s in all). */
const REMOVE_ATTEMPTS = 9;

export class DockerodeEngine implements Engine {
  private readonly docker: Dockerode;
  private readonly api: DockerWithSignals;
  private readonly callTimeoutMs: number;
  private readonly pingTimeoutMs: number;
  private readonly tls: TlsFiles | undefined;
  /** Where the engine is, as DOCKER_HOST spells it: named in errors for the organiser. */
  readonly endpoint: string;

  constructor(options: DockerodeEngineOptions = {}) {
    this.endpoint = options.host ?? 'unix:///var/run/docker.sock';
    this.tls = options.tls;
    this.docker = new Dockerode(modemOptions(options.host, options.tls));
    this.api = this.docker as unknown as DockerWithSignals;
    this.callTimeoutMs = options.callTimeoutMs ?? 10_000;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  }

  /** Runs one API call with a timeout and the caller's signal; maps its failure. */
  private async call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, opts: { signal?: AbortSignal | undefined; timeoutMs?: number } = {}): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? this.callTimeoutMs;
    const signal = withTimeout(opts.signal, timeoutMs);
    try {
      return await abortable(fn(signal), signal);
    } catch (error) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      if (typeof status === 'number') throw new DockerApiError(operation, status, { cause: error });
      const code = (error as { code?: unknown } | null)?.code;
      const hint = typeof code === 'string' ? tlsHint(code, this.endpoint.replace(/^tcp:\/\/|:\d+\/?$/g, ''), this.tls) : undefined;
      const reason = signal.aborted
        ? `${operation}: no answer within ${timeoutMs} ms`
        : typeof code === 'string'
          ? `${operation}: ${code}${hint ? ` — ${hint}` : ''}`
          : `${operation}: ${String((error as Error | null)?.message ?? error)}`;
      throw new EngineUnavailableError(this.endpoint, reason, { cause: error });
    }
  }

  /** Like call(), but the listed statuses mean "already done" (idempotent operations). */
  private async idempotent(operation: string, okStatuses: readonly number[], fn: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    try {
      await this.call(operation, fn);
    } catch (error) {
      if (isDockerApiError(error) && okStatuses.includes(error.status)) return;
      throw error;
    }
  }

  async ping(): Promise<void> {
    try {
      await this.call('ping', (abortSignal) => this.api.ping({ abortSignal }), { timeoutMs: this.pingTimeoutMs });
    } catch (error) {
      // dockerd answers plain HTTP on its TLS port with 400 "Client sent an HTTP request to an HTTPS server."
      if (isDockerApiError(error, 400) && !this.tls && this.endpoint.startsWith('tcp://')) {
        throw new EngineUnavailableError(this.endpoint, 'ping: HTTP 400 — this port expects TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH', { cause: error });
      }
      throw error;
    }
  }

  async version() {
    return toEngineVersion(await this.call('version', (abortSignal) => this.api.version({ abortSignal })));
  }

  async info() {
    return toEngineInfo(await this.call('info', (abortSignal) => this.api.info({ abortSignal })));
  }

  async imageExists(ref: string): Promise<boolean> {
    try {
      await this.call('image inspect', (abortSignal) => (this.docker.getImage(ref) as unknown as InspectWithSignal<unknown>).inspect({ abortSignal }));
      return true;
    } catch (error) {
      if (isDockerApiError(error, 404)) return false;
      throw error;
    }
  }

  async pullImage(ref: string, options: { timeoutMs: number }): Promise<void> {
    await this.call(
      'image pull',
      async (abortSignal) => {
        const stream = (await this.docker.pull(ref, { abortSignal })) as Readable;
        await new Promise<void>((resolve, reject) => {
          this.docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()));
        });
      },
      { timeoutMs: options.timeoutMs },
    );
  }

  async createContainer(spec: ContainerSpec, options: { signal?: AbortSignal } = {}): Promise<{ id: string }> {
    const body = structuredClone(spec) as unknown as Dockerode.ContainerCreateOptions;
    const container = await this.call('container create', (abortSignal) => this.docker.createContainer({ ...body, abortSignal }), options);
    return { id: container.id };
  }

  async startContainer(id: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    try {
      await this.call('container start', (abortSignal) => this.docker.getContainer(id).start({ abortSignal }), options);
    } catch (error) {
      if (!isDockerApiError(error, 304)) throw error; // 304: already started
    }
  }

  async exec(id: string, cmd: readonly string[], options: ExecOptions): Promise<CommandOutput> {
    const { signal, failure } = commandDeadline(id, options);
    try {
      const container = this.docker.getContainer(id);
      const execution = await this.call(
        'exec create',
        (abortSignal) => container.exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true, AttachStdin: false, Tty: false, Privileged: false, abortSignal }),
        { signal },
      );
      const stream = (await this.call('exec start', (abortSignal) => execution.start({ Detach: false, Tty: false, abortSignal }), { signal })) as Readable;
      const output = await readCappedStream(stream, options.maxBytes, signal, failure);
      const exitCode = output.truncated ? null : await this.execExitCode(execution);
      return { stdout: output.stdout.toString('utf8'), stderr: output.stderr.toString('utf8'), exitCode, truncated: output.truncated };
    } catch (error) {
      throw signal.aborted ? failure() : error;
    }
  }

  async feedScript(id: string, script: string, options: FeedOptions): Promise<FeedResult> {
    const { signal, failure } = commandDeadline(id, options);
    let stream: Duplex | undefined;
    try {
      const container = this.docker.getContainer(id);
      stream = (await this.call('container attach', (abortSignal) => container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true, abortSignal }), {
        signal,
      })) as Duplex;
      const reading = readCappedStream(stream, options.maxBytes, signal, failure, options.endMarker);
      stream.write(script);
      const output = await reading;
      return { stdout: output.stdout.toString('utf8'), stderr: output.stderr.toString('utf8'), truncated: output.truncated, completed: output.marked };
    } catch (error) {
      throw signal.aborted ? failure() : error;
    } finally {
      stream?.destroy(); // our end of stdin closes; the shell has exited or is about to
    }
  }

  async holdStdin(id: string): Promise<StdinHold> {
    // No abort signal on the request itself: it would cut the hijacked connection when it fires.
    // The timeout covers only getting the connection.
    const attaching = this.docker.getContainer(id).attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }) as Promise<Duplex>;
    const signal = AbortSignal.timeout(this.callTimeoutMs);
    let stream: Duplex;
    try {
      stream = await abortable(attaching, signal);
    } catch (error) {
      void attaching.then((late) => late.destroy(), () => undefined);
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      if (typeof status === 'number') throw new DockerApiError('container attach', status, { cause: error });
      throw new EngineUnavailableError(this.endpoint, signal.aborted ? `container attach: no answer within ${this.callTimeoutMs} ms` : 'container attach', { cause: error });
    }
    const closed = new Promise<void>((resolve) => {
      stream.once('close', resolve);
      stream.once('end', resolve);
      stream.once('error', () => resolve());
    });
    stream.resume(); // whatever the container prints is not ours to keep
    return { closed, release: () => stream.destroy() };
  }

  /** The stream can end a moment before the engine records the exit code; poll briefly. */
  private async execExitCode(execution: Dockerode.Exec): Promise<number | null> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const state = await this.call('exec inspect', (abortSignal) => execution.inspect({ abortSignal }));
      if (!state.Running) return state.ExitCode;
      await delay(10);
    }
    return null;
  }


  /**
   * 404 means gone. 409 is a conflict that passes: a removal already in progress, or a container
   * whose own process is exiting right now ("Could not kill running container …, cannot remove -
   * … is not running", which a demo's shell ending its script can race into). Retried until the
   * engine answers 404 or removes it, so a resolved removal means the container is gone.
   */
  async removeContainer(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.call('container remove', (abortSignal) => this.docker.getContainer(id).remove({ force: true, v: true, abortSignal }));
        return;
      } catch (error) {
        if (isDockerApiError(error, 404)) return;
        if (!isDockerApiError(error, 409) || attempt >= REMOVE_ATTEMPTS) throw error;
        await delay(50 * attempt);
      }
    }
  }

  async inspectContainer(id: string): Promise<ContainerInspect> {
    return (await this.call('container inspect', (abortSignal) => this.docker.getContainer(id).inspect({ abortSignal }))) as unknown as ContainerInspect;
  }

  async listContainers(filter: { labels: Labels }) {
    const rows = await this.call('container list', (abortSignal) => this.docker.listContainers({ all: true, filters: labelFilter(filter.labels), abortSignal }));
    return rows.map(toContainerRow);
  }

  async createNetwork(spec: NetworkSpec): Promise<{ id: string }> {
    const network = await this.call('network create', (abortSignal) =>
      this.docker.createNetwork({ Name: spec.name, Driver: spec.driver, Attachable: spec.attachable, CheckDuplicate: true, Labels: { ...spec.labels }, abortSignal }),
    );
    return { id: network.id };
  }

  removeNetwork(id: string): Promise<void> {
    return this.idempotent('network remove', [404], (abortSignal) => this.docker.getNetwork(id).remove({ abortSignal }));
  }

  async inspectNetwork(idOrName: string) {
    return toNetworkRow(await this.call('network inspect', (abortSignal) => (this.docker.getNetwork(idOrName) as unknown as InspectWithSignal<Parameters<typeof toNetworkRow>[0]>).inspect({ abortSignal })));
  }

  async listNetworks(filter?: { labels: Labels }) {
    const filters = filter ? labelFilter(filter.labels) : {};
    const rows = await this.call('network list', (abortSignal) => this.docker.listNetworks({ filters, abortSignal }));
    return rows.map(toNetworkRow).sort((a, b) => a.name.localeCompare(b.name));
  }

  async swarmInit(options: { advertiseAddr: string; listenAddr: string }): Promise<void> {
    await this.call('swarm init', (abortSignal) => this.docker.swarmInit({ AdvertiseAddr: options.advertiseAddr, ListenAddr: options.listenAddr, abortSignal }), {
      timeoutMs: 30_000,
    });
  }
}
