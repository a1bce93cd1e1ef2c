// Drawing a topology: the SVG and ASCII of fixed models are kept as snapshots (a change to the
// picture shows in review); the PNG has the size the renderer sets and real drawing in it; the
// ASCII version is the same diagram as the SVG; every picture stays readable on a phone.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DemoResult } from '../../src/docker/result.ts';
import { topologyOfRun } from '../../src/demos/topology/from-report.ts';
import { layoutTopology } from '../../src/demos/topology/layout.ts';
import { MODE_TOPOLOGIES } from '../../src/demos/topology/modes.ts';
import { renderAscii } from '../../src/demos/topology/ascii.ts';
import { drawTopology } from '../../src/demos/topology/picture.ts';
import { PNG_MAX_PIXELS, PNG_MAX_WIDTH, PNG_SCALE, pngWidthFor } from '../../src/demos/topology/png.ts';
import { FONT_SIZE, renderSvg, svgSize } from '../../src/demos/topology/svg.ts';

const report = (name: string): DemoResult => JSON.parse(readFileSync(new URL(`./fixtures/topology/${name}-report.json`, import.meta.url), 'utf8')) as DemoResult;
const RUNS = { bridge: report('bridge'), p2p: report('p2p'), dns: report('dns') };

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what resvg writes). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // 8-bit RGBA, not interlaced
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter]!;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** Pixels that are not the white background, and how many distinct colours they use. */
function drawing(pixels: Buffer): { inked: number; colours: number } {
  let inked = 0;
  const colours = new Set<number>();
  for (let i = 0; i < pixels.length; i += 4) {
    const rgb = (pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!;
    if (rgb !== 0xffffff) inked++;
    colours.add(rgb);
  }
  return { inked, colours: colours.size };
}

describe('SVG and ASCII of the fixed models (/modes)', () => {
  it.each(Object.keys(MODE_TOPOLOGIES))('%s matches its snapshots', async (key) => {
    const scene = layoutTopology(MODE_TOPOLOGIES[key]!);
    await expect(renderSvg(scene)).toMatchFileSnapshot(`./__snapshots__/topology/${key}.svg`);
    const { ascii } = await drawTopology(MODE_TOPOLOGIES[key]!);
    await expect(`${ascii}\n`).toMatchFileSnapshot(`./__snapshots__/topology/${key}.txt`);
  });

  it('draws the same diagram in ASCII as in SVG: every label of the SVG is in the ASCII at the same cell', () => {
    for (const topology of Object.values(MODE_TOPOLOGIES)) {
      const scene = layoutTopology(topology);
      const lines = renderAscii(scene).split('\n');
      for (const item of scene.items) if (item.kind === 'text') expect(lines[item.y]?.slice(item.x, item.x + item.text.length)).toBe(item.text);
    }
  });
});

describe('the PNG', () => {
  it.each(Object.entries(RUNS))('of a real %s run has the size the renderer sets and real drawing in it', async (_name, run) => {
    const picture = await drawTopology(topologyOfRun(run, { redact: true }));
    const { width, height, pixels } = decodePng(picture.png!);
    const svg = svgSize(layoutTopology(picture.topology));
    expect(width).toBe(pngWidthFor(svg.width, svg.height));
    expect(width).toBeLessThanOrEqual(PNG_MAX_WIDTH);
    expect(width * height).toBeLessThanOrEqual(PNG_MAX_PIXELS * 1.01); // rounding of the height
    expect(Math.abs(height - (svg.height * width) / svg.width)).toBeLessThanOrEqual(1);
    const { inked, colours } = drawing(pixels);
    expect(inked / (width * height)).toBeGreaterThan(0.2); // boxes, bands, text: far from a blank page
    expect(colours).toBeGreaterThan(20); // fills, strokes and anti-aliased text
  });

  it('is blank where the SVG draws nothing, so the pixel count above measures drawing', async () => {
    const empty = await drawTopology({ title: '', sections: [] });
    const { pixels } = decodePng(empty.png!);
    expect(drawing(pixels).inked).toBe(0);
  });

  it('stays readable shown 400 px wide on a phone: text at least 9 px, no picture wider than the limit', () => {
    const topologies = [...Object.values(MODE_TOPOLOGIES), ...Object.values(RUNS).map((r) => topologyOfRun(r, { redact: true }))];
    for (const topology of topologies) {
      const { width, height } = svgSize(layoutTopology(topology));
      expect(pngWidthFor(width, height)).toBeLessThanOrEqual(PNG_MAX_WIDTH);
      expect(pngWidthFor(width, height)).toBeGreaterThanOrEqual(width); // never below the SVG's own size
      expect((FONT_SIZE * 400) / width, topology.title).toBeGreaterThanOrEqual(9);
    }
  });

  it('draws small pictures at the full scale and only the tallest ones smaller, never below the SVG size', () => {
    expect(pngWidthFor(400, 300)).toBe(400 * PNG_SCALE);
    const tall = pngWidthFor(463, 762); // dns's picture: 1.5 × would be 695 × 1144 px
    expect(tall).toBeLessThan(463 * PNG_SCALE);
    expect(tall * Math.round((762 * tall) / 463)).toBeLessThanOrEqual(PNG_MAX_PIXELS * 1.01);
    expect(pngWidthFor(1000, 2000)).toBe(1000); // huge: the SVG's own size
    expect(pngWidthFor(2000, 100)).toBe(PNG_MAX_WIDTH);
  });

  it('has ASCII labels only, whatever a name holds', () => {
    const scene = layoutTopology({ title: 'café 网络', sections: [{ namespaces: [{ id: 'x', title: 'démo', interfaces: [] }], switches: [], cables: [] }] });
    const printable = (text: string) => text.split('\n').every((line) => /^[ -~]*$/.test(line));
    expect(printable(renderSvg(scene))).toBe(true);
    expect(printable(renderAscii(scene))).toBe(true);
    expect(renderAscii(scene)).toContain('caf? ??');
  });
});
