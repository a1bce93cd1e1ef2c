/**
 * Which engines run demos and how to reach them, decided once at start-up. One engine comes from
 * DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, read as the Docker CLI reads them; several
 * come from SANDBOX_ENGINES, each with its own TLS directory. A tcp:// engine without TLS is
 * refused unless the organiser says, with SANDBOX_ALLOW_INSECURE_TCP=true, that nothing else can
 * reach its port: on a plain-TCP engine, whoever reaches the port owns the engine and the host.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerConfig } from '../../config.ts';
import { ConfigError } from '../../errors.ts';

/** The client's TLS material: the CA that signed the engine's certificate, and the client's own pair. */
export interface TlsFiles {
  readonly certPath: string;
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

export interface EngineEndpoint {
  /** What members and logs call it: `sandbox:2376`, or `local` for the default socket. */
  readonly name: string;
  /** DOCKER_HOST-style: unix:///path or tcp://host:port. */
  readonly host: string;
  readonly tls?: TlsFiles;
}

export const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

/** The file names the Docker CLI looks for in DOCKER_CERT_PATH. */
export const TLS_FILE_NAMES = ['ca.pem', 'cert.pem', 'key.pem'] as const;

export function engineName(host: string): string {
  if (host === DEFAULT_SOCKET) return 'local';
  if (host.startsWith('tcp://')) return host.slice('tcp://'.length).replace(/\/$/, '');
  return host;
}

export function insecureTcpProblem(variable: string, host: string): string {
  return (
    `${variable}: ${host} is plain TCP, without TLS. Whoever can open a connection to that port controls the engine, ` +
    'and through a privileged container the machine it runs on; on a Docker-in-Docker sandbox that includes every bridge, ' +
    'user-defined bridge and overlay demo container (the API is at their gateway) and every host-mode one (at 127.0.0.1). ' +
    'Connect with TLS as the Docker CLI does — DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH=<directory with ca.pem, cert.pem and key.pem>, ' +
    'or "<endpoint> <TLS directory>" in SANDBOX_ENGINES (the Compose stack sets this up) — or, only if nothing else can reach that port, ' +
    'set SANDBOX_ALLOW_INSECURE_TCP=true.'
  );
}

/** Reads ca.pem, cert.pem and key.pem; all three, since the engine must require a client certificate. */
function readTlsFiles(variable: string, certPath: string): TlsFiles | string {
  const files: Partial<Record<(typeof TLS_FILE_NAMES)[number], Buffer>> = {};
  for (const name of TLS_FILE_NAMES) {
    try {
      files[name] = readFileSync(join(certPath, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      return `${variable}: cannot read ${join(certPath, name)} (${code}); netlab, like the Docker CLI, needs ca.pem, cert.pem and key.pem there`;
    }
  }
  return { certPath, ca: files['ca.pem']!, cert: files['cert.pem']!, key: files['key.pem']! };
}

/**
 * The engines to use, with their TLS files read. Throws a ConfigError naming every problem: a
 * plain-TCP engine that is not explicitly allowed, or TLS files that cannot be read.
 */
export function engineEndpoints(docker: DockerConfig, home: string = homedir()): EngineEndpoint[] {
  const variable = docker.engines ? 'SANDBOX_ENGINES' : 'DOCKER_HOST';
  const entries = docker.engines ?? [
    {
      host: docker.host ?? DEFAULT_SOCKET,
      // As the CLI: DOCKER_TLS_VERIFY turns TLS on, with the files in DOCKER_CERT_PATH (default ~/.docker).
      ...(docker.tlsVerify ? { certPath: docker.certPath ?? join(home, '.docker') } : {}),
    },
  ];
  const problems: string[] = [];
  const endpoints: EngineEndpoint[] = [];
  for (const entry of entries) {
    const tcp = entry.host.startsWith('tcp://');
    if (tcp && entry.certPath === undefined && !docker.allowInsecureTcp) problems.push(insecureTcpProblem(variable, entry.host));
    const tls = tcp && entry.certPath !== undefined ? readTlsFiles(docker.engines ? variable : 'DOCKER_CERT_PATH', entry.certPath) : undefined;
    if (typeof tls === 'string') problems.push(tls);
    endpoints.push({ name: engineName(entry.host), host: entry.host, ...(tls && typeof tls !== 'string' ? { tls } : {}) });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return endpoints;
}
