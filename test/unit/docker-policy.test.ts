import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { SandboxPolicyError } from '../../src/docker/errors.ts';
import { MANAGED_FILTER, netlabLabels, readNetlabLabels } from '../../src/docker/labels.ts';
import { buildContainerSpec, WAITING_SHELL } from '../../src/docker/policy.ts';

const config = loadConfig({ DEMO_IMAGE: 'example/demo:1' }).sandbox;
const run = { runId: 'abc123', scenario: 'none', expiresAt: 1_000_045_000 };

describe('sandbox policy', () => {
  it('hardens every container the same way', () => {
    const spec = buildContainerSpec(config, { role: 'none', network: { kind: 'none' } }, run, 1_000_000_000);
    expect(spec).toMatchObject({
      name: 'netlab-abc123-none',
      Image: 'example/demo:1',
      // PID 1 waits (at most until the run's expiry) for the script netlab feeds it on stdin.
      Entrypoint: ['sh', '-c', WAITING_SHELL, 'netlab-wait'],
      Cmd: ['45'],
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
      User: '65534:65534',
      Env: [],
      HostConfig: {
        NetworkMode: 'none',
        PidMode: '',
        CapDrop: ['ALL'],
        CapAdd: [],
        SecurityOpt: ['no-new-privileges:true'],
        ReadonlyRootfs: true,
        Privileged: false,
        Memory: 32 * 1024 * 1024,
        MemorySwap: 32 * 1024 * 1024,
        PidsLimit: 32,
        // 0.25 CPU as 250 ms per 1 s period (not NanoCpus' 25 ms per 100 ms): short execs run unthrottled.
        CpuPeriod: 1_000_000,
        CpuQuota: 250_000,
        AutoRemove: false,
        LogConfig: { Type: 'none', Config: {} },
        Binds: [],
        Mounts: [],
        PortBindings: {},
        PublishAllPorts: false,
      },
    });
    expect(spec.HostConfig).not.toHaveProperty('NanoCpus'); // the engine refuses NanoCpus together with CpuPeriod
    expect(spec.Labels).toEqual({ 'netlab.managed': 'true', 'netlab.run': 'abc123', 'netlab.expires': '1000045000', 'netlab.scenario': 'none', 'netlab.role': 'none' });
  });

  it('gives NET_ADMIN (and NET_RAW) and root only inside a none-mode namespace, with a shared PID namespace', () => {
    const spec = buildContainerSpec(config, { role: 'b', network: { kind: 'none' }, capabilities: ['NET_ADMIN', 'NET_RAW'], runAsRoot: true, sharePidsWith: 'abcdef' }, run);
    expect(spec.HostConfig).toMatchObject({ NetworkMode: 'none', PidMode: 'container:abcdef', CapDrop: ['ALL'], CapAdd: ['NET_ADMIN', 'NET_RAW'] });
    expect(spec.User).toBe('0:0');
    expect(() => buildContainerSpec(config, { role: 'x', network: { kind: 'bridge' }, capabilities: ['NET_ADMIN'] }, run)).toThrow(SandboxPolicyError);
    expect(() => buildContainerSpec(config, { role: 'x', network: { kind: 'host' }, runAsRoot: true }, run)).toThrow(SandboxPolicyError);
    expect(() => buildContainerSpec(config, { role: 'x', network: { kind: 'none' }, capabilities: ['SYS_ADMIN' as never] }, run)).toThrow(SandboxPolicyError);
    expect(() => buildContainerSpec(config, { role: 'Bad Role;', network: { kind: 'none' } }, run)).toThrow(SandboxPolicyError);
  });

  it('attaches to a run network under a fixed alias and to another container by id', () => {
    const onNet = buildContainerSpec(config, { role: 'a', network: { kind: 'network', networkName: 'netlab-abc123-net', alias: 'demo-a' } }, run);
    expect(onNet.HostConfig.NetworkMode).toBe('netlab-abc123-net');
    expect(onNet.NetworkingConfig).toEqual({ EndpointsConfig: { 'netlab-abc123-net': { Aliases: ['demo-a'] } } });
    const joined = buildContainerSpec(config, { role: 'joined', network: { kind: 'container', containerId: 'f00' } }, run);
    expect(joined.HostConfig.NetworkMode).toBe('container:f00');
  });

  it('labels read back, and the managed filter selects them', () => {
    const labels = netlabLabels({ runId: 'r1', scenario: 'p2p', expiresAt: 42 });
    expect(readNetlabLabels(labels)).toEqual({ runId: 'r1', expiresAt: 42, scenario: 'p2p' });
    expect(readNetlabLabels({ 'netlab.managed': 'true', 'netlab.expires': 'soon' })?.expiresAt).toBe(0);
    expect(readNetlabLabels({ other: 'x' })).toBeUndefined();
    expect(MANAGED_FILTER).toEqual({ 'netlab.managed': 'true' });
  });
});
