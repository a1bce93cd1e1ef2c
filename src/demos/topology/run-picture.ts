/**
 * The picture of one run, drawn once however many members got that run (a shared live run,
 * src/docker/coalesce.ts): thirty PNG renders of the same namespaces would cost the bot seconds
 * of CPU and tens of MiB at the very moment a class is waiting. Kept only for the last few runs,
 * since members share a run only while it is going.
 */
import type { DemoResult } from '../../docker/result.ts';
import { topologyOfRun, type TopologyOptions } from './from-report.ts';
import { drawTopology, type TopologyPicture } from './picture.ts';

/** Runs whose picture is kept: more than the runs that can be shared at once. */
export const RUN_PICTURES_KEPT = 16;

const pictures = new Map<string, Promise<TopologyPicture>>();

export function pictureOfRun(report: DemoResult, options: TopologyOptions): Promise<TopologyPicture> {
  const key = `${report.runId}:${JSON.stringify(options)}`;
  let picture = pictures.get(key);
  if (!picture) {
    picture = drawTopology(topologyOfRun(report, options));
    pictures.set(key, picture);
    picture.catch(() => pictures.delete(key));
    while (pictures.size > RUN_PICTURES_KEPT) pictures.delete(pictures.keys().next().value!);
  }
  return picture;
}
