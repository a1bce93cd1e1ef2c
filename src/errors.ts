/**
 * netlab's error hierarchy. A UserError is something the member can act on (unknown topic,
 * sandbox busy): it carries an id and a bilingual message. Everything else is internal: it is
 * logged and the member sees one calm generic line.
 */
import type { Lang } from './i18n.ts';

export class NetlabError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type Bilingual = Readonly<Record<Lang, string>>;

export class UserError extends NetlabError {
  readonly id: string;
  readonly text: Bilingual;

  constructor(id: string, text: Bilingual, options?: { cause?: unknown }) {
    super(text.en, options);
    this.id = id;
    this.text = text;
  }

  messageFor(lang: Lang): string {
    return this.text[lang];
  }
}

/** A setting is missing or malformed; `problems` names every bad key. */
export class ConfigError extends NetlabError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
