/**
 * SVG to PNG with resvg (@resvg/resvg-js: prebuilt binaries through npm, no install script).
 * Fonts come from the repository (fonts/, DejaVu Sans Mono subset to ASCII, since resvg parses
 * them for every picture) and never from the system, so a picture is the same everywhere,
 * including in an image without any fonts. Scaled 1.5 times for sharp text on phones, never wider
 * than PNG_MAX_WIDTH, and scaled down towards PNG_MAX_PIXELS (but never below the SVG's own size):
 * drawing time grows with the pixel count (resvg fills every glyph), so the largest pictures get a
 * slightly smaller scale instead of a slower render. A phone shows a picture at its own width
 * anyway, so the text looks as large as before; only the extra sharpness shrinks.
 */
import { join } from 'node:path';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { REPO_ROOT } from '../../paths.ts';
import { FONT_FAMILY } from './svg.ts';

export const PNG_SCALE = 1.5;
/** Discord shows pictures smaller anyway; this keeps files small and within the brief's limit. */
export const PNG_MAX_WIDTH = 1200;

const FONTS_DIR = join(REPO_ROOT, 'src', 'demos', 'topology', 'fonts');
const FONT_FILES = [join(FONTS_DIR, 'DejaVuSansMono.ttf'), join(FONTS_DIR, 'DejaVuSansMono-Bold.ttf')];

/**
 * Today it shrinks two pictures: the dns run's (52 × 41 cells, 1.5 × → 1.3 ×) and, by a pixel,
 * the overlay diagram (64 × 25 cells, 846 × 711 → 845 × 710); every other one is below it.
 */
export const PNG_MAX_PIXELS = 600_000;
/** The pixel cap never scales a picture below the SVG's own size (PNG_MAX_WIDTH still can). */
const PNG_MIN_SCALE = 1;

/** The PNG's width for an SVG of this size: PNG_SCALE times, within PNG_MAX_WIDTH and PNG_MAX_PIXELS. */
export function pngWidthFor(svgWidth: number, svgHeight: number): number {
  const byArea = Math.sqrt(PNG_MAX_PIXELS / Math.max(1, svgWidth * svgHeight));
  const scale = Math.max(PNG_MIN_SCALE, Math.min(PNG_SCALE, byArea));
  return Math.min(PNG_MAX_WIDTH, Math.round(svgWidth * scale));
}

/** Rasterises on libuv's thread pool, so the bot's event loop stays free meanwhile; encoding the PNG is quick. */
export async function renderPng(svg: string, size: { width: number; height: number }): Promise<Buffer> {
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'width', value: pngWidthFor(size.width, size.height) },
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
  };
  return (await renderAsync(svg, options)).asPng();
}
