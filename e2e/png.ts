/**
 * A PNG reader for the browser tests, independent of the browser that wrote the file: the
 * signature, the IHDR chunk, the IDAT chunks inflated with Node's zlib, and the five scanline
 * filters undone (PNG specification, section 9: None, Sub, Up, Average, Paeth). Reads the
 * 8-bit, non-interlaced RGB and RGBA files that canvas.toBlob writes; anything else throws.
 */
import { inflateSync } from 'node:zlib';

/** A decoded picture: `rgba` holds width x height pixels, 4 bytes each, row by row. */
export interface DecodedPng {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Decodes PNG bytes (throws on a file it does not read, naming what). */
export function decodePng(bytes: Buffer): DecodedPng {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG: the signature is missing');
  let width = 0, height = 0, colourType = -1;
  const idat: Buffer[] = [];
  for (let o = 8; o < bytes.length; ) {
    const length = bytes.readUInt32BE(o);
    const type = bytes.toString('latin1', o + 4, o + 8);
    const data = bytes.subarray(o + 8, o + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`PNG kind not read here: bit depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      colourType = colour;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    o += 12 + length; // length, type, data, CRC
  }
  if (colourType < 0) throw new Error('PNG without IHDR');
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (stride + 1)) throw new Error(`PNG data of ${raw.length} bytes for ${width} x ${height}`);
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[out + x - channels] : 0; // left
      const b = y > 0 ? rows[out - stride + x] : 0; // above
      const c = x >= channels && y > 0 ? rows[out - stride + x - channels] : 0; // above left
      let p: number;
      switch (filter) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: {
          const e = a + b - c, pa = Math.abs(e - a), pb = Math.abs(e - b), pc = Math.abs(e - c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`PNG row ${y} has filter ${filter}`);
      }
      rows[out + x] = (line[x] + p) & 255;
    }
  }
  if (channels === 4) return { width, height, rgba: rows };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rows.length; i += 3, j += 4) rgba.set([rows[i], rows[i + 1], rows[i + 2], 255], j);
  return { width, height, rgba };
}
