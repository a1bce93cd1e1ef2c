import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES, loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';

const TOKEN = `${'M'.repeat(24)}.GhIjKl.${'s'.repeat(27)}`;

describe('loadConfig', () => {
  it('gives safe defaults with no settings at all', () => {
    const config = loadConfig({});
    expect(config.discord.token).toBeUndefined();
    expect(config.sandbox).toMatchObject({ image: 'netlab-demo:latest', maxConcurrent: 4, queueSize: 16, deadlineMs: 15_000, memoryBytes: 32 * 1024 * 1024, pidsLimit: 32, nanoCpus: 250_000_000, hostScenario: true, redactHost: true, initSwarm: false });
    expect(Object.isFrozen(config.sandbox)).toBe(true);
  });

  it('names every bad key in one error', () => {
    try {
      loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'abc', SANDBOX_CPUS: 'lots', SANDBOX_HOST_SCENARIO: 'maybe', DOCKER_HOST: 'ftp://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      for (const key of ['DISCORD_GUILD_ID', 'SANDBOX_CPUS', 'SANDBOX_HOST_SCENARIO', 'DOCKER_HOST']) expect(problems.join('\n')).toContain(key);
    }
  });

  it('requires the application id with a token, and never echoes the token', () => {
    expect.assertions(3);
    expect(() => loadConfig({ DISCORD_TOKEN: TOKEN })).toThrow(/DISCORD_APPLICATION_ID/);
    try {
      loadConfig({ DISCORD_TOKEN: `${TOKEN}!bad` });
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
      expect(String(error)).toContain('DISCORD_TOKEN');
    }
  });

  it('parses booleans and numbers', () => {
    const config = loadConfig({ SANDBOX_HOST_SCENARIO: 'false', SANDBOX_INIT_SWARM: 'yes', SANDBOX_MAX_CONCURRENT: '2', DISCORD_API_BASE: 'http://127.0.0.1:9999/api' });
    expect(config.sandbox.hostScenario).toBe(false);
    expect(config.sandbox.initSwarm).toBe(true);
    expect(config.sandbox.maxConcurrent).toBe(2);
    expect(config.discord.apiBase).toBe('http://127.0.0.1:9999/api');
  });

  it('documents every setting it reads in .env.example', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    for (const name of SETTING_NAMES) expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
