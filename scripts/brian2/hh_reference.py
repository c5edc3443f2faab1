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
from brian2 import SpikeMonitor, Network, ms, defaultclock, prefs, __version__

from hh_model import hh_group

prefs.codegen.target = 'numpy'
DT_MS, DURATION_MS = 0.01, 500.0
currents = np.arange(0, 21, 1.0)
defaultclock.dt = DT_MS * ms

G = hh_group(currents, method='rk4')
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
