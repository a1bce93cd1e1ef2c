/** The command registry: the only list of commands. Discord, the console and deploy-commands all read it. */
import { ask } from './ask.ts';
import { daemonJson } from './daemon-json.ts';
import type { Command } from './command.ts';
import { demo } from './demo.ts';
import { forgetMe } from './forget-me.ts';
import { leaderboard } from './leaderboard.ts';
import { learn } from './learn.ts';
import { modes } from './modes.ts';
import { networks } from './networks.ts';
import { progress } from './progress.ts';
import { quiz } from './quiz.ts';
import { settings } from './settings.ts';

export type { Command } from './command.ts';

export const COMMANDS: ReadonlyMap<string, Command> = new Map([ask, learn, modes, demo, networks, daemonJson, quiz, progress, leaderboard, settings, forgetMe].map((c) => [c.data.name, c]));

/**
 * The registration body. discord.js writes default_member_permissions as a bitfield string;
 * Discord's OpenAPI description types it as an integer (or null), so it is sent as a number.
 */
export function commandPayloads() {
  return [...COMMANDS.values()].map((c) => {
    const json = c.data;
    const permissions = json.default_member_permissions;
    return { ...json, default_member_permissions: permissions == null ? permissions : Number(permissions) };
  });
}
