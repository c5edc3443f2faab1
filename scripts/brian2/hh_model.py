"""Hodgkin-Huxley as NEURON's hh.mod at 6.3 C, in Brian2: the one definition the reference scripts share.

    dv/dt = (I - gNa m^3 h (v - ENa) - gK n^4 (v - EK) - gL (v - EL)) / Cm,  I in uA/cm2
    dx/dt = alpha_x (1 - x) - beta_x x  for x in m, h, n (rates in 1/ms, v in mV)

A spike is the upward crossing of 0 mV (threshold and refractoriness v > 0 mV), recorded by
Brian2 at the start of the step in which it happened. The group starts at rest, V = -65 mV, with
m, h, n at their steady state there.
"""
import numpy as np
from brian2 import NeuronGroup, mV, uF, cm, msiemens, uA

EQUATIONS = '''
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
NAMESPACE = {'Cm': 1 * uF / cm**2, 'gNa': 120 * msiemens / cm**2, 'gK': 36 * msiemens / cm**2,
             'gL': 0.3 * msiemens / cm**2, 'ENa': 50 * mV, 'EK': -77 * mV, 'EL': -54.3 * mV}
V_REST_MV = -65.0


def steady_state(v):
    """m, h, n at rest at v (mV): x_inf = alpha_x / (alpha_x + beta_x)."""
    am = 1 / ((np.exp(-(v + 40) / 10) - 1) / (-(v + 40) / 10)); bm = 4 * np.exp(-(v + 65) / 18)
    ah = 0.07 * np.exp(-(v + 65) / 20); bh = 1 / (np.exp(-(v + 35) / 10) + 1)
    an = 0.1 / ((np.exp(-(v + 55) / 10) - 1) / (-(v + 55) / 10)); bn = 0.125 * np.exp(-(v + 65) / 80)
    return am / (am + bm), ah / (ah + bh), an / (an + bn)


def hh_group(currents, method='rk4'):
    """One HH neuron per constant current (uA/cm2), at rest, integrated by `method`."""
    G = NeuronGroup(len(currents), EQUATIONS, threshold='v > 0*mV', refractory='v > 0*mV', method=method,
                    namespace=dict(NAMESPACE))
    m0, h0, n0 = steady_state(V_REST_MV)
    G.v = V_REST_MV * mV
    G.m = m0; G.h = h0; G.n = n0
    G.I = np.asarray(currents, dtype=float) * uA / cm**2
    return G
