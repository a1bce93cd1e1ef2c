/** `/networks` — a sandbox engine's `docker network ls`, like the first listing of the source blog, naming the engine. */
import { presentNetworks } from '../demos/present.ts';
import { listNetworks } from '../demos/run-demo.ts';
import { slashCommand, withAnswerOptions, type Command } from './command.ts';

export const networks: Command = {
  data: withAnswerOptions(
    slashCommand('networks', '网络列表', {
      en: 'List the sandbox engine’s networks (docker network ls)',
      zh: '列出沙箱引擎上的网络（docker network ls）',
    }, { guildOnly: true }),
  ).toJSON(),
  defers: true,
  async execute(ctx) {
    await ctx.reply(presentNetworks(await listNetworks(ctx.sandbox), ctx.lang));
  },
};
