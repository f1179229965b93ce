import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// a CommonJS module whose export is the function itself, typed as `export default`
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

/** The text of a QR code in a PNG image, or null when jsQR finds none. */
export function decodePng(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/**
 * The text of a QR code drawn by the qrcode package's SVG renderer, whose dark modules are one path of
 * horizontal runs ("M4 4.5h7m1 0h1…"): painted into a bitmap, 8 px a module, and read by jsQR.
 */
export function decodeQrSvg(svg: string): string | null {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !d) return null;
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args!
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (op === 'M') [x, y] = [n[0]!, n[1]!];
    else if (op === 'm') [x, y] = [x + n[0]!, y + n[1]!];
    else {
      const to = op === 'h' ? x + n[0]! : n[0]!;
      for (let c = x; c < to; c++) dark.add(`${c},${Math.floor(y)}`);
      x = to;
    }
  }
  const scale = 8;
  const px = size * scale;
  const data = new Uint8ClampedArray(px * px * 4);
  for (let i = 0; i < px * px; i++) {
    const on = dark.has(`${Math.floor((i % px) / scale)},${Math.floor(Math.floor(i / px) / scale)}`);
    data.fill(on ? 0 : 255, i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  return jsQR(data, px, px)?.data ?? null;
}
