// Which engines run demos: DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the Docker
// CLI reads them, or SANDBOX_ENGINES; plain TCP refused unless SANDBOX_ALLOW_INSECURE_TCP=true.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { modemOptions } from '../../src/docker/engine/dockerode-engine.ts';
import { engineEndpoints } from '../../src/docker/engine/endpoints.ts';
import { ConfigError } from '../../src/errors.ts';

let certs: string;
let home: string;

beforeAll(() => {
  certs = mkdtempSync(join(tmpdir(), 'netlab-certs-'));
  for (const name of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, name), `${name} bytes`);
  home = mkdtempSync(join(tmpdir(), 'netlab-home-'));
});

afterAll(() => {
  rmSync(certs, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

const endpointsFor = (env: Record<string, string>) => engineEndpoints(loadConfig(env).docker, home);

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('sandbox engine endpoints', () => {
  it('uses the local socket by default, named "local", without TLS', () => {
    expect(endpointsFor({})).toEqual([{ name: 'local', host: 'unix:///var/run/docker.sock' }]);
  });

  it('refuses a plain-TCP engine, explaining who could take it over and how to fix it', () => {
    const problems = problemsOf(() => endpointsFor({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }));
    expect(problems).toMatch(/^DOCKER_HOST: tcp:\/\/127\.0\.0\.1:2375 is plain TCP, without TLS/);
    expect(problems).toContain('demo container');
    expect(problems).toContain('DOCKER_TLS_VERIFY=1');
    expect(problems).toContain('SANDBOX_ALLOW_INSECURE_TCP=true');
  });

  it('accepts plain TCP only when the organiser says nothing else can reach the port', () => {
    expect(endpointsFor({ DOCKER_HOST: 'tcp://127.0.0.1:2375', SANDBOX_ALLOW_INSECURE_TCP: 'true' })).toEqual([{ name: '127.0.0.1:2375', host: 'tcp://127.0.0.1:2375' }]);
  });

  it('reads ca.pem, cert.pem and key.pem from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set, and speaks HTTPS with them', () => {
    const [endpoint] = endpointsFor({ DOCKER_HOST: 'tcp://sandbox:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    expect(endpoint).toMatchObject({ name: 'sandbox:2376', host: 'tcp://sandbox:2376', tls: { certPath: certs } });
    expect(String(endpoint!.tls!.key)).toBe('key.pem bytes');
    expect(modemOptions(endpoint!.host, endpoint!.tls)).toMatchObject({ protocol: 'https', host: 'sandbox', port: 2376, ca: endpoint!.tls!.ca, cert: endpoint!.tls!.cert, key: endpoint!.tls!.key });
  });

  it('looks in ~/.docker without DOCKER_CERT_PATH, as the CLI does, and names the missing file', () => {
    const problems = problemsOf(() => endpointsFor({ DOCKER_HOST: 'tcp://sandbox:2376', DOCKER_TLS_VERIFY: '1' }));
    expect(problems).toBe(`DOCKER_CERT_PATH: cannot read ${join(home, '.docker', 'ca.pem')} (ENOENT); netlab, like the Docker CLI, needs ca.pem, cert.pem and key.pem there`);
  });

  it('refuses DOCKER_TLS_VERIFY=0 instead of disagreeing with the CLI, which treats any value as on', () => {
    expect(problemsOf(() => loadConfig({ DOCKER_TLS_VERIFY: '0' }))).toContain('DOCKER_TLS_VERIFY: the Docker CLI treats any value, even 0, as on');
  });

  it('takes several engines from SANDBOX_ENGINES, each with its own TLS directory', () => {
    const endpoints = endpointsFor({ SANDBOX_ENGINES: `tcp://sandbox-a:2376 ${certs}, unix:///var/run/docker.sock`, DOCKER_HOST: 'tcp://ignored:2375' });
    expect(endpoints.map((e) => [e.name, e.host, e.tls?.certPath])).toEqual([
      ['sandbox-a:2376', 'tcp://sandbox-a:2376', certs],
      ['local', 'unix:///var/run/docker.sock', undefined],
    ]);
  });

  it('names every malformed SANDBOX_ENGINES entry, and refuses plain TCP there too', () => {
    const problems = problemsOf(() => loadConfig({ SANDBOX_ENGINES: 'ssh://box, unix:///a.sock /certs, tcp://x:1 /c extra, tcp://y:2, tcp://y:2' }));
    expect(problems).toContain('"ssh://box" is not');
    expect(problems).toContain('"unix:///a.sock /certs": a TLS directory applies to tcp:// engines only');
    expect(problems).toContain('"tcp://x:1 /c extra" is not');
    expect(problems).toContain('tcp://y:2 is listed twice');
    expect(problemsOf(() => endpointsFor({ SANDBOX_ENGINES: 'tcp://y:2' }))).toMatch(/^SANDBOX_ENGINES: tcp:\/\/y:2 is plain TCP/);
  });
});
