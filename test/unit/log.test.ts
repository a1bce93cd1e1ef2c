import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/log.ts';

const TOKEN = `${'M'.repeat(24)}.GhIjKl.${'s'.repeat(27)}`;

describe('logging never reveals the token', () => {
  it('scrubs token-shaped text and authorization headers from every line', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger('info', sink);
    logger.info({ token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } }, `login with ${TOKEN}`);
    logger.error({ err: new Error(`request failed: Authorization: Bot ${TOKEN}`) }, 'failed');
    logger.error(new Error(`boom ${TOKEN}`));
    const text = lines.join('');
    expect(lines.length).toBe(3);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('s'.repeat(27));
  });

  it('leaves ordinary text alone', () => {
    expect(scrubSecrets('docker run --network host')).toBe('docker run --network host');
  });
});
