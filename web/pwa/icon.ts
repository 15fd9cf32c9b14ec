/**
 * CCM's app icon, described once as a few geometric shapes (an excavator on an amber tile), from
 * which the build writes both the SVG and the PNG sizes. Drawing the PNGs from the same shapes
 * avoids a native SVG rasteriser dependency; the shapes are simple enough to rasterise here.
 */
import { encodePng } from './png.ts';

type Point = readonly [number, number];
type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; r: number; fill: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'polygon'; points: Point[]; fill: string };

export const ICON_BACKGROUND = '#f5b301';
const INK = '#1d232b';
const SIZE = 512;

/** A straight bar of the given width between two points, as a polygon (round ends come from circles). */
function bar(a: Point, b: Point, width: number): Point[] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = Math.hypot(dx, dy);
  const [nx, ny] = [(-dy / len) * (width / 2), (dx / len) * (width / 2)];
  return [
    [a[0] + nx, a[1] + ny],
    [b[0] + nx, b[1] + ny],
    [b[0] - nx, b[1] - ny],
    [a[0] - nx, a[1] - ny],
  ];
}

/**
 * The excavator stays inside the central circle of radius 0.4 × size, the safe zone of maskable
 * icons, so one drawing serves both the rounded "any" icon and the full-bleed maskable one.
 */
function excavator(): Shape[] {
  const boomFoot: Point = [292, 262];
  const elbow: Point = [346, 166];
  const wrist: Point = [392, 262];
  return [
    { kind: 'rect', x: 132, y: 330, w: 236, h: 50, r: 25, fill: INK },
    { kind: 'circle', cx: 158, cy: 355, r: 12, fill: ICON_BACKGROUND },
    { kind: 'circle', cx: 208, cy: 355, r: 8, fill: ICON_BACKGROUND },
    { kind: 'circle', cx: 250, cy: 355, r: 8, fill: ICON_BACKGROUND },
    { kind: 'circle', cx: 292, cy: 355, r: 8, fill: ICON_BACKGROUND },
    { kind: 'circle', cx: 342, cy: 355, r: 12, fill: ICON_BACKGROUND },
    { kind: 'rect', x: 150, y: 258, w: 170, h: 62, r: 12, fill: INK },
    {
      kind: 'polygon',
      points: [
        [160, 262],
        [160, 190],
        [226, 190],
        [252, 262],
      ],
      fill: INK,
    },
    {
      kind: 'polygon',
      points: [
        [174, 248],
        [174, 204],
        [218, 204],
        [234, 248],
      ],
      fill: ICON_BACKGROUND,
    },
    { kind: 'polygon', points: bar(boomFoot, elbow, 26), fill: INK },
    { kind: 'polygon', points: bar(elbow, wrist, 20), fill: INK },
    { kind: 'circle', cx: boomFoot[0], cy: boomFoot[1], r: 13, fill: INK },
    { kind: 'circle', cx: elbow[0], cy: elbow[1], r: 15, fill: INK },
    { kind: 'circle', cx: elbow[0], cy: elbow[1], r: 5, fill: ICON_BACKGROUND },
    {
      kind: 'polygon',
      points: [
        [372, 256],
        [414, 250],
        [408, 300],
        [384, 312],
        [366, 300],
      ],
      fill: INK,
    },
  ];
}

/** Centres the drawing (its middle is at 273,266) on the tile and enlarges it a little. */
function place(s: Shape): Shape {
  const k = 1.15;
  const x = (v: number) => 256 + (v - 273) * k;
  const y = (v: number) => 256 + (v - 266) * k;
  if (s.kind === 'rect') return { ...s, x: x(s.x), y: y(s.y), w: s.w * k, h: s.h * k, r: s.r * k };
  if (s.kind === 'circle') return { ...s, cx: x(s.cx), cy: y(s.cy), r: s.r * k };
  return { ...s, points: s.points.map(([px, py]) => [x(px), y(py)] as const) };
}

/** The shapes of the icon: `rounded` gives the app-tile look; full bleed is for maskable icons. */
export function iconShapes(rounded: boolean): Shape[] {
  return [
    { kind: 'rect', x: 0, y: 0, w: SIZE, h: SIZE, r: rounded ? 112 : 0, fill: ICON_BACKGROUND },
    ...excavator().map(place),
  ];
}

export function iconSvg(rounded = true): string {
  const body = iconShapes(rounded)
    .map((s) => {
      const f = (v: number) => String(Math.round(v * 100) / 100);
      if (s.kind === 'rect') {
        return `<rect x="${f(s.x)}" y="${f(s.y)}" width="${f(s.w)}" height="${f(s.h)}" rx="${f(s.r)}" fill="${s.fill}"/>`;
      }
      if (s.kind === 'circle')
        return `<circle cx="${f(s.cx)}" cy="${f(s.cy)}" r="${f(s.r)}" fill="${s.fill}"/>`;
      const points = s.points.map(([x, y]) => `${f(x)},${f(y)}`).join(' ');
      return `<polygon points="${points}" fill="${s.fill}"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">${body}</svg>\n`;
}

function inside(s: Shape, x: number, y: number): boolean {
  if (s.kind === 'circle') return (x - s.cx) ** 2 + (y - s.cy) ** 2 <= s.r ** 2;
  if (s.kind === 'rect') {
    if (x < s.x || y < s.y || x > s.x + s.w || y > s.y + s.h) return false;
    // Distance to the nearest corner centre decides the rounded corners.
    const cx = Math.min(Math.max(x, s.x + s.r), s.x + s.w - s.r);
    const cy = Math.min(Math.max(y, s.y + s.r), s.y + s.h - s.r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= s.r ** 2;
  }
  // Even-odd ray casting.
  let hit = false;
  const p = s.points;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const [xi, yi] = p[i];
    const [xj, yj] = p[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function bounds(s: Shape): [number, number, number, number] {
  if (s.kind === 'rect') return [s.x, s.y, s.x + s.w, s.y + s.h];
  if (s.kind === 'circle') return [s.cx - s.r, s.cy - s.r, s.cx + s.r, s.cy + s.r];
  const xs = s.points.map((p) => p[0]);
  const ys = s.points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

/** Rasterises the icon at `size` pixels with 4×4 supersampling, as a PNG file. */
export function iconPng(size: number, rounded = true): Buffer {
  const shapes = iconShapes(rounded).map((s) => ({ s, color: rgb(s.fill), box: bounds(s) }));
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  const scale = SIZE / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) * scale;
          const y = (py + (sy + 0.5) / n) * scale;
          // The last shape containing the sample is the one painted on top.
          for (let k = shapes.length - 1; k >= 0; k--) {
            const { s, box, color: c } = shapes[k];
            // The bounding box rejects most samples before the exact test.
            if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3] && inside(s, x, y)) {
              r += c[0];
              g += c[1];
              b += c[2];
              a += 255;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      const covered = a / 255;
      // Colours are averaged over covered samples only, so edges against transparency stay clean.
      pixels[o] = covered ? Math.round(r / covered) : 0;
      pixels[o + 1] = covered ? Math.round(g / covered) : 0;
      pixels[o + 2] = covered ? Math.round(b / covered) : 0;
      pixels[o + 3] = Math.round(a / (n * n));
    }
  }
  return encodePng(size, size, pixels);
}
