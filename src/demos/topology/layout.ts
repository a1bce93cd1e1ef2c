/**
 * Lays a topology out on a grid of monospace character cells, once for both drawings: the SVG
 * scales each cell to pixels and the ASCII version prints one character per cell, so the console
 * shows the very same diagram as the PNG. Portrait by design (phones): a section's namespaces
 * side by side, the bridges they plug into below them, sections one under the other.
 *
 *   +- demo-bridge ------------+          namespace box (title, how it got there, interfaces)
 *   | 2618: eth0@if2619        |
 *   +--o-----------------------+          port: where the veth pair leaves the namespace
 *   .- host -------------------------.    the namespace the switch lives in (dashed)
 *   :  | 2619: veth9e1547f           :    the far end of the pair, as the host saw it
 *   :  | @if2618                     :
 *   : +o---------------------------+ :
 *   : | 5: docker0                 | :    the switch: bridge, overlay namespace or NIC
 */
import { interfaceLabel, type Topology, type TopologyCable, type TopologyNamespace, type TopologySection, type TopologySwitch } from './model.ts';

export type TextStyle = 'heading' | 'title' | 'subtitle' | 'iface' | 'address' | 'note' | 'far' | 'where' | 'switch';
export type BoxStyle = 'namespace' | 'switch' | 'overlay' | 'nic' | 'band';

export interface SceneBox {
  readonly kind: 'box';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly style: BoxStyle;
}
export interface SceneText {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly style: TextStyle;
}
/** A cable through cell centres; `seen` is false when its far end was not observed. */
export interface SceneWire {
  readonly kind: 'wire';
  readonly points: readonly (readonly [number, number])[];
  readonly seen: boolean;
}
export interface ScenePort {
  readonly kind: 'port';
  readonly x: number;
  readonly y: number;
}
export type SceneItem = SceneBox | SceneText | SceneWire | ScenePort;

export interface Scene {
  /** Size in cells. */
  readonly cols: number;
  readonly rows: number;
  /** Painted in order: later items on top. */
  readonly items: readonly SceneItem[];
}

/** Only printable ASCII reaches the picture: the renderers need no other glyphs. */
export const asciiOnly = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

const BOX_GAP = 2;
/** Room between two namespaces joined by a cable, for its label. */
const DIRECT_GAP = 13;
const BAND_MARGIN = 2;
const MIN_BOX = 20;

interface BoxLine {
  readonly text: string;
  readonly style: TextStyle;
  /** Set on an interface's first line: where its cable leaves the box. */
  readonly iface?: string;
}

function namespaceLines(ns: TopologyNamespace): BoxLine[] {
  const lines: BoxLine[] = [{ text: ns.title, style: 'title' }];
  if (ns.subtitle) lines.push({ text: ns.subtitle, style: 'subtitle' });
  for (const i of ns.interfaces) {
    if (i.name === 'lo') {
      lines.push({ text: `${interfaceLabel(i)} ${i.addresses.join(' ')}`.trimEnd(), style: 'iface', iface: i.name });
      continue;
    }
    lines.push({ text: interfaceLabel(i), style: 'iface', iface: i.name });
    for (const a of i.addresses) lines.push({ text: `  ${a}`, style: 'address' });
    if (i.mtu !== undefined) lines.push({ text: `  mtu ${i.mtu}`, style: 'note' });
  }
  if (ns.note) lines.push({ text: ns.note, style: 'note' });
  return lines.map((l) => ({ ...l, text: asciiOnly(l.text) }));
}

function switchLines(sw: TopologySwitch): BoxLine[] {
  return [{ text: sw.name, style: 'switch' as TextStyle }, ...sw.lines.map((text) => ({ text, style: 'note' as TextStyle }))].map((l) => ({ ...l, text: asciiOnly(l.text) }));
}

const widest = (lines: readonly BoxLine[]) => Math.max(0, ...lines.map((l) => l.text.length));

/** What the far end of a cable is called beside its wire: ip's header for it, over two lines to stay narrow. */
export function farLabel(cable: Extract<TopologyCable, { kind: 'to-switch' }>, peerIndex: number | undefined): string[] {
  if (cable.far) {
    const { name, index, peerIndex: back } = cable.far;
    return [asciiOnly(`${index}: ${name}`), ...(back === undefined ? [] : [`@if${back}`])];
  }
  return [peerIndex === undefined ? 'other end: not seen' : `other end: if${peerIndex}`];
}

interface Placed<T> {
  readonly item: T;
  readonly lines: BoxLine[];
  x: number;
  w: number;
}

class SceneBuilder {
  readonly items: SceneItem[] = [];
  cols = 0;

  box(x: number, y: number, w: number, h: number, style: BoxStyle): void {
    this.items.push({ kind: 'box', x, y, w, h, style });
    this.cols = Math.max(this.cols, x + w);
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const indent = text.length - text.trimStart().length; // an indent moves the text, so SVG keeps it
    this.items.push({ kind: 'text', x: x + indent, y, text: asciiOnly(text.trimStart()), style });
    this.cols = Math.max(this.cols, x + text.length);
  }

  lines(x: number, y: number, lines: readonly BoxLine[]): void {
    lines.forEach((l, i) => this.text(x, y + i, l.text, l.style));
  }
}

/** Lays out one section from row `top`; returns the first row below it. */
function layoutSection(scene: SceneBuilder, section: TopologySection, top: number): number {
  const cables = section.cables;
  const direct = cables.filter((c) => c.kind === 'direct');
  const toSwitch = cables.filter((c): c is Extract<TopologyCable, { kind: 'to-switch' }> => c.kind === 'to-switch');
  const ifaceOf = (ns: string, name: string) => section.namespaces.find((n) => n.id === ns)?.interfaces.find((i) => i.name === name);

  // Namespace boxes, wide enough for their text and for the far-end labels beside their wires.
  const boxes: Placed<TopologyNamespace>[] = section.namespaces.map((ns) => {
    const lines = namespaceLines(ns);
    const labels = toSwitch.filter((c) => c.namespace === ns.id).map((c) => Math.max(...farLabel(c, ifaceOf(c.namespace, c.iface)?.peerIndex).map((l) => l.length)) + 8);
    return { item: ns, lines, x: 0, w: Math.max(MIN_BOX, widest(lines) + 4, ...labels), };
  });
  // Switches grouped into dashed bands by the namespace they live in.
  const switches: Placed<TopologySwitch>[] = section.switches.map((sw) => {
    const lines = switchLines(sw);
    return { item: sw, lines, x: 0, w: Math.max(MIN_BOX, widest(lines) + 4) };
  });
  const bands: { where: string; members: Placed<TopologySwitch>[]; x: number; w: number }[] = [];
  for (const sw of switches) {
    const last = bands.at(-1);
    if (last && last.where === sw.item.where) last.members.push(sw);
    else bands.push({ where: sw.item.where, members: [sw], x: 0, w: 0 });
  }

  for (const band of bands) {
    const short = band.where.length + 8 - (band.members.reduce((n, s) => n + s.w, 0) + BOX_GAP * (band.members.length - 1) + 2 * BAND_MARGIN);
    if (short > 0) band.members.at(-1)!.w += short; // room for the band's own label
  }
  const gap = direct.length > 0 ? DIRECT_GAP : BOX_GAP;
  const topWidth = boxes.reduce((n, b) => n + b.w, 0) + gap * Math.max(0, boxes.length - 1);
  const bandWidth = (band: (typeof bands)[number]) => band.members.reduce((n, s) => n + s.w, 0) + BOX_GAP * (band.members.length - 1) + 2 * BAND_MARGIN;
  const bottomWidth = bands.reduce((n, b) => n + bandWidth(b), 0) + Math.max(0, bands.length - 1);
  const width = Math.max(topWidth, bottomWidth);
  // Stretch the narrower row's last element, so a bridge spans every box above it.
  if (boxes.length > 0 && topWidth < width) boxes.at(-1)!.w += width - topWidth;
  if (bands.length > 0 && bottomWidth < width) bands.at(-1)!.members.at(-1)!.w += width - bottomWidth;

  let x = 0;
  for (const b of boxes) {
    b.x = x;
    x += b.w + gap;
  }
  x = 0;
  for (const band of bands) {
    band.x = x;
    let inner = x + BAND_MARGIN;
    for (const sw of band.members) {
      sw.x = inner;
      inner += sw.w + BOX_GAP;
    }
    band.w = bandWidth(band);
    x += band.w + 1;
  }

  const boxHeight = Math.max(0, ...boxes.map((b) => b.lines.length + 2));
  const bottom = top + boxHeight - 1;
  for (const b of boxes) {
    scene.box(b.x, top, b.w, boxHeight, 'namespace');
    scene.lines(b.x + 2, top + 1, b.lines);
  }
  const rowOf = (b: Placed<TopologyNamespace>, iface: string) => top + 1 + b.lines.findIndex((l) => l.iface === iface);

  for (const c of direct) {
    const a = boxes.find((b) => b.item.id === c.from.namespace)!;
    const b = boxes.find((box) => box.item.id === c.to.namespace)!;
    const [ya, yb] = [rowOf(a, c.from.iface), rowOf(b, c.to.iface)];
    const [xa, xb] = [a.x + a.w - 1, b.x];
    const mid = Math.floor((xa + xb) / 2);
    const points: [number, number][] = ya === yb ? [[xa, ya], [xb, yb]] : [[xa, ya], [mid, ya], [mid, yb], [xb, yb]];
    scene.items.push({ kind: 'wire', points, seen: c.matched }, { kind: 'port', x: xa, y: ya }, { kind: 'port', x: xb, y: yb });
    scene.text(xa + Math.max(1, Math.floor((xb - xa - c.label.length) / 2)), Math.max(ya, yb) + 1, c.label, 'far');
  }

  if (bands.length === 0) return bottom + 1;
  const bandTop = bottom + 2;
  const labelRow = bandTop + 1;
  const switchTop = bandTop + 4;
  const switchHeight = Math.max(...switches.map((s) => s.lines.length + 2));
  const bandBottom = switchTop + switchHeight;
  for (const band of bands) {
    scene.box(band.x, bandTop, band.w, bandBottom - bandTop + 1, 'band');
    // At the band's right end: the cables come down on the left.
    scene.text(band.x + band.w - band.where.length - 4, bandTop, ` ${band.where} `, 'where');
    for (const sw of band.members) {
      scene.box(sw.x, switchTop, sw.w, switchHeight, sw.item.kind === 'bridge' ? 'switch' : sw.item.kind);
      scene.lines(sw.x + 2, switchTop + 1, sw.lines);
    }
  }
  // One port per cable on the box's bottom edge, above the switch it plugs into.
  const portsUsed = new Set<number>();
  for (const c of toSwitch) {
    const box = boxes.find((b) => b.item.id === c.namespace)!;
    const sw = switches.find((s) => s.item.id === c.switchId)!;
    const within = (col: number) => col >= sw.x + 1 && col <= sw.x + sw.w - 2 && col >= box.x + 1 && col <= box.x + box.w - 2;
    let col = within(box.x + 3) ? box.x + 3 : Math.min(Math.max(sw.x + 3, box.x + 1), box.x + box.w - 2);
    while (portsUsed.has(col)) col += 4;
    portsUsed.add(col);
    scene.items.push({ kind: 'wire', points: [[col, bottom], [col, switchTop]], seen: c.matched }, { kind: 'port', x: col, y: bottom }, { kind: 'port', x: col, y: switchTop });
    // A NIC is the far end itself (macvlan, ipvlan): its box already names it.
    if (sw.item.kind !== 'nic') farLabel(c, ifaceOf(c.namespace, c.iface)?.peerIndex).forEach((line, i) => scene.text(col + 2, labelRow + i, line, 'far'));
  }
  return bandBottom + 1;
}

export function layoutTopology(topology: Topology): Scene {
  const scene = new SceneBuilder();
  scene.text(0, 0, topology.title, 'heading');
  let row = 2;
  for (const section of topology.sections) row = layoutSection(scene, section, row) + 1;
  return { cols: scene.cols, rows: row - 1, items: scene.items };
}
