// TLS to a tcp:// engine, as the Docker CLI does it with DOCKER_TLS_VERIFY: against a loopback
// HTTPS server that, like dockerd --tlsverify, requires a client certificate signed by its CA.
// The certificates are made here with openssl: a CA, the engine's pair (for "localhost"), netlab's
// client pair, and a second CA that signed nothing the server trusts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerodeEngine } from '../../src/docker/engine/dockerode-engine.ts';
import type { TlsFiles } from '../../src/docker/engine/endpoints.ts';
import { EngineUnavailableError } from '../../src/docker/errors.ts';

let dir: string;
let server: Server;
let port: number;
const pings: string[] = [];

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** An EC key and a certificate for `cn`, signed by `ca` (self-signed when ca is undefined). */
function issue(name: string, cn: string, ca?: string, extensions?: string): void {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}-key.pem`);
  if (!ca) {
    openssl('req', '-x509', '-new', '-key', `${name}-key.pem`, '-subj', `/CN=${cn}`, '-days', '2', '-out', `${name}-cert.pem`);
    return;
  }
  openssl('req', '-new', '-key', `${name}-key.pem`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
  writeFileSync(join(dir, `${name}.ext`), extensions ?? '');
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}-cert.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}-cert.pem`);
}

const read = (file: string) => readFileSync(join(dir, file));
const tls = (ca: string, client: string): TlsFiles => ({ certPath: dir, ca: read(`${ca}-cert.pem`), cert: read(`${client}-cert.pem`), key: read(`${client}-key.pem`) });
const engineAt = (host: string, files: TlsFiles | undefined) => new DockerodeEngine({ host: `tcp://${host}:${port}`, tls: files, pingTimeoutMs: 3_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-tls-'));
  issue('ca', 'netlab test CA');
  issue('other-ca', 'some other CA');
  issue('server', 'engine', 'ca', 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue('client', 'netlab', 'ca', 'extendedKeyUsage=clientAuth\n');
  issue('stranger', 'stranger', 'other-ca', 'extendedKeyUsage=clientAuth\n');
  server = createServer({ key: read('server-key.pem'), cert: read('server-cert.pem'), ca: read('ca-cert.pem'), requestCert: true, rejectUnauthorized: true }, (req, res) => {
    pings.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain', 'api-version': '1.41' }).end('OK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function pingFailure(engine: DockerodeEngine): Promise<EngineUnavailableError> {
  const error = await engine.ping().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineUnavailableError);
  return error as EngineUnavailableError;
}

describe('TLS to the engine', () => {
  it('connects with the CA and the client pair, verifying the engine’s name', async () => {
    await engineAt('localhost', tls('ca', 'client')).ping();
    expect(pings.at(-1)).toMatch(/_ping$/);
  });

  it('refuses an engine whose certificate is not signed by ca.pem', async () => {
    const error = await pingFailure(engineAt('localhost', tls('other-ca', 'client')));
    expect(error.message).toMatch(/not signed by the ca\.pem in /);
  });

  it('refuses an engine whose certificate does not name the host it was reached at', async () => {
    const error = await pingFailure(engineAt('127.0.0.1', tls('ca', 'client')));
    expect(error.message).toMatch(/does not name 127\.0\.0\.1/);
  });

  it('is refused by the engine with a client certificate its CA did not sign, and without TLS at all', async () => {
    const before = pings.length;
    const stranger = await pingFailure(engineAt('localhost', tls('ca', 'stranger')));
    expect(stranger.message).toMatch(/TLS/);
    await pingFailure(engineAt('localhost', undefined));
    expect(pings.length).toBe(before); // neither request reached the engine's API
  });
});
