/**
 * SVG to PNG with resvg (@resvg/resvg-js: prebuilt binaries through npm, no install script).
 * Fonts come from the repository (fonts/, DejaVu Sans Mono) and never from the system, so a
 * picture is the same everywhere, including in an image without any fonts. Scaled 1.5 times for
 * sharp text on phones, and never wider than PNG_MAX_WIDTH.
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

/** The PNG's width for an SVG this wide: PNG_SCALE times, at most PNG_MAX_WIDTH. */
export function pngWidthFor(svgWidth: number): number {
  return Math.min(PNG_MAX_WIDTH, Math.round(svgWidth * PNG_SCALE));
}

/** Rasterises on libuv's thread pool, so the bot's event loop stays free meanwhile; encoding the PNG is quick. */
export async function renderPng(svg: string, svgWidth: number): Promise<Buffer> {
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'width', value: pngWidthFor(svgWidth) },
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
  };
  return (await renderAsync(svg, options)).asPng();
}
