/**
 * A labelled dataset: n rows of d features (row-major) and one class label per row.
 * `x[i * d + j]` is feature j of example i; `y[i]` is in 0..classes-1.
 */
export interface Dataset {
  name: string;
  /** n * d features, row-major. */
  x: Float64Array;
  /** n labels in 0..classes-1. */
  y: Int32Array;
  n: number;
  d: number;
  classes: number;
  /** Names of the classes in label order, when the data has them (iris species, CSV labels). */
  classNames?: string[];
  /** Image shape of a row, when the rows are images (digits): width x height = d. */
  image?: { width: number; height: number };
}
