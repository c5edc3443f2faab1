"""Hodgkin-Huxley (NEURON hh.mod at 6.3 C) with Brian2, RK4, dt = 0.01 ms, for Soma's HH tests.

Current steps I = 0, 1, ..., 20 uA/cm2 held for 500 ms from V = -65 mV with m, h, n at their
steady state. A spike is the upward crossing of 0 mV (threshold and refractoriness v > 0 mV),
recorded by Brian2 at the start of the step in which it happened.

    /usr/bin/python3 scripts/brian2/hh_reference.py > src/core/bio/reference/hh_brian2.json
"""
import json
import warnings

warnings.filterwarnings("ignore")
import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, Network, ms, mV, uF, cm, msiemens, uA, defaultclock,
                    prefs, __version__)

prefs.codegen.target = 'numpy'
DT_MS, DURATION_MS = 0.01, 500.0
currents = np.arange(0, 21, 1.0)
defaultclock.dt = DT_MS * ms

Cm = 1 * uF / cm**2
gNa = 120 * msiemens / cm**2; gK = 36 * msiemens / cm**2; gL = 0.3 * msiemens / cm**2
ENa = 50 * mV; EK = -77 * mV; EL = -54.3 * mV
eqs = '''
dv/dt = (I - gNa*m**3*h*(v - ENa) - gK*n**4*(v - EK) - gL*(v - EL))/Cm : volt
dm/dt = alpham*(1 - m) - betam*m : 1
dh/dt = alphah*(1 - h) - betah*h : 1
dn/dt = alphan*(1 - n) - betan*n : 1
alpham = (1/exprel(-(v/mV + 40)/10))/ms : Hz
betam = 4*exp(-(v/mV + 65)/18)/ms : Hz
alphah = 0.07*exp(-(v/mV + 65)/20)/ms : Hz
betah = 1/(exp(-(v/mV + 35)/10) + 1)/ms : Hz
alphan = (0.1/exprel(-(v/mV + 55)/10))/ms : Hz
betan = 0.125*exp(-(v/mV + 65)/80)/ms : Hz
I : amp/meter**2
'''
G = NeuronGroup(len(currents), eqs, threshold='v > 0*mV', refractory='v > 0*mV', method='rk4')


def rates(v):
    am = 1 / ((np.exp(-(v + 40) / 10) - 1) / (-(v + 40) / 10))
    bm = 4 * np.exp(-(v + 65) / 18)
    ah = 0.07 * np.exp(-(v + 65) / 20)
    bh = 1 / (np.exp(-(v + 35) / 10) + 1)
    an = 0.1 / ((np.exp(-(v + 55) / 10) - 1) / (-(v + 55) / 10))
    bn = 0.125 * np.exp(-(v + 65) / 80)
    return am / (am + bm), ah / (ah + bh), an / (an + bn)


m0, h0, n0 = rates(-65.0)
G.v = -65 * mV
G.m = m0; G.h = h0; G.n = n0
G.I = currents * uA / cm**2
mon = SpikeMonitor(G)
net = Network(G, mon)
net.run(DURATION_MS * ms)
trains = mon.spike_trains()
doc = {
    'simulator': f'Brian2 {__version__} (numpy target, rk4)',
    'script': 'scripts/brian2/hh_reference.py',
    'dt_ms': DT_MS, 'duration_ms': DURATION_MS, 'v0_mv': -65,
    'points': [{'current': float(I), 'n_spikes': int(len(trains[k])),
                'first_spike_ms': round(float(trains[k][0] / ms), 6) if len(trains[k]) else None,
                'spike_times_ms': [round(float(t / ms), 4) for t in trains[k]]}
               for k, I in enumerate(currents)],
}
print(json.dumps(doc, indent=1))
