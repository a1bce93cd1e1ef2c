/**
 * Turns the engine's JSON (Docker's field names) into the rows the Engine interface promises.
 * Structural types only: dockerode itself stays inside dockerode-engine.ts.
 */
import type { ContainerRow, EngineInfo, EngineVersion, NetworkRow, SwarmState } from './engine.ts';

const SWARM_STATES: readonly SwarmState[] = ['inactive', 'pending', 'active', 'error', 'locked'];

export function toEngineVersion(raw: { Version?: string; ApiVersion?: string; Os?: string; Arch?: string; KernelVersion?: string }): EngineVersion {
  return {
    version: raw.Version ?? 'unknown',
    apiVersion: raw.ApiVersion ?? 'unknown',
    os: raw.Os ?? 'unknown',
    arch: raw.Arch ?? 'unknown',
    kernel: raw.KernelVersion ?? 'unknown',
  };
}

export function toEngineInfo(raw: {
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean };
  ContainersRunning?: number;
  NCPU?: number;
  MemTotal?: number;
}): EngineInfo {
  const state = (SWARM_STATES as readonly string[]).includes(raw.Swarm?.LocalNodeState ?? '') ? (raw.Swarm?.LocalNodeState as SwarmState) : 'unknown';
  return {
    swarm: { state, isManager: state === 'active' && raw.Swarm?.ControlAvailable === true },
    containersRunning: raw.ContainersRunning ?? 0,
    cpus: raw.NCPU ?? 0,
    memTotalBytes: raw.MemTotal ?? 0,
  };
}

export function toContainerRow(raw: { Id: string; Names?: string[]; State?: string; Labels?: Record<string, string> }): ContainerRow {
  return { id: raw.Id, name: (raw.Names?.[0] ?? '').replace(/^\//, ''), state: raw.State ?? 'unknown', labels: raw.Labels ?? {} };
}

export function toNetworkRow(raw: {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Options?: Record<string, string> | null;
}): NetworkRow {
  const subnets = (raw.IPAM?.Config ?? [])
    .filter((c) => typeof c.Subnet === 'string')
    .map((c) => (c.Gateway ? { subnet: c.Subnet as string, gateway: c.Gateway } : { subnet: c.Subnet as string }));
  return { id: raw.Id, name: raw.Name, driver: raw.Driver ?? '', scope: raw.Scope ?? '', labels: raw.Labels ?? {}, subnets, options: raw.Options ?? {} };
}
