/**
 * A ring buffer of the spike index lists of the last `slots` steps, for delays (projections) and
 * sliding windows (rate-estimating axons). Storage is preallocated: slots x size indices.
 */
export class SpikeRing {
  private readonly data: Int32Array;
  private readonly counts: Int32Array;
  private readonly stepOf: Float64Array;

  /** @param slots how many past steps are kept (>= 1); @param size the population size. */
  constructor(readonly slots: number, readonly size: number) {
    this.data = new Int32Array(slots * size);
    this.counts = new Int32Array(slots);
    this.stepOf = new Float64Array(slots).fill(-1);
  }

  /** Stores the `count` indices fired at `step` (overwrites the slot of step - slots). */
  push(step: number, indices: Int32Array, count: number): void {
    const slot = step % this.slots;
    this.stepOf[slot] = step;
    this.counts[slot] = count;
    const base = slot * this.size;
    for (let k = 0; k < count; k++) this.data[base + k] = indices[k];
  }

  /** How many fired at `step` (0 if nothing was stored for it or it has left the ring). */
  countAt(step: number): number {
    const slot = step % this.slots;
    return step >= 0 && this.stepOf[slot] === step ? this.counts[slot] : 0;
  }

  /** The backing array and offset of step's list: indices are data[offset .. offset + countAt(step)). */
  offsetAt(step: number): number {
    return (step % this.slots) * this.size;
  }

  /** The backing array (read-only by convention). */
  get indices(): Int32Array {
    return this.data;
  }

  clear(): void {
    this.stepOf.fill(-1);
    this.counts.fill(0);
  }
}
