/**
 * Spikes as sound, the part that needs no DOM: which spikes of one neuron a snapshot added to its
 * spike ring since the last look, and when each one's click should sound on the audio clock.
 *
 * Timing: a frame's biology spans [bioFromMs, bioToMs) of simulated time and is played over the
 * wall-clock time the page took to show it (`spanS`, the playback speed as it really runs), laid
 * end to end after the previous frame's audio. A spike at t ms clicks at
 *   at = startS + (t - bioFromMs) / (bioToMs - bioFromMs) * spanS   (seconds on the audio clock),
 * so the intervals between clicks are the interspike intervals scaled by the playback speed.
 * The ear separates clicks down to a few ms: clicks closer than `minGapS` (1/200 s by default) to
 * the last one kept are dropped and counted, and the page says the sound is thinned.
 */

/** The spike ring of a snapshot (snapshot.ts): time in ms and neuron of each spike; head = spikes written. */
export interface SpikeRing {
  spikeTimeMs: Float64Array;
  spikeNeuron: Int32Array;
  spikeHead: number;
}

/** Most clicks per second that are played (closer clicks are dropped): 200 /s, 5 ms apart. */
export const MAX_CLICKS_PER_S = 200;

/**
 * Spike times (ms, in ring order) of `neuron` among the ring's entries [from, spikeHead). Entries
 * already overwritten (more than the ring's capacity behind the head) are skipped and counted in
 * `lost`. Allocates the result (a few numbers per frame).
 */
export function spikesOf(ring: SpikeRing, neuron: number, from: number): { times: number[]; lost: number } {
  const cap = ring.spikeTimeMs.length;
  const head = ring.spikeHead;
  const start = Math.max(from, head - cap, 0);
  let lost = Math.max(0, start - Math.max(from, 0));
  const times: number[] = [];
  for (let e = start; e < head; e++) {
    if (ring.spikeNeuron[e % cap] === neuron) times.push(ring.spikeTimeMs[e % cap]);
  }
  if (from > head) lost = 0; // the ring was reset (a new network): nothing to play
  return { times, lost };
}

/** One frame's clicks on the audio clock (seconds) and how many spikes were too close to play. */
export interface ClickPlan {
  at: number[];
  dropped: number;
  /** Audio time of the last click kept (or the previous one, if none was kept this frame). */
  lastAt: number;
}

/**
 * Maps one frame's spike times to audio times (see the file's comment) and thins them so no two
 * kept clicks are closer than `minGapS`.
 * @param times spike times, ms, within [bioFromMs, bioToMs] (clamped there)
 * @param startS audio time at which the frame's biology starts, s
 * @param spanS audio time the frame's biology takes to play, s (>= 0)
 * @param lastAt audio time of the last click already scheduled, s (-Infinity for none)
 */
export function planClicks(times: readonly number[], bioFromMs: number, bioToMs: number, startS: number, spanS: number, lastAt: number, minGapS = 1 / MAX_CLICKS_PER_S): ClickPlan {
  const bioSpan = bioToMs - bioFromMs;
  const at: number[] = [];
  let dropped = 0;
  let last = lastAt;
  const sorted = [...times].sort((a, b) => a - b);
  for (const t of sorted) {
    const u = bioSpan > 0 ? Math.min(1, Math.max(0, (t - bioFromMs) / bioSpan)) : 0;
    const when = startS + u * spanS;
    // A small tolerance: clicks exactly minGapS apart in exact arithmetic stay.
    if (when - last < minGapS - 1e-9) {
      dropped++;
      continue;
    }
    at.push(when);
    last = when;
  }
  return { at, dropped, lastAt: last };
}
