/**
 * Array storage for the Brian2 export: base64 of little-endian bytes (arrays inlined in the
 * script) and numpy's `.npz` (a zip of `.npy` files, for arrays too large to inline).
 *
 * Written here rather than imported: both are a few dozen lines over fixed formats, must run in
 * the browser as well as Node (no Buffer, no zlib), and the zip is "stored" (uncompressed), the
 * simplest form `numpy.load` reads.
 *   .npy v1.0: "\x93NUMPY" 1 0, header length (uint16 LE), a Python dict literal
 *              {'descr': '<f8', 'fortran_order': False, 'shape': (n,), } padded with spaces to a
 *              multiple of 64 bytes and ending in "\n", then the raw data.
 *   zip:       per entry a local header (30 bytes + name) and the data; then the central
 *              directory (46 bytes + name per entry) and the end record (22 bytes). CRC-32 with the
 *              reflected polynomial 0xEDB88320.
 */
import { ParameterError } from '../errors';

/** An array as the export stores it: int32 indices or float64 values. */
export type ExportArray = Int32Array | Float64Array;

/** numpy dtype string of an array (little-endian). */
export function dtypeOf(a: ExportArray): '<i4' | '<f8' {
  return a[Symbol.toStringTag] === 'Int32Array' ? '<i4' : '<f8';
}

/** The array's bytes, little-endian (the platform order of typed arrays is checked once). */
export function littleEndianBytes(a: ExportArray): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const out = new Uint8Array(bytes.length);
  const w = a.BYTES_PER_ELEMENT;
  for (let k = 0; k < bytes.length; k += w) for (let b = 0; b < w; b++) out[k + b] = bytes[k + w - 1 - b];
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, with padding) of `bytes`. */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  const n = bytes.length;
  let k = 0;
  for (; k + 2 < n; k += 3) {
    const x = (bytes[k] << 16) | (bytes[k + 1] << 8) | bytes[k + 2];
    line += B64[x >> 18] + B64[(x >> 12) & 63] + B64[(x >> 6) & 63] + B64[x & 63];
    if (line.length >= 8192) {
      parts.push(line);
      line = '';
    }
  }
  if (k < n) {
    const x = (bytes[k] << 16) | ((k + 1 < n ? bytes[k + 1] : 0) << 8);
    line += B64[x >> 18] + B64[(x >> 12) & 63] + (k + 1 < n ? B64[(x >> 6) & 63] : '=') + '=';
  }
  parts.push(line);
  return parts.join('');
}

/** One `.npy` file (format 1.0) holding a 1-D array. */
export function npy(a: ExportArray): Uint8Array {
  let header = `{'descr': '${dtypeOf(a)}', 'fortran_order': False, 'shape': (${a.length},), }`;
  // magic (6) + version (2) + header length (2) + header + "\n" is a multiple of 64
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const data = littleEndianBytes(a);
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
  for (let k = 0; k < header.length; k++) out[10 + k] = header.charCodeAt(k);
  out.set(data, 10 + header.length);
  return out;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (zip's, reflected polynomial 0xEDB88320) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let k = 0; k < bytes.length; k++) c = crcTable[(c ^ bytes[k]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A `.npz` file: every named array as `<name>.npy` in an uncompressed zip, read in Python with
 * `numpy.load(path)[name]`. Names: letters, digits and `_` (they become zip entry names).
 */
export function npz(arrays: ReadonlyMap<string, ExportArray>): Uint8Array {
  const entries: { name: Uint8Array; data: Uint8Array; crc: number; offset: number }[] = [];
  let offset = 0;
  for (const [name, a] of arrays) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ParameterError('array name', name, 'letters, digits and _');
    const data = npy(a);
    const fileName = new TextEncoder().encode(`${name}.npy`);
    entries.push({ name: fileName, data, crc: crc32(data), offset });
    offset += 30 + fileName.length + data.length;
  }
  const centralSize = entries.reduce((s, e) => s + 46 + e.name.length, 0);
  const total = offset + centralSize + 22;
  if (total >= 0xffffffff || entries.length >= 0xffff) {
    throw new ParameterError('arrays', `${total} bytes in ${entries.length} arrays`, 'less than 4 GiB and 65535 arrays (zip without zip64)');
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let p = 0;
  for (const e of entries) {
    view.setUint32(p, 0x04034b50, true); // local file header
    view.setUint16(p + 4, 20, true); // version needed: 2.0
    view.setUint16(p + 6, 0, true); // flags
    view.setUint16(p + 8, 0, true); // method: stored
    view.setUint16(p + 10, 0, true); // time
    view.setUint16(p + 12, 0x21, true); // date: 1980-01-01
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.data.length, true);
    view.setUint32(p + 22, e.data.length, true);
    view.setUint16(p + 26, e.name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.name, p + 30);
    out.set(e.data, p + 30 + e.name.length);
    p += 30 + e.name.length + e.data.length;
  }
  const centralStart = p;
  for (const e of entries) {
    view.setUint32(p, 0x02014b50, true); // central directory header
    view.setUint16(p + 4, 20, true); // made by
    view.setUint16(p + 6, 20, true); // needed
    view.setUint16(p + 8, 0, true);
    view.setUint16(p + 10, 0, true);
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, 0x21, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.data.length, true);
    view.setUint32(p + 24, e.data.length, true);
    view.setUint16(p + 28, e.name.length, true);
    // extra, comment, disk, internal attributes: 0; external attributes 0; offset of local header
    view.setUint32(p + 42, e.offset, true);
    out.set(e.name, p + 46);
    p += 46 + e.name.length;
  }
  view.setUint32(p, 0x06054b50, true); // end of central directory
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - centralStart, true);
  view.setUint32(p + 16, centralStart, true);
  return out;
}
