// The local console runs the bot's own command handlers: typed slash commands, named or
// positional options, language switching and polite refusals.
import { describe, expect, it } from 'vitest';
import { runConsoleLine, type ConsoleState } from '../../src/cli/console.ts';
import { COMMANDS } from '../../src/commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { Library } from '../../src/content/library.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import { silentLogger } from '../../src/log.ts';
import { Store } from '../../src/store/store.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const deps = {
  commands: COMMANDS,
  library: Library.load(),
  sandbox: createSandbox({ config: loadConfig({}).sandbox, logger: silentLogger(), engine: new FakeEngine() }),
  store: Store.memory(),
  logger: silentLogger(),
};
const style = { color: false };

async function type(line: string, state: ConsoleState = { lang: 'en' }): Promise<string> {
  return runConsoleLine(line, state, deps, style);
}

describe('the local console', () => {
  it('answers /ask 为什么 none 模式只有 lo from mode-none', async () => {
    const out = await type('/ask 为什么 none 模式只有 lo', { lang: 'zh' });
    expect(out).toContain('mode-none');
    expect(out).toContain('127.0.0.1');
  });

  it('answers a question in its own language when that is clear, else in the console’s', async () => {
    const chinese = await type('/ask 为什么 none 模式只有 lo', { lang: 'en' });
    expect(chinese).toContain('只有');
    expect(chinese).toContain('/lang zh');
    const english = await type('/ask why does none mode only have lo', { lang: 'zh' });
    expect(english).toContain('loopback');
    expect(english).toContain('/lang en');
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
    const bare = await type('/ask docker0', { lang: 'zh' });
    expect(bare).toMatch(/[\u4e00-\u9fff]/);
    expect(bare).not.toContain('/lang');
  });

  it('takes positional and named options alike', async () => {
    expect(await type('/learn bridge')).toContain('mode-bridge-default');
    expect(await type('/learn topic:mode-host hide:true')).toContain('mode-host');
  });

  it('switches language for the rest of the session', async () => {
    const state: ConsoleState = { lang: 'en' };
    expect(await type('/lang zh', state)).toContain('中文');
    expect(await type('/modes', state)).toContain('Docker 网络模式对比');
  });

  it('prints a demo’s picture as the same diagram in ASCII', async () => {
    const out = await type('/demo bridge');
    const diagram = out.slice(out.indexOf('── topology-bridge.png ──'));
    expect(diagram).toMatch(/^── topology-bridge\.png ──\nbridge: demo run [0-9a-f]{10}\n\n\+-+\+\n\| demo-bridge +\|\n\| --network bridge +\|/);
  });

  it('prints one ASCII diagram per mode for /modes', async () => {
    const out = await type('/modes');
    expect(out.match(/^── [a-z-]+\.png ──$/gm)).toHaveLength(8);
    expect(out).toMatch(/\| 3: docker0 +\|/);
  });

  it('refuses unknown commands, unknown topics and forged choices politely', async () => {
    expect(await type('/format-disk')).toMatch(/There is no \/format-disk command/);
    expect(await type('/learn teleportation')).toMatch(/no topic called/);
    expect(await type('/demo scenario:privileged')).toMatch(/not one of the choices/);
    expect(await type('/ask')).toMatch(/question.*is required/);
  });
});
