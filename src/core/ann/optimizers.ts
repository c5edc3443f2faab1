/**
 * Parameter updates from the gradients backward() leaves in each parameter's grad:
 *   sgd:      x -= lr dx
 *   momentum: v = mu v - lr dx; x += v                     (mu = 0.9)
 *   adam:     m = b1 m + (1 - b1) dx; v = b2 v + (1 - b2) dx^2;
 *             x -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)   (b1 0.9, b2 0.999, eps 1e-8)
 * State lives in preallocated Float64Arrays; an update allocates nothing.
 */
import { checkChoice, checkNumber } from '../errors';
import type { GraphNode } from './graph';

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

/** Updates parameters in place from their gradients. */
export interface Optimizer {
  readonly kind: OptimizerKind;
  /** Learning rate (mutable, e.g. from a slider). */
  lr: number;
  step(): void;
}

/** Makes an optimizer over `params` with learning rate `lr`. */
export function makeOptimizer(kind: OptimizerKind, params: GraphNode[], lr: number): Optimizer {
  checkChoice('optimizer', kind, OPTIMIZERS);
  checkNumber('lr', lr, { min: 0, minExclusive: true });
  const values = params.map((p) => p.value), grads = params.map((p) => p.grad);
  if (kind === 'sgd') {
    return {
      kind, lr,
      step() {
        const lr = this.lr;
        for (let p = 0; p < values.length; p++) {
          const x = values[p], dx = grads[p];
          for (let i = 0; i < x.length; i++) x[i] -= lr * dx[i];
        }
      },
    };
  }
  if (kind === 'momentum') {
    const mu = 0.9, vel = params.map((p) => new Float64Array(p.value.length));
    return {
      kind, lr,
      step() {
        const lr = this.lr;
        for (let p = 0; p < values.length; p++) {
          const x = values[p], dx = grads[p], v = vel[p];
          for (let i = 0; i < x.length; i++) { v[i] = mu * v[i] - lr * dx[i]; x[i] += v[i]; }
        }
      },
    };
  }
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const m = params.map((p) => new Float64Array(p.value.length)), v = params.map((p) => new Float64Array(p.value.length));
  let t = 0;
  return {
    kind, lr,
    step() {
      t++;
      const c1 = 1 / (1 - b1 ** t), c2 = 1 / (1 - b2 ** t), lr = this.lr;
      for (let p = 0; p < values.length; p++) {
        const x = values[p], dx = grads[p], mp = m[p], vp = v[p];
        for (let i = 0; i < x.length; i++) {
          const g = dx[i];
          mp[i] = b1 * mp[i] + (1 - b1) * g;
          vp[i] = b2 * vp[i] + (1 - b2) * g * g;
          x[i] -= (lr * mp[i] * c1) / (Math.sqrt(vp[i] * c2) + eps);
        }
      }
    },
  };
}
