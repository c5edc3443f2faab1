"""Hodgkin-Huxley (NEURON hh.mod at 6.3 C) under hyperpolarising currents (and a few strong
depolarising steps, the top of the range Soma allows), solved with a stiff solver (scipy's solve_ivp, Radau, rtol = atol = 1e-10), as the reference for Soma's HH tests.

Below about -150 mV the gating rates of hh.mod grow as exp(-(V+65)/18) and make the system stiff
(beta_m ~ 3500/ms at -187 mV): an explicit method needs dt * rate below its stability limit there.
An implicit Radau IIA solver has no such limit, so its solution is the oracle.

Cases, each from V = -65 mV with m, h, n at their steady state, the current being
    step:  I(t) = amp for t >= 10 ms (to the end),
    pulse: I(t) = amp for 10 <= t < 15 ms (5 ms),
amp in uA/cm2. The solver restarts at each discontinuity of I. A spike is an upward crossing of
0 mV (an event, located to the solver's tolerance); V is sampled at the checkpoints; the rebound
of a pulse is its first spike after the pulse ends.

    /usr/bin/python3 scripts/scipy/hh_stiff.py > src/core/bio/reference/hh_stiff.json
"""
import json
import math

import numpy as np
import scipy
from scipy.integrate import solve_ivp

G_NA, G_K, G_L = 120.0, 36.0, 0.3
E_NA, E_K, E_L = 50.0, -77.0, -54.3
C_M = 1.0
RTOL = ATOL = 1e-10
DURATION_MS = 60.0
ONSET_MS, PULSE_MS = 10.0, 5.0
CHECKPOINTS_MS = [5.0, 10.5, 11.0, 12.0, 14.0, 14.99, 16.0, 18.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0]
STEPS = [-5.0, -10.0, -15.0, -20.0, -25.0, -30.0, -35.0, -40.0, -60.0, -100.0, 50.0, 100.0, 200.0]
PULSES = [-10.0, -20.0, -30.0, -35.0, -40.0, -60.0, -100.0]


def vtrap(x, y):
    """x / (exp(x/y) - 1), limit y at x = 0 (as hh.ts: y z / expm1(z))."""
    z = x / y
    return y if z == 0 else y * z / math.expm1(z)


def rates(v):
    am = 0.1 * vtrap(-(v + 40), 10)
    bm = 4 * math.exp(-(v + 65) / 18)
    ah = 0.07 * math.exp(-(v + 65) / 20)
    bh = 1 / (math.exp(-(v + 35) / 10) + 1)
    an = 0.01 * vtrap(-(v + 55), 10)
    bn = 0.125 * math.exp(-(v + 65) / 80)
    return am, bm, ah, bh, an, bn


def rhs(_t, y, current):
    v, m, h, n = y
    am, bm, ah, bh, an, bn = rates(v)
    dv = (current - G_NA * m**3 * h * (v - E_NA) - G_K * n**4 * (v - E_K) - G_L * (v - E_L)) / C_M
    return [dv, am * (1 - m) - bm * m, ah * (1 - h) - bh * h, an * (1 - n) - bn * n]


def jac(_t, y, current):
    """Jacobian by forward differences (Radau needs it only for its Newton iteration, not its accuracy)."""
    eps = 1e-6
    f0 = np.array(rhs(0, y, current))
    J = np.empty((4, 4))
    for k in range(4):
        yk = np.array(y, dtype=float)
        h = eps * max(1.0, abs(yk[k]))
        yk[k] += h
        J[:, k] = (np.array(rhs(0, yk, current)) - f0) / h
    return J


def crossing(_t, y, _current):
    return y[0]


crossing.direction = 1


def run(kind, amp):
    am, bm, ah, bh, an, bn = rates(-65.0)
    y = [-65.0, am / (am + bm), ah / (ah + bh), an / (an + bn)]
    edges = [0.0, ONSET_MS, ONSET_MS + PULSE_MS if kind == 'pulse' else DURATION_MS, DURATION_MS]
    pieces = [(edges[0], edges[1], 0.0), (edges[1], edges[2], amp)]
    if kind == 'pulse':
        pieces.append((edges[2], edges[3], 0.0))
    spikes, samples, v_min = [], {}, -65.0
    for t0, t1, current in pieces:
        inside = [c for c in CHECKPOINTS_MS if t0 < c <= t1]
        sol = solve_ivp(rhs, (t0, t1), y, method='Radau', rtol=RTOL, atol=ATOL, args=(current,), jac=jac,
                        events=crossing, dense_output=True)
        if sol.status != 0:
            raise RuntimeError(f'{kind} {amp}: {sol.message}')
        spikes += [float(t) for t in sol.t_events[0]]
        for c in inside:
            samples[c] = float(sol.sol(c)[0])
        v_min = min(v_min, float(np.min(sol.y[0])))
        y = sol.y[:, -1]
    point = {
        'kind': kind, 'current': amp,
        'checkpoints_ms': CHECKPOINTS_MS, 'v_mv': [samples[c] for c in CHECKPOINTS_MS],
        'spike_times_ms': spikes, 'v_min_mv': v_min,
    }
    if kind == 'pulse':
        after = [t for t in spikes if t >= ONSET_MS + PULSE_MS]
        point['rebound_ms'] = after[0] if after else None
    return point


points = [run('step', a) for a in STEPS] + [run('pulse', a) for a in PULSES]
doc = {
    'solver': f'scipy {scipy.__version__} solve_ivp Radau, rtol {RTOL}, atol {ATOL}',
    'model': 'NEURON hh.mod at 6.3 C: gNa 120, gK 36, gL 0.3 mS/cm2; ENa 50, EK -77, EL -54.3 mV; Cm 1 uF/cm2',
    'stimulus': f'step: amp from {ONSET_MS} ms to the end; pulse: amp from {ONSET_MS} to {ONSET_MS + PULSE_MS} ms',
    'duration_ms': DURATION_MS,
    'points': points,
}
print(json.dumps(doc, indent=1))
