// `npm run deploy-commands` against the fake Discord: one bulk-overwrite request with the full,
// valid, localized command list, guild-scoped when a guild id is set.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { deployCommands } from '../../src/discord/deploy-commands.ts';
import { FAKE_TOKEN, FakeDiscord } from './fake-discord.ts';
import { checkCommandRegistration } from './limits.ts';

let fake: FakeDiscord;

beforeEach(async () => {
  fake = new FakeDiscord({ token: FAKE_TOKEN });
  await fake.start();
});

afterEach(async () => {
  await fake.stop();
});

describe('deploy-commands', () => {
  it('registers every command globally in one request', async () => {
    const config = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase });
    const result = await deployCommands(config);
    expect(result).toEqual({ scope: 'global', count: COMMANDS.size });
    expect(fake.commandRegistrations).toHaveLength(1);
    const [registration] = fake.commandRegistrations;
    expect(registration!.scope).toBe('global');
    const body = registration!.body as { name: string; name_localizations?: Record<string, string> }[];
    expect(body.map((c) => c.name).sort()).toEqual([...COMMANDS.keys()].sort());
    expect(body.every((c) => c.name_localizations?.['zh-CN'])).toBe(true);
    // zh-TW members see Traditional characters: /ask is 提问 in zh-CN and 提問 in zh-TW.
    expect(body.find((c) => c.name === 'ask')!.name_localizations).toMatchObject({ 'zh-CN': '提问', 'zh-TW': '提問' });
    expect(checkCommandRegistration(body)).toEqual([]);
    expect(registration!.violations).toEqual([]);
  });

  it('registers in one guild when DISCORD_GUILD_ID is set', async () => {
    const guildId = '345678901234567890';
    const config = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, DISCORD_GUILD_ID: guildId });
    expect(await deployCommands(config)).toEqual({ scope: 'guild', count: COMMANDS.size });
    expect(fake.commandRegistrations[0]).toMatchObject({ scope: 'guild', guildId });
  });

  it('`npm run deploy-commands` reads .env from where it runs, as `npm start` does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netlab-env-'));
    try {
      writeFileSync(join(dir, '.env'), `DISCORD_TOKEN=${FAKE_TOKEN}\nDISCORD_APPLICATION_ID=${fake.applicationId}\nDISCORD_API_BASE=${fake.apiBase}\n`);
      const bin = fileURLToPath(new URL('../../bin/netlab.js', import.meta.url));
      const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }; // nothing from the test's own environment
      const { stdout } = await promisify(execFile)(process.execPath, [bin, 'deploy-commands'], { cwd: dir, env });
      expect(stdout).toContain(`Registered ${COMMANDS.size} global commands`);
      expect(fake.commandRegistrations).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
