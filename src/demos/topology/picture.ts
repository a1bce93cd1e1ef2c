/**
 * One topology, drawn three ways from one layout: the SVG, its PNG (what Discord shows) and the
 * ASCII version (what a terminal shows). The PNG needs resvg's native binary; should it fail,
 * the picture still has its ASCII version and the demo still answers.
 */
import { renderAscii } from './ascii.ts';
import { layoutTopology } from './layout.ts';
import type { Topology } from './model.ts';
import { renderPng } from './png.ts';
import { renderSvg, svgSize } from './svg.ts';

export interface TopologyPicture {
  readonly topology: Topology;
  readonly svg: string;
  /** Undefined when the PNG could not be rendered here (see `pngError`). */
  readonly png: Buffer | undefined;
  readonly pngError?: string;
  readonly ascii: string;
}

export async function drawTopology(topology: Topology): Promise<TopologyPicture> {
  const scene = layoutTopology(topology);
  const svg = renderSvg(scene);
  const ascii = renderAscii(scene);
  try {
    return { topology, svg, png: await renderPng(svg, svgSize(scene)), ascii };
  } catch (error) {
    return { topology, svg, png: undefined, pngError: error instanceof Error ? error.message : String(error), ascii };
  }
}
