/**
 * The daemon.json doctor: checks a daemon.json text the way dockerd (Engine 20.10 to 29.7) reads
 * it and says whether dockerd starts. Pure functions, no I/O; commands, the CLI and the console
 * call these two entry points.
 */
export { checkDaemonJson } from './report.ts';
export type { DoctorDetail, DoctorNote, DoctorOptions, DoctorProblem, DoctorReport, DoctorReportJson, Verdict } from './report.ts';
export { doctorAnswer } from './answer.ts';
export type { Severity } from './finding.ts';
export { RELEASES, resolveEngine, type Release } from './releases.ts';
