"""A faithful port of figure1.m, the code published with Izhikevich E.M. (2004), "Which model to
use for cortical spiking neurons?", IEEE TNN 15:1063 (MATLAB R13, November 2003), for Soma's
tests: the 20 panels (A) tonic spiking ... (T) inhibition-induced bursting, spike times only.

What the MATLAB code does, kept here exactly (the same double operations, in the same order):
- time: tspan = 0:tau:T, one loop iteration per element (T/tau + 1 of them); the stimulus is a
  function of the element t, with the strict inequalities of each panel (t > T1, t < T1+5, ...);
- one Euler step of V, then u from the NEW V, then the reset:
      V = V + tau*(0.04*V^2+5*V+140-u+I);      (4.1*V+108 in panels G and L)
      u = u + tau*a*(b*V-u);                    (u = u + tau*a*(b*(V+65)) in panel R)
      if V > 30: V = c; u = u + d               (strictly above 30)
- u starts at b*V (-16 in panel R).
A spike is recorded at the t of the iteration in which V > 30 (the figure draws VV = 30 there).

MATLAB builds a:d:b symmetrically (a + k d in the first half, b - (n-k) d in the second); Soma's
steps are at t_k = k * tau. Both grids are computed here and the stimulus is checked to take the
same value on both at every step of every panel, so the reference does not depend on the choice.

    /usr/bin/python3 scripts/izhikevich/figure1.py > src/core/bio/reference/izhikevich_figure1.json
"""
import json
import math

import numpy as np


def matlab_colon(a, d, b):
    """a:d:b as MATLAB builds it: a + k d up to the middle, b' - (n-k) d after it (b' = a + n d)."""
    n = int(math.floor((b - a) / d + 1e-10))
    out = [0.0] * (n + 1)
    last = a + n * d
    for k in range(n // 2 + 1):
        out[k] = a + k * d
        out[n - k] = last - k * d
    if n % 2 == 0:
        out[n // 2] = (a + last) / 2
    return out


def product_grid(a, d, b):
    n = int(math.floor((b - a) / d + 1e-10))
    return [k * d for k in range(n + 1)]


# Each panel: (name, letter, a, b, c, d, V0, u0 or None (b*V0), tau, T, stimulus I(t), quadratic, u rule)
def panels():
    P = []

    def add(name, letter, a, b, c, d, v0, tau, T, stim, u0=None, k1=5.0, k0=140.0, u_rule='standard'):
        P.append(dict(name=name, letter=letter, a=a, b=b, c=c, d=d, v0=v0, u0=u0, tau=tau, T=T, stim=stim,
                      k1=k1, k0=k0, u_rule=u_rule))

    T1 = 100 / 10
    add('tonic_spiking', 'A', 0.02, 0.2, -65, 6, -70, 0.25, 100, lambda t, T1=T1: 14 if t > T1 else 0)
    add('phasic_spiking', 'B', 0.02, 0.25, -65, 6, -64, 0.25, 200, lambda t: 0.5 if t > 20 else 0)
    add('tonic_bursting', 'C', 0.02, 0.2, -50, 2, -70, 0.25, 220, lambda t: 15 if t > 22 else 0)
    add('phasic_bursting', 'D', 0.02, 0.25, -55, 0.05, -64, 0.2, 200, lambda t: 0.6 if t > 20 else 0)
    T1 = 160 / 10
    add('mixed_mode', 'E', 0.02, 0.2, -55, 4, -70, 0.25, 160, lambda t, T1=T1: 10 if t > T1 else 0)
    T1 = 85 / 10
    add('spike_frequency_adaptation', 'F', 0.01, 0.2, -65, 8, -70, 0.25, 85, lambda t, T1=T1: 30 if t > T1 else 0)
    add('class_1', 'G', 0.02, -0.1, -55, 6, -60, 0.25, 300, lambda t: (0.075 * (t - 30)) if t > 30 else 0, k1=4.1, k0=108.0)
    add('class_2', 'H', 0.2, 0.26, -65, 0, -64, 0.25, 300, lambda t: (-0.5 + (0.015 * (t - 30))) if t > 30 else -0.5)
    T1 = 100 / 10
    add('spike_latency', 'I', 0.02, 0.2, -65, 6, -70, 0.2, 100, lambda t, T1=T1: 7.04 if (t > T1 and t < T1 + 3) else 0)
    T1 = 200 / 10
    add('subthreshold_oscillations', 'J', 0.05, 0.26, -60, 0, -62, 0.25, 200, lambda t, T1=T1: 2 if (t > T1 and t < T1 + 5) else 0)
    T1 = 400 / 10; T2 = T1 + 20; T3 = 0.7 * 400; T4 = T3 + 40
    add('resonator', 'K', 0.1, 0.26, -60, -1, -62, 0.25, 400,
        lambda t, T1=T1, T2=T2, T3=T3, T4=T4: 0.65 if ((t > T1 and t < T1 + 4) or (t > T2 and t < T2 + 4) or (t > T3 and t < T3 + 4) or (t > T4 and t < T4 + 4)) else 0)
    T1 = 100 / 11; T2 = T1 + 5; T3 = 0.7 * 100; T4 = T3 + 10
    add('integrator', 'L', 0.02, -0.1, -55, 6, -60, 0.25, 100,
        lambda t, T1=T1, T2=T2, T3=T3, T4=T4: 9 if ((t > T1 and t < T1 + 2) or (t > T2 and t < T2 + 2) or (t > T3 and t < T3 + 2) or (t > T4 and t < T4 + 2)) else 0,
        k1=4.1, k0=108.0)
    add('rebound_spike', 'M', 0.03, 0.25, -60, 4, -64, 0.2, 200, lambda t: -15 if (t > 20 and t < 20 + 5) else 0)
    add('rebound_burst', 'N', 0.03, 0.25, -52, 0, -64, 0.2, 200, lambda t: -15 if (t > 20 and t < 20 + 5) else 0)
    add('threshold_variability', 'O', 0.03, 0.25, -60, 4, -64, 0.25, 100,
        lambda t: 1 if ((t > 10 and t < 15) or (t > 80 and t < 85)) else (-6 if (t > 70 and t < 75) else 0))
    T1 = 300 / 8; T2 = 216
    add('bistability', 'P', 0.1, 0.26, -60, 0, -61, 0.25, 300,
        lambda t, T1=T1, T2=T2: 1.24 if ((t > T1 and t < T1 + 5) or (t > T2 and t < T2 + 5)) else 0.24)
    add('depolarizing_after_potential', 'Q', 1, 0.2, -60, -21, -70, 0.1, 50, lambda t: 20 if abs(t - 10) < 1 else 0)

    def accommodation(t):
        if t < 200:
            return t / 25
        if t < 300:
            return 0
        if t < 312.5:
            return (t - 300) / 12.5 * 4
        return 0
    add('accommodation', 'R', 0.02, 1, -55, 4, -65, 0.5, 400, accommodation, u0=-16, u_rule='accommodation')
    add('inhibition_induced_spiking', 'S', -0.02, -1, -60, 8, -63.8, 0.5, 350, lambda t: 80 if (t < 50 or t > 250) else 75)
    add('inhibition_induced_bursting', 'T', -0.026, -1, -45, -2, -63.8, 0.5, 350, lambda t: 80 if (t < 50 or t > 250) else 75)
    return P


def simulate(p, grid):
    a, b, c, d, tau, k1, k0 = p['a'], p['b'], p['c'], p['d'], p['tau'], p['k1'], p['k0']
    V = float(p['v0'])
    u = b * V if p['u0'] is None else float(p['u0'])
    spikes = []
    for k, t in enumerate(grid):
        I = p['stim'](t)
        V = V + tau * (0.04 * V**2 + k1 * V + k0 - u + I)
        if p['u_rule'] == 'accommodation':
            u = u + tau * a * (b * (V + 65))
        else:
            u = u + tau * a * (b * V - u)
        if V > 30:
            spikes.append(k)
            V = c
            u = u + d
    return spikes


out = []
for p in panels():
    mat = matlab_colon(0.0, p['tau'], float(p['T']))
    prod = product_grid(0.0, p['tau'], float(p['T']))
    assert len(mat) == len(prod)
    same = all(p['stim'](x) == p['stim'](y) for x, y in zip(mat, prod))
    assert same, f"{p['letter']}: the stimulus differs between MATLAB's grid and k * tau"
    steps = simulate(p, mat)
    assert steps == simulate(p, prod)
    out.append({
        'name': p['name'], 'panel': p['letter'],
        'a': p['a'], 'b': p['b'], 'c': p['c'], 'd': p['d'], 'v0': p['v0'],
        'u0': p['b'] * p['v0'] if p['u0'] is None else p['u0'],
        'k1': p['k1'], 'k0': p['k0'], 'u_rule': p['u_rule'],
        'dt_ms': p['tau'], 'steps': len(mat),
        'spike_steps': steps,
        'spike_times_ms': [mat[k] for k in steps],
    })

print(json.dumps({
    'source': 'port of figure1.m (Izhikevich 2004, IEEE TNN 15:1063), numpy ' + np.__version__,
    'spike_time': 't of the loop iteration in which V > 30 (k * tau)',
    'panels': out,
}, indent=1))
