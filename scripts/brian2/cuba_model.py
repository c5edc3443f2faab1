"""The CUBA network of Brette et al. (2007) in Brian2: the one definition the reference and the benchmark share.

n LIF neurons (tau_m 20 ms, threshold -50 mV, reset -60 mV, E_l -49 mV, refractory 5 ms), the first 80%
excitatory (ge += 1.62 mV, tau_e 5 ms), the rest inhibitory (gi += -9 mV, tau_i 10 ms), each pair connected
with probability p; V starts uniform between reset and threshold. Soma's `src/core/bio/cuba.ts` is the same.
"""
from brian2 import NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV

EQUATIONS = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''


def cuba_network(n, p=0.02):
    """(network, neurons, excitatory synapses, inhibitory synapses, spike monitor), built in that order."""
    ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, Vt=-50 * mV, Vr=-60 * mV, El=-49 * mV)
    P = NeuronGroup(n, EQUATIONS, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact', namespace=ns)
    P.v = 'Vr + rand() * (Vt - Vr)'
    we = (60 * 0.27 / 10) * mV  # 1.62 mV
    wi = (-20 * 4.5 / 10) * mV  # -9 mV
    n_exc = int(0.8 * n)
    Ce = Synapses(P, P, on_pre='ge += we', namespace=dict(we=we))
    Ci = Synapses(P, P, on_pre='gi += wi', namespace=dict(wi=wi))
    Ce.connect(f'i<{n_exc}', p=p)
    Ci.connect(f'i>={n_exc}', p=p)
    mon = SpikeMonitor(P)
    return Network(P, Ce, Ci, mon), P, Ce, Ci, mon
