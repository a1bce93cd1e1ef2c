import { describe, expect, it } from 'vitest';
import { modemOptions } from '../../src/docker/engine/dockerode-engine.ts';

describe('connecting to the configured engine', () => {
  it('uses the local socket by default and a unix:// path when given', () => {
    expect(modemOptions(undefined)).toMatchObject({ socketPath: '/var/run/docker.sock', host: undefined });
    expect(modemOptions('unix:///run/user/1000/docker.sock')).toMatchObject({ socketPath: '/run/user/1000/docker.sock', host: undefined });
  });

  it('uses host and port for tcp://, and never lets DOCKER_* variables override the config', () => {
    expect(modemOptions('tcp://10.0.0.5:2375')).toMatchObject({ host: '10.0.0.5', port: 2375, protocol: 'http', ca: undefined, timeout: undefined });
  });
});
