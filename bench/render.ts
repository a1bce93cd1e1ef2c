/**
 * Part `render`: how long a topology picture takes to draw — the layout, the SVG, the ASCII
 * version and the PNG (resvg on libuv's thread pool, then PNG encoding), what `/demo` pays
 * after its run. Pictures: the reports of real bridge, p2p and dns runs kept for the unit tests
 * (dns is the largest picture a demo draws) and the eight fixed /modes models. Each picture is
 * drawn `warmup` times untimed, then `runs` times one after another, each timed alone with
 * performance.now(); the CPU time of the whole timed loop is read from process.cpuUsage() (it
 * includes resvg's worker thread). No Docker needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoResult } from '../src/docker/result.ts';
import { topologyOfRun } from '../src/demos/topology/from-report.ts';
import { layoutTopology } from '../src/demos/topology/layout.ts';
import type { Topology } from '../src/demos/topology/model.ts';
import { MODE_TOPOLOGIES } from '../src/demos/topology/modes.ts';
import { drawTopology } from '../src/demos/topology/picture.ts';
import { ROOT } from './lib/bot-process.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { renderTable } from './lib/table.ts';

export interface RenderSettings {
  readonly runs: number;
  readonly warmup: number;
}

export const DEFAULT_RENDER_SETTINGS: RenderSettings = { runs: 50, warmup: 5 };

export interface PictureTiming {
  readonly picture: string;
  readonly cells: string;
  readonly png: { readonly width: number; readonly height: number; readonly bytes: number };
  readonly ms: Summary;
  readonly cpuMsPerPicture: number;
}

export interface RenderResults {
  readonly pictures: readonly PictureTiming[];
  /** Every timed render of every picture together. */
  readonly allMs: Summary;
}

function runTopology(name: string): Topology {
  const file = join(ROOT, 'test', 'unit', 'fixtures', 'topology', `${name}-report.json`);
  return topologyOfRun(JSON.parse(readFileSync(file, 'utf8')) as DemoResult, { redact: true });
}

export async function benchRender(settings: RenderSettings): Promise<RenderResults> {
  const pictures: [string, Topology][] = [
    ...(['bridge', 'p2p', 'dns'] as const).map((n): [string, Topology] => [`demo run: ${n}`, runTopology(n)]),
    ...Object.entries(MODE_TOPOLOGIES).map(([key, t]): [string, Topology] => [`/modes: ${key}`, t]),
  ];
  const all: number[] = [];
  const timings: PictureTiming[] = [];
  for (const [name, topology] of pictures) {
    for (let i = 0; i < settings.warmup; i++) await drawTopology(topology);
    const samples: number[] = [];
    const cpuBefore = process.cpuUsage();
    let last = await drawTopology(topology);
    for (let i = 0; i < settings.runs; i++) {
      const t0 = performance.now();
      last = await drawTopology(topology);
      samples.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpuBefore);
    if (!last.png) throw new Error(`no PNG for ${name}: ${last.pngError ?? 'unknown error'}`);
    const scene = layoutTopology(topology);
    all.push(...samples);
    timings.push({
      picture: name,
      cells: `${scene.cols}×${scene.rows}`,
      png: { width: last.png.readUInt32BE(16), height: last.png.readUInt32BE(20), bytes: last.png.length },
      ms: summarize(samples),
      cpuMsPerPicture: Number(((cpu.user + cpu.system) / 1000 / (settings.runs + 1)).toFixed(2)),
    });
  }
  return { pictures: timings, allMs: summarize(all) };
}

export function renderTables(r: RenderResults): string[] {
  return [
    renderTable(
      `render · one topology picture: layout, SVG, ASCII and PNG (ms, ${r.pictures[0]?.ms.n ?? 0} draws each)`,
      ['picture', 'grid', 'PNG px', 'PNG KiB', 'p50', 'p95', 'max', 'CPU ms each'],
      [
        ...r.pictures.map((p) => [p.picture, p.cells, `${p.png.width}×${p.png.height}`, (p.png.bytes / 1024).toFixed(1), p.ms.p50, p.ms.p95, p.ms.max, p.cpuMsPerPicture]),
        ['all pictures', '', '', '', r.allMs.p50, r.allMs.p95, r.allMs.max, ''],
      ],
    ),
  ];
}
