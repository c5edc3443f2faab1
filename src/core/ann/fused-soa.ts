/**
 * The hot path for few inputs (D <= 4) and few classes (K <= 8), e.g. the course's spiral
 * (D = 2, H = 100, K = 3): hidden-unit-major passes over columns (structure of arrays), so the
 * inner loop runs over the n rows as a tight stream while one hidden unit's weights stay put.
 * Same maths as the row-by-row kernel (fused.ts):
 *
 *   pass 0 (rows)           x_k[i] = X[i, k];  s_c[i] = b2_c
 *   pass 1 (j outer, i)     z = ((b1_j + x_0[i] W1[0, j]) + x_1[i] W1[1, j]) + ...;  h = relu(z)
 *                           s_c[i] += h W2[j, c]
 *   pass 2 (rows)           softmax cross-entropy of row i; g_c[i] = (p_c - [y_i = c]) / n;
 *                           db2_c += g_c[i]; loss += log sum_c e^(s_c - m) - (s_y - m)
 *   pass 3 (j outer, i)     z, h recomputed (bit-identical, W1 has not changed);
 *                           dh = ((g_0[i] W2[j, 0] + g_1[i] W2[j, 1]) + ...) if z > 0, else 0
 *                           dW2[j, c] += h g_c[i];  db1_j += dh;  dW1[k, j] += x_k[i] dh
 *                           (sums over rows in two lanes, even and odd rows, added once per unit)
 *
 * Passes 1 and 3 run in WebAssembly SIMD (fused-wasm.ts and fused-soa.wat, two rows per
 * instruction, no branch: the ReLU is a mask) when the engine has it, else in the JavaScript
 * below, which does the same operations in the same order (a row of an inactive unit adds h = 0
 * and dh = 0, as the mask does), so both give bit-identical results (tested); they agree with
 * the row kernel and the graph's gates to 1e-13 (the sums over rows go in two lanes). On the
 * spiral with trained weights the WebAssembly passes make one iteration about 3x faster than
 * either JavaScript kernel. Recomputing z in pass 3 costs D multiply-adds and saves an n x H
 * buffer's writes and reads. The columns (x_k, s_c, g_c, each n long, in the WebAssembly memory
 * when there is one) belong to the kernel and grow when a larger n arrives (never in a
 * steady-state loop). The loops over inputs and classes are ordinary loops over D and K.
 */
import type { FusedKernel } from './fused';
import { soaWasmInstance, type SoaWasmInstance } from './fused-wasm';

/** Whether the structure-of-arrays kernel handles this shape (few inputs, few classes). */
export function soaFits(D: number, K: number): boolean {
  return D >= 1 && D <= 4 && K >= 2 && K <= 8;
}

/**
 * The structure-of-arrays kernel for D inputs, H hidden units and K classes (soaFits(D, K)).
 * Its signature is FusedKernel's; the scratch arguments hs, dz, s, g are not used. `engine`
 * 'js' keeps passes 1 and 3 in JavaScript (the fallback, for comparisons); 'wasm' uses
 * WebAssembly SIMD when available.
 */
export function soaKernel(D: number, H: number, K: number, engine: 'wasm' | 'js' = 'wasm'): FusedKernel {
  let cap = 0;
  let wasm: SoaWasmInstance | null = null;
  let x: Float64Array[] = [], s: Float64Array[] = [], g: Float64Array[] = [];
  // row scratch: z, h, dh of one unit (JavaScript passes); m, sum e, 1 / (n sum e) of the softmax
  let z = new Float64Array(0), h = z, dh = z, m = z, zs = z, f = z;

  /** Columns for n rows (cap even): in the WebAssembly memory when there is one, else plain arrays. */
  function grow(n: number): void {
    cap = n + (n & 1);
    wasm = engine === 'wasm' ? soaWasmInstance(D, H, K, cap) : null;
    const cols = (count: number, from: Float64Array[] | undefined) => Array.from({ length: count }, (_, k) => from?.[k] ?? new Float64Array(cap));
    x = cols(D, wasm?.x);
    s = cols(K, wasm?.s);
    g = cols(K, wasm?.g);
    [z, h, dh, m, zs, f] = Array.from({ length: 6 }, () => new Float64Array(cap));
  }

  /** The hidden column h = relu(b1_j + x_0 W1[0, j] + ...) of unit j over n rows (also left in z). */
  function hidden(j: number, n: number, W1: Float64Array, b1: Float64Array, z: Float64Array, h: Float64Array): void {
    const bj = b1[j], w0 = W1[j], x0 = x[0];
    for (let i = 0; i < n; i++) z[i] = bj + x0[i] * w0;
    for (let k = 1; k < D; k++) {
      const xk = x[k], wk = W1[k * H + j];
      for (let i = 0; i < n; i++) z[i] += xk[i] * wk;
    }
    for (let i = 0; i < n; i++) h[i] = z[i] > 0 ? z[i] : 0;
  }

  /** Pass 1 in JavaScript: s_c += relu(z) W2[j, c], unit by unit, one column at a time. */
  function forwardJs(n: number, W1: Float64Array, b1: Float64Array, W2: Float64Array, z: Float64Array, h: Float64Array): void {
    for (let j = 0; j < H; j++) {
      hidden(j, n, W1, b1, z, h);
      for (let c = 0; c < K; c++) {
        const sc = s[c], vc = W2[j * K + c];
        for (let i = 0; i < n; i++) sc[i] += h[i] * vc;
      }
    }
  }

  /** Pass 3 in JavaScript; sums over rows in two lanes, even rows (A) and odd rows (B), as the f64x2 lanes. */
  function backwardJs(n: number, W1: Float64Array, b1: Float64Array, W2: Float64Array, dW1: Float64Array, db1: Float64Array, dW2: Float64Array,
    z: Float64Array, h: Float64Array, dh: Float64Array): void {
    const odd = n & 1, even = n - odd;
    for (let j = 0; j < H; j++) {
      hidden(j, n, W1, b1, z, h);
      // dh = ((g_0 W2[j, 0] + g_1 W2[j, 1]) + ...) where z > 0, else 0; u_c = sum_i h g_c
      for (let c = 0; c < K; c++) {
        const gc = g[c], vc = W2[j * K + c];
        let uA = 0, uB = 0;
        if (c === 0) for (let i = 0; i < n; i++) dh[i] = gc[i] * vc;
        else for (let i = 0; i < n; i++) dh[i] += gc[i] * vc;
        for (let i = 0; i < even; i += 2) { uA += h[i] * gc[i]; uB += h[i + 1] * gc[i + 1]; }
        if (odd) uA += h[even] * gc[even];
        dW2[j * K + c] += uA + uB;
      }
      let dbA = 0, dbB = 0;
      for (let i = 0; i < even; i += 2) {
        if (!(z[i] > 0)) dh[i] = 0;
        if (!(z[i + 1] > 0)) dh[i + 1] = 0;
        dbA += dh[i];
        dbB += dh[i + 1];
      }
      if (odd) {
        if (!(z[even] > 0)) dh[even] = 0;
        dbA += dh[even];
      }
      db1[j] += dbA + dbB;
      for (let k = 0; k < D; k++) {
        const xk = x[k];
        let aA = 0, aB = 0;
        for (let i = 0; i < even; i += 2) { aA += xk[i] * dh[i]; aB += xk[i + 1] * dh[i + 1]; }
        if (odd) aA += xk[even] * dh[even];
        dW1[k * H + j] += aA + aB;
      }
    }
  }

  return function fusedSoa(X, y, n, W1, b1, W2, b2, dW1, db1, dW2, db2) {
    if (n > cap) grow(n);
    const invN = 1 / n;
    // pass 0: columns of X, scores start at b2; an odd n gets a padding row of zeros (x and g)
    for (let k = 0; k < D; k++) {
      const xk = x[k];
      for (let i = 0; i < n; i++) xk[i] = X[i * D + k];
    }
    for (let c = 0; c < K; c++) s[c].fill(b2[c], 0, n);
    if (n & 1) {
      for (let k = 0; k < D; k++) x[k][n] = 0;
      for (let c = 0; c < K; c++) g[c][n] = 0;
    }
    const nBytes = (n + (n & 1)) * 8;
    // pass 1
    if (wasm) {
      wasm.setWeights(W1, b1, W2);
      wasm.forward(nBytes);
    } else {
      forwardJs(n, W1, b1, W2, z, h);
    }
    // pass 2: softmax cross-entropy per row and its gradient on the scores, one class column at a
    // time (g_c holds e^(s_c - m) first): m = max_c s_c, zs = sum_c e^(s_c - m) (in class order)
    const s0 = s[0];
    for (let i = 0; i < n; i++) m[i] = s0[i];
    for (let c = 1; c < K; c++) {
      const sc = s[c];
      for (let i = 0; i < n; i++) if (sc[i] > m[i]) m[i] = sc[i];
    }
    zs.fill(0, 0, n);
    for (let c = 0; c < K; c++) {
      const sc = s[c], gc = g[c];
      for (let i = 0; i < n; i++) {
        const e = Math.exp(sc[i] - m[i]);
        gc[i] = e;
        zs[i] += e;
      }
    }
    let loss = 0;
    for (let i = 0; i < n; i++) {
      loss += Math.log(zs[i]) - (s[y[i]][i] - m[i]);
      f[i] = invN / zs[i];
    }
    for (let c = 0; c < K; c++) {
      const gc = g[c];
      let d = 0;
      for (let i = 0; i < n; i++) {
        const q = gc[i] * f[i] - (y[i] === c ? invN : 0);
        gc[i] = q;
        d += q;
      }
      db2[c] += d;
    }
    // pass 3
    if (wasm) {
      wasm.backward(nBytes);
      wasm.addGrads(dW1, db1, dW2);
    } else {
      backwardJs(n, W1, b1, W2, dW1, db1, dW2, z, h, dh);
    }
    return loss * invN;
  };
}
