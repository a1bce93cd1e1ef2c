// Server settings: stored per server, in force at once, environment variables as the defaults;
// only members with Manage Server change them; /demo obeys them before touching the sandbox.
import { describe, expect, it } from 'vitest';
import { demo } from '../../src/commands/demo.ts';
import { settings } from '../../src/commands/settings.ts';
import { DemoChannelError, ScenarioDisabledError } from '../../src/demos/refusals.ts';
import type { UserError } from '../../src/errors.ts';
import { memberLang } from '../../src/i18n.ts';
import { Store } from '../../src/store/store.ts';
import { ALICE, CHANNEL, CommandHarness, GUILD, sandboxOnFakeEngine } from './fakes/command-context.ts';

const OTHER_CHANNEL = '1300000000000000299';
const OTHER_GUILD = '1300000000000000199';

describe('the settings store', () => {
  it('gives the deployment’s defaults until a server changes something, per server', () => {
    const store = Store.memory({ defaultLang: 'zh', quiz: false });
    expect(store.settings.for(GUILD)).toMatchObject({ demoChannels: null, hostScenario: true, defaultLang: 'zh', quiz: false, leaderboard: true, updatedBy: null });
    store.settings.update(GUILD, { quiz: true, demoChannels: [CHANNEL] }, ALICE);
    expect(store.settings.for(GUILD)).toMatchObject({ quiz: true, demoChannels: [CHANNEL], defaultLang: 'zh', updatedBy: ALICE });
    expect(store.settings.for(OTHER_GUILD)).toMatchObject({ quiz: false, demoChannels: null });
  });

  it('goes back to the default when a setting is reset to null, and leaves the others', () => {
    const store = Store.memory();
    store.settings.update(GUILD, { quiz: false, leaderboard: false }, ALICE);
    store.settings.update(GUILD, { quiz: null }, ALICE);
    expect(store.settings.for(GUILD)).toMatchObject({ quiz: true, leaderboard: false });
  });
});

describe('/settings', () => {
  it('shows the settings to anyone, and changes them only for Manage Server', async () => {
    const h = new CommandHarness(Store.memory());
    expect((await h.run(settings)).data).toMatchObject({ quiz: true, demoChannels: null });
    await expect(h.run(settings, { quiz: false })).rejects.toMatchObject({ id: 'settings-need-manage-server' });
    expect(h.store.settings.for(GUILD).quiz).toBe(true);
    const saved = await h.run(settings, { quiz: false, language: 'zh', allow_demos_in: CHANNEL }, { canManageServer: true });
    expect(saved.data).toMatchObject({ quiz: false, defaultLang: 'zh', demoChannels: [CHANNEL] });
    expect(h.store.settings.for(GUILD)).toMatchObject({ quiz: false, defaultLang: 'zh', demoChannels: [CHANNEL] });
  });

  it('adds and removes demo channels, and opens every channel again', async () => {
    const h = new CommandHarness(Store.memory());
    const admin = { canManageServer: true };
    await h.run(settings, { allow_demos_in: CHANNEL }, admin);
    await h.run(settings, { allow_demos_in: OTHER_CHANNEL }, admin);
    expect(h.store.settings.for(GUILD).demoChannels).toEqual([CHANNEL, OTHER_CHANNEL]);
    await h.run(settings, { stop_demos_in: CHANNEL }, admin);
    expect(h.store.settings.for(GUILD).demoChannels).toEqual([OTHER_CHANNEL]);
    await h.run(settings, { demos_everywhere: true }, admin);
    expect(h.store.settings.for(GUILD).demoChannels).toBeNull();
  });

  it('resets everything to the deployment’s defaults', async () => {
    const h = new CommandHarness(Store.memory());
    await h.run(settings, { quiz: false, host_demo: false, allow_demos_in: CHANNEL }, { canManageServer: true });
    await h.run(settings, { reset: true }, { canManageServer: true });
    expect(h.store.settings.for(GUILD)).toMatchObject({ quiz: true, hostScenario: true, demoChannels: null });
  });

  it('refuses outside a server, in the member’s language', async () => {
    const h = new CommandHarness(Store.memory());
    await expect(h.run(settings, {}, { surface: 'console' })).rejects.toMatchObject({ id: 'settings-need-server' });
    const error = await h.run(settings, {}, { guildId: null, lang: 'zh' }).catch((e: unknown) => e);
    expect((error as UserError).messageFor('zh')).toMatch(/Discord 服务器/);
  });

  it('says when the whole deployment has the host demo off, whatever the server chose', async () => {
    const h = new CommandHarness(Store.memory(), sandboxOnFakeEngine({ SANDBOX_HOST_SCENARIO: 'false' }));
    const shown = await h.run(settings);
    expect(shown.fields?.find((f) => f.name === 'host demo')?.value).toContain('SANDBOX_HOST_SCENARIO=false');
    expect(shown.data).toMatchObject({ hostScenario: false });
  });
});

describe('/demo under the server’s settings', () => {
  it('is refused outside the listed channels, with the channels named in both languages', async () => {
    const h = new CommandHarness(Store.memory());
    h.store.settings.update(GUILD, { demoChannels: [OTHER_CHANNEL] }, ALICE);
    const error = (await h.run(demo, { scenario: 'none' }).catch((e: unknown) => e)) as DemoChannelError;
    expect(error).toBeInstanceOf(DemoChannelError);
    expect(error.messageFor('en')).toContain(`<#${OTHER_CHANNEL}>`);
    expect(error.messageFor('zh')).toContain(`<#${OTHER_CHANNEL}>`);
    expect(error.messageFor('zh')).toMatch(/只允许在/);
  });

  it('refuses the host demo where the server switched it off, and says who did', async () => {
    const h = new CommandHarness(Store.memory());
    h.store.settings.update(GUILD, { hostScenario: false }, ALICE);
    const error = (await h.run(demo, { scenario: 'host' }).catch((e: unknown) => e)) as ScenarioDisabledError;
    expect(error).toBeInstanceOf(ScenarioDisabledError);
    expect(error.messageFor('en')).toMatch(/server’s organisers/);
    // Another server is not affected: its host demo gets past the settings (and runs on the fake engine).
    await expect(h.run(demo, { scenario: 'host' }, { guildId: OTHER_GUILD })).resolves.toMatchObject({ title: expect.stringMatching(/host/) });
  });

  it('runs in a listed channel and outside a server regardless of any server’s list', async () => {
    const h = new CommandHarness(Store.memory());
    h.store.settings.update(GUILD, { demoChannels: [CHANNEL] }, ALICE);
    await expect(h.run(demo, { scenario: 'none' })).resolves.toMatchObject({ tone: expect.any(String) });
    await expect(h.run(demo, { scenario: 'none' }, { surface: 'console' })).resolves.toMatchObject({ tone: expect.any(String) });
  });
});

describe('a member’s language', () => {
  it('follows a Chinese or English Discord locale, and the server’s default for any other', () => {
    expect(memberLang('zh-CN', () => 'en')).toBe('zh');
    expect(memberLang('en-GB', () => 'zh')).toBe('en');
    expect(memberLang('fr', () => 'zh')).toBe('zh');
    expect(memberLang('ja', () => 'en')).toBe('en');
  });
});
