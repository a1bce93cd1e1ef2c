/**
 * checkDaemonJson: every check over one daemon.json text, weighed for the member's Engine (all
 * releases from 20.10 to 29.7 unless one is named), summed up in one verdict. Pure: no I/O.
 * The report serialises to exactly the CLI's `--json` shape; the bilingual detail the Answer needs
 * stays out of it.
 */
import type { Bilingual } from '../errors.ts';
import { checkBridge } from './check-bridge.ts';
import { checkConflicts } from './check-conflicts.ts';
import { checkDns } from './check-dns.ts';
import { checkKeys } from './check-keys.ts';
import { checkPools } from './check-pools.ts';
import { checkRanges } from './check-ranges.ts';
import { checkRegistry } from './check-registry.ts';
import { checkSyntax } from './check-syntax.ts';
import { checkTypes } from './check-types.ts';
import { checkValidate } from './check-validate.ts';
import { DaemonJson } from './daemon-json.ts';
import type { Finding, Severity } from './finding.ts';
import { lineColumn } from './json-tree.ts';
import { explainKeys, type KeyExplanation } from './explain-keys.ts';
import { ALL_RELEASES, resolveEngine, type ReleaseRange } from './releases.ts';
import { weigh } from './severity.ts';

export type Verdict = 'starts' | 'will-not-start' | 'starts-with-warnings';

export interface DoctorOptions {
  /** LAN ranges the member named (`192.168.1.0/24`, or single addresses). */
  readonly lanRanges?: readonly string[];
  /** The member's Engine version (`20.10.24`, `28.5`, `29`); all known releases when absent. */
  readonly engine?: string;
}

export interface DoctorProblem {
  readonly key: string;
  readonly severity: Severity;
  /** English, as the CLI's `--json` prints it. */
  readonly message: string;
}

export interface DoctorReportJson {
  readonly verdict: Verdict;
  readonly problems: readonly DoctorProblem[];
}

export interface DoctorNote {
  readonly key: string;
  readonly severity: Severity;
  readonly text: Bilingual;
  readonly line?: number;
  /** dockerd 20.10's words when it refuses because of this. */
  readonly dockerd?: string;
}

export interface DoctorDetail {
  /** The releases the verdict is for. */
  readonly engine: ReleaseRange;
  /** True when the member named an Engine the doctor has no data for. */
  readonly unknownEngine: boolean;
  /** One per problem, same order, in both languages. */
  readonly notes: readonly DoctorNote[];
  /** Every key of the file, in order, explained. */
  readonly keys: readonly KeyExplanation[];
}

export interface DoctorReport extends DoctorReportJson {
  readonly detail: DoctorDetail;
  toJSON(): DoctorReportJson;
}

function allFindings(text: string, lanRanges: readonly string[]): { findings: Finding[]; json: DaemonJson | undefined } {
  const syntax = checkSyntax(text);
  if (!syntax.entries) return { findings: syntax.findings, json: undefined };
  const json = new DaemonJson(syntax.entries);
  const findings = [
    ...syntax.findings,
    ...checkKeys(syntax.entries),
    ...checkTypes(syntax.entries),
    ...checkConflicts(json),
    ...checkValidate(json),
    ...checkDns(json),
    ...checkRegistry(json),
    ...checkBridge(json),
    ...checkPools(json),
    ...checkRanges(json, lanRanges),
  ];
  return { findings, json };
}

export function checkDaemonJson(text: string, options: DoctorOptions = {}): DoctorReport {
  const named = options.engine?.trim() ? resolveEngine(options.engine) : undefined;
  const engine = named ?? ALL_RELEASES;
  const { findings, json } = allFindings(text, options.lanRanges ?? []);
  const notes: DoctorNote[] = weigh(findings, engine).map(({ finding, severity }) => ({
    key: finding.key,
    severity,
    text: finding.text,
    ...(finding.at === undefined ? {} : { line: lineColumn(text, finding.at).line }),
    ...(finding.dockerd === undefined ? {} : { dockerd: finding.dockerd }),
  }));
  const problems = notes.map(({ key, severity, text: t }) => ({ key, severity, message: t.en }));
  const verdict: Verdict = notes.some((n) => n.severity === 'error')
    ? 'will-not-start'
    : notes.some((n) => n.severity === 'warning')
      ? 'starts-with-warnings'
      : 'starts';
  const detail: DoctorDetail = {
    engine,
    unknownEngine: Boolean(options.engine?.trim()) && !named,
    notes,
    keys: json ? explainKeys(json.entries) : [],
  };
  return {
    verdict,
    problems,
    detail,
    toJSON: () => ({ verdict, problems }),
  };
}
