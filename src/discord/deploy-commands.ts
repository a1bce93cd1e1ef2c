/**
 * `netlab deploy-commands` (and `npm run deploy-commands`): registers every command from the
 * registry with one bulk-overwrite request — guild-scoped (instant) when DISCORD_GUILD_ID is
 * set, else global.
 */
import { REST, Routes } from 'discord.js';
import type { Config } from '../config.ts';
import { commandPayloads } from '../commands/index.ts';
import { ConfigError } from '../errors.ts';
import { traditionalLocalizations } from '../text/traditional.ts';

export async function deployCommands(config: Config): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const { token, applicationId, guildId, apiBase } = config.discord;
  if (!token || !applicationId) throw new ConfigError(['DISCORD_TOKEN and DISCORD_APPLICATION_ID: both are required to register commands']);
  const rest = new REST(apiBase ? { api: apiBase } : {}).setToken(token);
  // Definitions carry Simplified Chinese for zh-TW too; Discord shows zh-TW members Traditional.
  const body = await traditionalLocalizations(commandPayloads());
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const result = (await rest.put(route, { body })) as unknown[];
  return { scope: guildId ? 'guild' : 'global', count: result.length };
}
