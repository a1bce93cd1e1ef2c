/**
 * The labels on every container and network netlab creates, from this one function, so tools,
 * people and the reaper can find them: `docker ps --filter label=netlab.managed=true`.
 */
import type { Labels } from './engine/engine.ts';

export const LABEL_MANAGED = 'netlab.managed';
export const LABEL_RUN = 'netlab.run';
export const LABEL_EXPIRES = 'netlab.expires';
export const LABEL_SCENARIO = 'netlab.scenario';
export const LABEL_ROLE = 'netlab.role';
/** On warm-pool containers only: the id of the pool (one per process) that made them. */
export const LABEL_POOL = 'netlab.pool';
/** The netlab process that created the resource (see owner.ts): its lease says whether it lives. */
export const LABEL_OWNER = 'netlab.owner';

/** The filter that selects everything netlab manages. */
export const MANAGED_FILTER: Labels = Object.freeze({ [LABEL_MANAGED]: 'true' });

export interface LabelInput {
  readonly runId: string;
  readonly scenario: string;
  /** Epoch ms after which the reaper may remove the resource even if no process claims it. */
  readonly expiresAt: number;
  readonly role?: string;
  /** Set on containers a warm pool pre-started; they keep it after a run adopts them. */
  readonly pool?: string;
  /** The creating process's owner id. */
  readonly owner?: string;
}

export function netlabLabels(input: LabelInput): Labels {
  return Object.freeze({
    [LABEL_MANAGED]: 'true',
    [LABEL_RUN]: input.runId,
    [LABEL_EXPIRES]: String(Math.round(input.expiresAt)),
    [LABEL_SCENARIO]: input.scenario,
    ...(input.role ? { [LABEL_ROLE]: input.role } : {}),
    ...(input.pool ? { [LABEL_POOL]: input.pool } : {}),
    ...(input.owner ? { [LABEL_OWNER]: input.owner } : {}),
  });
}

export interface ManagedLabels {
  readonly runId: string;
  /** NaN-safe: a missing or malformed expiry reads as 0 (already expired). */
  readonly expiresAt: number;
  readonly scenario: string | undefined;
  /** undefined on resources made before owners existed. */
  readonly owner: string | undefined;
}

/** Reads netlab's labels back; undefined for resources netlab does not manage. */
export function readNetlabLabels(labels: Labels): ManagedLabels | undefined {
  if (labels[LABEL_MANAGED] !== 'true') return undefined;
  const expiresAt = Number(labels[LABEL_EXPIRES]);
  return { runId: labels[LABEL_RUN] ?? '', expiresAt: Number.isFinite(expiresAt) ? expiresAt : 0, scenario: labels[LABEL_SCENARIO], owner: labels[LABEL_OWNER] };
}
