/**
 * Where the machine's CPU time goes during a measurement, from /proc: the whole machine (busy
 * and idle, all cores), one process (the bot), and the engine's daemons by name. Linux only;
 * figures are CPU seconds between two snapshots.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SEC = 100; // USER_HZ on Linux

export interface CpuSnapshot {
  readonly atMs: number;
  readonly machineBusySec: number;
  readonly machineIdleSec: number;
  readonly byPid: ReadonlyMap<number, number>;
}

/** utime + stime of one process, in seconds; NaN once it is gone. */
function processCpuSec(pid: number): number {
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
  } catch {
    return Number.NaN;
  }
}

/** Pids whose command name (comm) is exactly `name`. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export function cpuSnapshot(pids: readonly number[]): CpuSnapshot {
  const [, user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return {
    atMs: performance.now(),
    machineBusySec: (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SEC,
    machineIdleSec: (idle! + iowait!) / TICKS_PER_SEC,
    byPid: new Map(pids.map((pid) => [pid, processCpuSec(pid)])),
  };
}

export interface CpuUse {
  readonly wallSec: number;
  /** CPU seconds all cores could have given in that time. */
  readonly capacitySec: number;
  readonly machineBusySec: number;
  readonly byPid: ReadonlyMap<number, number>;
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const busy = b.machineBusySec - a.machineBusySec;
  return {
    wallSec: (b.atMs - a.atMs) / 1000,
    capacitySec: busy + (b.machineIdleSec - a.machineIdleSec),
    machineBusySec: busy,
    byPid: new Map([...a.byPid].map(([pid, before]) => [pid, (b.byPid.get(pid) ?? Number.NaN) - before])),
  };
}
