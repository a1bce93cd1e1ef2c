/**
 * The topology scene as plain text, one character per cell: what the console prints in place of
 * the PNG. Boxes are drawn with + - |, the dashed namespace around a bridge with . and :, cables
 * with | and - (a cable whose far end was not seen with : and .), ports with o.
 */
import type { Scene, SceneItem } from './layout.ts';

function paint(grid: string[][], x: number, y: number, ch: string): void {
  const row = grid[y];
  if (row && x >= 0 && x < row.length) row[x] = ch;
}

function drawItem(grid: string[][], item: SceneItem): void {
  switch (item.kind) {
    case 'box': {
      const dashed = item.style === 'band';
      const [h, v, corner] = dashed ? ['.', ':', '.'] : ['-', '|', '+'];
      const right = item.x + item.w - 1;
      const bottom = item.y + item.h - 1;
      for (let x = item.x; x <= right; x++) {
        paint(grid, x, item.y, h);
        paint(grid, x, bottom, h);
      }
      for (let y = item.y; y <= bottom; y++) {
        paint(grid, item.x, y, v);
        paint(grid, right, y, v);
      }
      for (const [x, y] of [[item.x, item.y], [right, item.y], [item.x, bottom], [right, bottom]] as const) paint(grid, x, y, corner);
      return;
    }
    case 'text':
      [...item.text].forEach((ch, i) => paint(grid, item.x + i, item.y, ch));
      return;
    case 'wire':
      for (let i = 1; i < item.points.length; i++) {
        const [x1, y1] = item.points[i - 1]!;
        const [x2, y2] = item.points[i]!;
        const vertical = x1 === x2;
        const ch = vertical ? (item.seen ? '|' : ':') : item.seen ? '-' : '.';
        for (let x = Math.min(x1, x2); x <= Math.max(x1, x2); x++) for (let y = Math.min(y1, y2); y <= Math.max(y1, y2); y++) paint(grid, x, y, ch);
        if (i > 1) paint(grid, x1, y1, '+');
      }
      return;
    case 'port':
      paint(grid, item.x, item.y, 'o');
      return;
  }
}

export function renderAscii(scene: Scene): string {
  const grid = Array.from({ length: scene.rows }, () => Array<string>(scene.cols).fill(' '));
  for (const item of scene.items) drawItem(grid, item);
  return grid.map((row) => row.join('').trimEnd()).join('\n');
}
