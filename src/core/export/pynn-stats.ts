/**
 * Spike-train statistics used to compare an export's run with Soma's (pynn.test.ts,
 * scripts/pynn/cuba-seeds.ts).
 */

/**
 * Mean coefficient of variation of the inter-spike intervals, CV = sd(ISI) / mean(ISI)
 * (population sd), over the neurons with at least `minSpikes` spikes (3: two intervals).
 * @param indices neuron of each spike
 * @param timesMs time of each spike, ms (any order)
 * @param size number of neurons
 * @returns the mean CV, or NaN when no neuron has enough spikes
 */
export function isiCv(indices: ArrayLike<number>, timesMs: ArrayLike<number>, size: number, minSpikes = 3): number {
  const trains: number[][] = Array.from({ length: size }, () => []);
  for (let s = 0; s < indices.length; s++) trains[indices[s]].push(timesMs[s]);
  let sum = 0, n = 0;
  for (const t of trains) {
    if (t.length < minSpikes) continue;
    t.sort((a, b) => a - b);
    const isi = t.slice(1).map((x, k) => x - t[k]);
    const mean = isi.reduce((a, b) => a + b, 0) / isi.length;
    const sd = Math.sqrt(isi.reduce((a, b) => a + (b - mean) ** 2, 0) / isi.length);
    sum += sd / mean;
    n++;
  }
  return n ? sum / n : NaN;
}
