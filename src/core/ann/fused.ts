/**
 * The hot path: one forward + backward pass of the 2-layer ReLU / softmax network. For few inputs
 * and classes (the spiral, D = 2, K = 3) `fusedTwoLayerSoftmax` returns the hidden-unit-major
 * kernel of fused-soa.ts (WebAssembly SIMD for its two hot passes, about 3x faster there, equal to
 * 1e-13); otherwise (images) this one, fused row by row. It computes exactly what the graph's
 * gates compute (affine -> relu -> affine -> softmax cross-entropy and their backward passes),
 * but for one example at a time while its hidden row
 * sits in a small scratch buffer: softmax and its gradient depend on that row only, so the row's
 * backward pass can follow its forward pass at once, and the N x H intermediates never go through
 * memory. Inactive ReLU units (h = 0) are skipped in the second layer and in the whole backward
 * pass, since every gradient through them is zero.
 *
 * The row kernel is one ordinary function for every shape (loops over D inputs and K classes,
 * scratch rows hs, dz, s, g passed in); it serves the shapes the hidden-unit-major kernel does not
 * take (images: many inputs, blank pixels skipped). Trainer uses the fused kernel for all but the
 * last iteration of each step(k), and the graph's gates for the last, so every node still shows
 * the last iteration's values and gradients; a test checks both paths give the same weights.
 */
import { soaKernel, soaFits } from './fused-soa';

/**
 * Accumulates into dW1 (D x H), db1 (H), dW2 (H x K), db2 (K) the gradient of the mean softmax
 * cross-entropy over n rows of X (n x D) with labels y, and returns that mean loss (without the
 * L2 term). The gradient buffers must be zeroed by the caller. `hs` (H) and `dz` (H), `s` and `g`
 * (K) are scratch.
 */
export type FusedKernel = (
  X: Float64Array, y: Int32Array, n: number,
  W1: Float64Array, b1: Float64Array, W2: Float64Array, b2: Float64Array,
  dW1: Float64Array, db1: Float64Array, dW2: Float64Array, db2: Float64Array,
  hs: Float64Array, dz: Float64Array, s: Float64Array, g: Float64Array,
) => number;

const cache = new Map<string, FusedKernel>();

/** The row-by-row kernel whatever the shape (the reference the hidden-unit-major kernel is tested against). */
export function fusedRowKernel(D: number, H: number, K: number): FusedKernel {
  return (X, y, n, W1, b1, W2, b2, dW1, db1, dW2, db2, hs, dz, s, g) => fusedRows(D, H, K, X, y, n, W1, b1, W2, b2, dW1, db1, dW2, db2, hs, dz, s, g);
}

/**
 * The fused kernel for input dimension D, H hidden units and K classes: hidden-unit-major over
 * columns (fused-soa.ts) for few inputs and classes (D <= 4, K <= 8, e.g. the spiral), else row
 * by row (below). Where both apply they agree to 1e-13 (the column kernel sums rows in two lanes).
 */
export function fusedTwoLayerSoftmax(D: number, H: number, K: number, engine: 'wasm' | 'js' = 'wasm'): FusedKernel {
  const key = `${D},${H},${K},${engine}`;
  let kernel = cache.get(key);
  if (!kernel) {
    kernel = soaFits(D, K) ? soaKernel(D, H, K, engine) : fusedRowKernel(D, H, K);
    cache.set(key, kernel);
  }
  return kernel;
}

/**
 * The row-by-row pass: for each row i, forward (z = x W1 + b1 into hs, h = relu(z), scores =
 * h W2 + b2 into s), softmax cross-entropy and its gradient g = (p - onehot(y)) / n, then
 * backward through the active hidden units only (dh into dz). Zero inputs (blank pixels) are
 * skipped both ways: they add only +-0 to z and to dW1.
 */
function fusedRows(
  D: number, H: number, K: number,
  X: Float64Array, y: Int32Array, n: number,
  W1: Float64Array, b1: Float64Array, W2: Float64Array, b2: Float64Array,
  dW1: Float64Array, db1: Float64Array, dW2: Float64Array, db2: Float64Array,
  hs: Float64Array, dz: Float64Array, s: Float64Array, g: Float64Array,
): number {
  const invN = 1 / n;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const xo = i * D;
    // forward: z = x W1 + b1 (i-k-j into the scratch row), h = relu(z), scores = h W2 + b2
    for (let j = 0; j < H; j++) hs[j] = b1[j];
    for (let k = 0; k < D; k++) {
      const xv = X[xo + k];
      if (xv === 0) continue;
      const wo = k * H;
      for (let j = 0; j < H; j++) hs[j] += xv * W1[wo + j];
    }
    for (let c = 0; c < K; c++) s[c] = b2[c];
    for (let j = 0; j < H; j++) {
      const z = hs[j];
      if (z > 0) {
        const w = j * K;
        for (let c = 0; c < K; c++) s[c] += z * W2[w + c];
      } else hs[j] = 0;
    }
    // softmax cross-entropy and its gradient on this row: g = (p - onehot(y)) / n
    const yi = y[i];
    let m = s[0];
    for (let c = 1; c < K; c++) if (s[c] > m) m = s[c];
    let zs = 0;
    for (let c = 0; c < K; c++) {
      const e = Math.exp(s[c] - m);
      g[c] = e;
      zs += e;
    }
    loss += Math.log(zs) - (s[yi] - m);
    const f = invN / zs;
    for (let c = 0; c < K; c++) g[c] *= f;
    g[yi] -= invN;
    for (let c = 0; c < K; c++) db2[c] += g[c];
    // backward through the active hidden units only
    for (let j = 0; j < H; j++) {
      const h = hs[j];
      if (h === 0) {
        dz[j] = 0;
        continue;
      }
      const w = j * K;
      let dh = 0;
      for (let c = 0; c < K; c++) {
        dh += g[c] * W2[w + c];
        dW2[w + c] += h * g[c];
      }
      db1[j] += dh;
      dz[j] = dh;
    }
    for (let k = 0; k < D; k++) {
      const xv = X[xo + k];
      if (xv === 0) continue;
      const wo = k * H;
      for (let j = 0; j < H; j++) dW1[wo + j] += xv * dz[j];
    }
  }
  return loss * invN;
}
