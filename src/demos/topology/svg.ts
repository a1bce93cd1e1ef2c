/**
 * The topology scene as SVG: every grid cell becomes CELL_W × CELL_H pixels of DejaVu Sans Mono
 * at FONT_SIZE, whose advance is exactly one cell, so text lines up with boxes as in the ASCII
 * version. Namespaces are blue boxes, bridges orange, an overlay network's namespace violet,
 * the namespace a switch lives in a dashed grey band; a cable whose far end was not seen is
 * dashed. Deterministic: the same scene always gives the same bytes.
 */
import type { BoxStyle, Scene, SceneItem, TextStyle } from './layout.ts';

export const FONT_FAMILY = 'DejaVu Sans Mono';
export const FONT_SIZE = 14;
/** DejaVu Sans Mono's advance is 1233/2048 em. */
export const CELL_W = (FONT_SIZE * 1233) / 2048;
export const CELL_H = 18;
const PAD = 12;
const BASELINE = 13;

const BOX: Readonly<Record<BoxStyle, { fill: string; stroke: string; dash?: string; radius: number }>> = {
  namespace: { fill: '#eaf2fb', stroke: '#2b5d8a', radius: 6 },
  switch: { fill: '#fff3df', stroke: '#b86e00', radius: 3 },
  overlay: { fill: '#f1ebfb', stroke: '#6a4bb0', radius: 3 },
  nic: { fill: '#e9f6ea', stroke: '#2e7d32', radius: 3 },
  band: { fill: '#f7f7f7', stroke: '#8a8a8a', dash: '6 4', radius: 8 },
};

const TEXT: Readonly<Record<TextStyle, { fill: string; bold?: boolean }>> = {
  heading: { fill: '#111111', bold: true },
  title: { fill: '#0f2f4f', bold: true },
  subtitle: { fill: '#555555' },
  iface: { fill: '#111111', bold: true },
  address: { fill: '#0a6b2d' },
  note: { fill: '#444444' },
  far: { fill: '#7a4100', bold: true },
  where: { fill: '#555555', bold: true },
  switch: { fill: '#7a4100', bold: true },
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const px = (n: number) => Number(n.toFixed(2));
/** The centre of a cell. */
const cx = (col: number) => px(PAD + (col + 0.5) * CELL_W);
const cy = (row: number) => px(PAD + (row + 0.5) * CELL_H);

function svgItem(item: SceneItem): string {
  switch (item.kind) {
    case 'box': {
      const s = BOX[item.style];
      const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
      return `<rect x="${cx(item.x)}" y="${cy(item.y)}" width="${px((item.w - 1) * CELL_W)}" height="${px((item.h - 1) * CELL_H)}" rx="${s.radius}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="2"${dash}/>`;
    }
    case 'text': {
      const s = TEXT[item.style];
      const x = px(PAD + item.x * CELL_W);
      const y = px(PAD + item.y * CELL_H + BASELINE);
      // A label on a band's edge gets the band's fill behind it, cutting the dashed line.
      const under = item.style === 'where' ? `<rect x="${x}" y="${px(PAD + item.y * CELL_H + 2)}" width="${px(item.text.length * CELL_W)}" height="${CELL_H - 4}" fill="#ffffff"/>` : '';
      return `${under}<text x="${x}" y="${y}" fill="${s.fill}"${s.bold ? ' font-weight="bold"' : ''}>${escape(item.text)}</text>`;
    }
    case 'wire': {
      const points = item.points.map(([x, y]) => `${cx(x)},${cy(y)}`).join(' ');
      return `<polyline points="${points}" fill="none" stroke="${item.seen ? '#222222' : '#777777'}" stroke-width="3"${item.seen ? '' : ' stroke-dasharray="5 4"'}/>`;
    }
    case 'port':
      return `<circle cx="${cx(item.x)}" cy="${cy(item.y)}" r="4.5" fill="#ffffff" stroke="#222222" stroke-width="2"/>`;
  }
}

/** The picture's size in SVG pixels (before the PNG's scale). */
export function svgSize(scene: Scene): { width: number; height: number } {
  return { width: Math.ceil(2 * PAD + scene.cols * CELL_W), height: Math.ceil(2 * PAD + scene.rows * CELL_H) };
}

export function renderSvg(scene: Scene): string {
  const { width, height } = svgSize(scene);
  // Wires under ports, boxes under text: paint boxes and wires first, then ports and text.
  const order = (item: SceneItem) => (item.kind === 'box' ? 0 : item.kind === 'wire' ? 1 : item.kind === 'port' ? 2 : 3);
  const items = [...scene.items].sort((a, b) => order(a) - order(b)).map(svgItem);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xml:space="preserve" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...items,
    '</svg>',
  ].join('\n');
}
