/** Shorthands for the doctor's unit tests. */
import { checkDaemonJson, type DoctorOptions, type DoctorNote, type Severity } from '../../../src/doctor/index.ts';

export const check = (text: string, options: DoctorOptions = {}) => checkDaemonJson(text, options);

/** `key:severity` for every problem, in the report's order. */
export const summary = (text: string, options: DoctorOptions = {}): string[] =>
  check(text, options).problems.map((p) => `${p.key}:${p.severity}`);

export const notes = (text: string, options: DoctorOptions = {}): readonly DoctorNote[] => check(text, options).detail.notes;

export const firstError = (text: string, options: DoctorOptions = {}): DoctorNote | undefined =>
  notes(text, options).find((n) => n.severity === 'error');

export const only = (text: string, key: string, severity: Severity, options: DoctorOptions = {}): DoctorNote[] =>
  notes(text, options).filter((n) => n.key === key && n.severity === severity);

export const on2010 = { engine: '20.10' } as const;
