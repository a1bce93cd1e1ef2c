/** Splits a topic file into YAML front matter and body, keeping line numbers for messages. */
import { load } from 'js-yaml';

export interface SplitFile {
  readonly data: Record<string, unknown>;
  readonly body: string;
  readonly bodyLine: number;
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function splitFrontMatter(text: string): SplitFile {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!normalized.startsWith('---\n')) throw new FrontMatterError('missing front matter (the file must start with ---)', 1);
  const end = normalized.indexOf('\n---\n', 3);
  if (end < 0) throw new FrontMatterError('front matter is not closed with ---', 1);
  const yamlText = normalized.slice(4, end + 1);
  let data: unknown;
  try {
    data = load(yamlText);
  } catch (error) {
    // js-yaml counts lines from 0 within the front matter, which starts on the file's line 2.
    const line = (error as { mark?: { line: number } }).mark?.line ?? 0;
    throw new FrontMatterError(`front matter is not valid YAML: ${(error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0]}`, line + 2);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new FrontMatterError('front matter must be a mapping', 2);
  const bodyLine = yamlText.split('\n').length + 2;
  return { data: data as Record<string, unknown>, body: normalized.slice(end + 5), bodyLine };
}
