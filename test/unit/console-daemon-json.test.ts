// /daemon-json in the local console: a path on this machine or JSON typed on the line, checked by
// the same doctor as Discord and `netlab daemon-json`; a file it cannot read gets the reason and
// the usage, never a verdict about half a file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runConsoleLine } from '../../src/cli/console.ts';
import { COMMANDS } from '../../src/commands/index.ts';
import { DAEMON_JSON_MAX_BYTES } from '../../src/commands/daemon-json.ts';
import { loadConfig } from '../../src/config.ts';
import { Library } from '../../src/content/library.ts';
import { createSandbox } from '../../src/docker/sandbox.ts';
import type { Lang } from '../../src/i18n.ts';
import { silentLogger } from '../../src/log.ts';
import { Store } from '../../src/store/store.ts';
import { CORPUS_DIR } from '../fixtures/daemon-json/corpus.ts';
import { FakeEngine } from './fakes/fake-engine.ts';

const deps = {
  commands: COMMANDS,
  library: Library.load(),
  sandbox: createSandbox({ config: loadConfig({}).sandbox, logger: silentLogger(), engine: new FakeEngine() }),
  store: Store.memory(),
  logger: silentLogger(),
};
const type = (line: string, lang: Lang = 'en') => runConsoleLine(line, { lang }, deps, { color: false });
const scratch = mkdtempSync(join(tmpdir(), 'netlab-console-daemon-json-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('/daemon-json in the console', () => {
  it('checks JSON typed on the line', async () => {
    const out = await type('/daemon-json {"mtu": "1400"}');
    expect(out).toContain('daemon.json: dockerd will not start');
    expect(out).toContain('cannot unmarshal string into Go struct field Config.mtu of type int');
  });

  it('checks a file on this machine, in the console’s language', async () => {
    const out = await type(`/daemon-json ${join(CORPUS_DIR, 'bip-without-prefix.json')}`, 'zh');
    expect(out).toContain('结论：dockerd 无法启动。');
    expect(out).toContain('`bip`');
  });

  it('says why a file cannot be read, with the usage, in both languages', async () => {
    const missing = join(scratch, 'nope.json');
    const en = await type(`/daemon-json ${missing}`);
    expect(en).toContain(`Cannot read ${missing}: no such file. Usage: \`/daemon-json <file>\``);
    const zh = await type(`/daemon-json ${missing}`, 'zh');
    expect(zh).toContain(`读不了 ${missing}：文件不存在。用法：`);
  });

  it('refuses a file over the cap instead of judging the first 16 KiB of it', async () => {
    const big = join(scratch, 'big.json');
    writeFileSync(big, `{"labels": ["${'x'.repeat(DAEMON_JSON_MAX_BYTES)}"]}`);
    const out = await type(`/daemon-json ${big}`);
    expect(out).toContain(`is larger than ${DAEMON_JSON_MAX_BYTES} bytes`);
    expect(out).not.toContain('dockerd will not start');
  });
});
