import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets, type LogFormat } from '../../src/log.ts';

const TOKEN = `${'M'.repeat(24)}.GhIjKl.${'s'.repeat(27)}`;

function capture(format: LogFormat = 'json') {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { lines, logger: createLogger('info', { destination: sink, format }) };
}

describe('logging never reveals the token', () => {
  it.each(['json', 'pretty'] as const)('scrubs token-shaped text and authorization headers from every line (%s)', (format) => {
    const { lines, logger } = capture(format);
    logger.info({ token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } }, `login with ${TOKEN}`);
    logger.error({ err: new Error(`request failed: Authorization: Bot ${TOKEN}`) }, 'failed');
    logger.error(new Error(`boom ${TOKEN}`));
    const text = lines.join('');
    expect(lines.length).toBe(3);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('s'.repeat(27));
  });

  it('scrubs secrets nested anywhere in a logged object, errors’ causes included', () => {
    const { lines, logger } = capture();
    const cause = new Error(`upstream said ${TOKEN}`);
    logger.warn({ message: `token ${TOKEN}`, request: { body: { nested: [`x ${TOKEN}`] } }, err: new Error('outer', { cause }) }, 'nested');
    const text = lines.join('');
    expect(text).toContain('[token]');
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(lines[0]!)).toMatchObject({ message: 'token [token]', request: { body: { nested: ['x [token]'] } }, err: { message: 'outer', cause: { message: 'upstream said [token]' } } });
  });

  it('writes one short readable line per entry for a terminal', () => {
    const { lines, logger } = capture('pretty');
    logger.info({ engine: '20.10.24' }, 'sandbox ready');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: sandbox ready \{"engine":"20.10.24"\}\n$/);
  });

  it('leaves ordinary text alone', () => {
    expect(scrubSecrets('docker run --network host')).toBe('docker run --network host');
  });
});
