import { describe, expect, it } from 'vitest';
import { check, firstError, notes, on2010, summary } from './helpers/doctor.ts';

const FROM_FILE = 'configuration validation from file failed: ';

describe('what dockerd validates after reading the file', () => {
  it('labels: key=value, no reserved namespace, no conflicting values', () => {
    expect(firstError('{"labels": ["production"]}')?.dockerd).toBe(`${FROM_FILE}bad attribute format: production`);
    expect(firstError('{"labels": ["com.docker.x=1"]}')?.dockerd).toContain('namespaces com.docker.*, io.docker.*, and org.dockerproject.* are reserved');
    expect(firstError('{"labels": ["env=a", "env=b"]}')?.dockerd).toBe('conflict labels for env=b and env=a');
    expect(check('{"labels": ["env=a", "env=a"]}').verdict).toBe('starts');
  });

  it('the log level', () => {
    expect(firstError('{"log-level": "verbose"}')?.dockerd).toBe('unable to parse logging level: verbose');
    expect(check('{"log-level": "warning"}').verdict).toBe('starts');
  });

  it('download and upload limits', () => {
    expect(firstError('{"max-concurrent-downloads": -1}')?.dockerd).toBe(`${FROM_FILE}invalid max concurrent downloads: -1`);
    expect(check('{"max-download-attempts": 0}', on2010).verdict).toBe('will-not-start');
    expect(check('{"max-download-attempts": 0}', { engine: '23.0' }).verdict).toBe('starts');
  });

  it('IPC and cgroup namespace modes, runtimes', () => {
    expect(firstError('{"default-ipc-mode": "host"}')?.dockerd).toBe(`${FROM_FILE}IPC mode "host" is not supported as default value; use "shareable" or "private"`);
    expect(firstError('{"default-ipc-mode": "shared"}')?.dockerd).toBe(`${FROM_FILE}default IPC mode setting (shared) is invalid; use "shareable" or "private"`);
    expect(firstError('{"default-cgroupns-mode": "shared"}')?.dockerd).toContain('default cgroup namespace mode (shared) is invalid');
    expect(firstError('{"default-runtime": "crun"}')?.dockerd).toBe(`${FROM_FILE}specified default runtime 'crun' does not exist`);
    expect(check('{"default-runtime": "crun", "runtimes": {"crun": {"path": "/usr/bin/crun"}}}').verdict).toBe('starts');
    expect(firstError('{"runtimes": {"runc": {"path": "/usr/bin/runc"}}}')?.dockerd).toBe(`${FROM_FILE}runtime name 'runc' is reserved`);
  });

  it('dns search domains', () => {
    expect(firstError('{"dns-search": ["-"]}')?.dockerd).toBe(`${FROM_FILE}- is not a valid domain`);
    expect(check('{"dns-search": ["corp.example", "."]}').verdict).toBe('starts');
  });
});

describe('keys that clash', () => {
  it('warns that hosts and containerd clash with the flags systemd passes', () => {
    expect(summary('{"hosts": ["unix:///var/run/docker.sock"]}')).toEqual(['hosts:warning']);
    expect(notes('{"hosts": []}')[0]?.text.en).toContain('-H fd://');
    expect(notes('{"containerd": "/run/containerd/containerd.sock"}')[0]?.text.en).toContain('--containerd=/run/containerd/containerd.sock');
  });

  it('graph with data-root, host-gateway-ip with host-gateway-ips', () => {
    expect(firstError('{"graph": "/a", "data-root": "/b"}', on2010)?.dockerd).toBe('cannot specify both "graph" and "data-root" config file options');
    expect(check('{"host-gateway-ip": "10.0.0.1", "host-gateway-ips": ["10.0.0.1"]}', { engine: '28.0' }).verdict).toBe('will-not-start');
  });
});
