/**
 * A demo's checks as members read them: each scenario captions its own checks; a check with
 * `passes` becomes a ✅/❌ line, one without is a plain fact (ℹ️), and a caption that returns
 * nothing is folded into another line.
 */
import type { Checks } from '../docker/result.ts';
import type { Bilingual } from '../errors.ts';
import type { AnyScenario } from './registry.ts';

export interface CheckLine {
  readonly passed: boolean | undefined;
  readonly text: Bilingual;
}

export function describeChecks(scenario: AnyScenario | undefined, checks: Checks): CheckLine[] {
  return Object.entries(checks).flatMap(([key, value]): CheckLine[] => {
    const caption = scenario?.checks[key];
    if (!caption) return [{ passed: typeof value === 'boolean' ? value : undefined, text: { en: `${key}: ${String(value)}`, zh: `${key}：${String(value)}` } }];
    const text = caption.text(value, checks);
    return text ? [{ passed: caption.passes?.(value), text }] : [];
  });
}
