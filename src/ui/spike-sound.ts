/**
 * Spikes as sound: a speaker toggle (off by default) and, while on and running, a short click on
 * the Web Audio clock for each spike of the selected neuron (the inspector's, else the one chosen
 * in a scene), as neuroscience labs play a recording electrode. The AudioContext is made on the
 * first press of the toggle (browsers allow audio only after a user gesture) and reused.
 *
 * Timing (src/core/lab/spike-clicks.ts): each drawn frame's biology is laid on the audio clock
 * over the wall time the page took to show it, end to end after the previous frame, a little
 * ahead of the clock (LOOKAHEAD_S), so clicks keep the spike train's intervals at the page's
 * playback speed; every click is one `AudioBufferSourceNode.start(when)`, never a timer per spike.
 * Clicks closer than 5 ms are dropped (at most 200 /s) and the note says so.
 */
import { MAX_CLICKS_PER_S, planClicks, spikesOf } from '../core/lab/spike-clicks';
import type { LabSnapshot } from '../core/lab/snapshot';
import { neuronName } from './focus-nav';
import { at, type AccessTextKey } from './access-text';
import type { Lang } from './i18n';

/** How far ahead of the audio clock a frame's clicks start, s. */
const LOOKAHEAD_S = 0.05;
/** Longest wall time one frame's biology is spread over, s (a frame after a stall is not stretched further). */
const MAX_SPAN_S = 0.25;
/** The schedule never runs further ahead of the clock than this, s (it restarts at the clock). */
const MAX_AHEAD_S = 1;
/** The click: a 3 ms tone burst at 2 kHz with a fast decay. */
const CLICK_MS = 3;
const CLICK_HZ = 2000;

const SPEAKER = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor"/><path class="waves" d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';

export class SpikeSound {
  readonly button: HTMLButtonElement;
  /** What is sounding (role=status). */
  readonly note: HTMLElement;
  /** Clicks scheduled and spikes dropped by the cap since the sound was switched on (tests). */
  clicks = 0;
  dropped = 0;
  private ctx: AudioContext | null = null;
  private buffer: AudioBuffer | null = null;
  private out: GainNode | null = null;
  private on = false;
  private seen: LabSnapshot | null = null;
  private seenNeuron = -1;
  private seenHead = 0;
  private seenBio = 0;
  private lastWall = 0;
  private cursor = 0;
  private lastAt = -Infinity;
  /** Spikes heard and dropped over the current second, and its start (wall, s). */
  private secondStart = 0;
  private secondSpikes = 0;
  private secondDropped = 0;
  private thinnedRate = 0;

  /** @param neuron the neuron to play (index over all layers; -1 none) */
  constructor(private readonly lang: Lang, private readonly neuron: () => number, private readonly words: { inputName: string; hiddenName: string; outputName: string }) {
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.id = 'sound-toggle';
    this.button.className = 'icon-button';
    this.button.innerHTML = SPEAKER;
    this.button.setAttribute('aria-label', at(lang, 'sound'));
    this.button.title = at(lang, 'soundTip');
    this.button.setAttribute('aria-pressed', 'false');
    this.button.setAttribute('aria-keyshortcuts', 'S');
    this.button.addEventListener('click', () => this.toggle());
    document.addEventListener('keydown', this.onKey);
    this.note = document.createElement('span');
    this.note.id = 'sound-note';
    this.note.className = 'sound-note';
    this.note.setAttribute('role', 'status');
  }

  /** S toggles the sound (a key press is a user gesture too), also in presenter mode where the bar's buttons are hidden. */
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== 's' && e.key !== 'S')) return;
    const el = e.target as HTMLElement | null;
    const tag = el?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
    e.preventDefault();
    this.toggle();
  };

  get enabled(): boolean {
    return this.on;
  }

  /** Switches the sound on or off (on a user's press: the first one makes the AudioContext). */
  toggle(): void {
    if (!this.on && !this.ctx) {
      const Ctor = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) {
        this.setNote(at(this.lang, 'soundNone'));
        return;
      }
      this.ctx = new Ctor();
      this.out = this.ctx.createGain();
      this.out.gain.value = 0.5;
      this.out.connect(this.ctx.destination);
      const n = Math.max(1, Math.round((this.ctx.sampleRate * CLICK_MS) / 1000));
      this.buffer = this.ctx.createBuffer(1, n, this.ctx.sampleRate);
      const data = this.buffer.getChannelData(0);
      for (let q = 0; q < n; q++) data[q] = Math.sin((2 * Math.PI * CLICK_HZ * q) / this.ctx.sampleRate) * Math.exp(-q / (n / 4));
    }
    this.on = !this.on;
    this.button.setAttribute('aria-pressed', String(this.on));
    if (this.on) {
      void this.ctx?.resume?.();
      this.seen = null;
      this.clicks = 0;
      this.dropped = 0;
    } else {
      void this.ctx?.suspend?.();
      this.setNote('');
    }
  }

  /** After each drawn frame: clicks for the selected neuron's new spikes (only while running). */
  frame(s: LabSnapshot, playing: boolean): void {
    if (!this.on || !this.ctx || !this.buffer) return;
    const i = this.neuron();
    const now = performance.now() / 1000;
    const fresh = s !== this.seen || i !== this.seenNeuron || s.spikeHead < this.seenHead;
    if (fresh || !playing || i < 0 || i >= s.offsets[3]) {
      // Start listening from here: a new network, neuron, a reset ring, or paused (silent).
      this.seen = s;
      this.seenNeuron = i;
      this.seenHead = s.spikeHead;
      this.seenBio = s.bioTimeMs;
      this.lastWall = now;
      this.secondStart = now;
      this.secondSpikes = 0;
      this.secondDropped = 0;
      this.showWhat(i, s, playing);
      return;
    }
    if (s.bioTimeMs <= this.seenBio && s.spikeHead === this.seenHead) return;
    const span = Math.min(MAX_SPAN_S, Math.max(0, now - this.lastWall));
    this.lastWall = now;
    const clock = this.ctx.currentTime;
    let start = Math.max(this.cursor, clock + LOOKAHEAD_S);
    if (start > clock + MAX_AHEAD_S) start = clock + LOOKAHEAD_S;
    const { times } = spikesOf(s, i, this.seenHead);
    const plan = planClicks(times, this.seenBio, s.bioTimeMs, start, span, this.lastAt);
    for (const when of plan.at) {
      const src = this.ctx.createBufferSource();
      src.buffer = this.buffer;
      src.connect(this.out!);
      src.start(when);
    }
    this.cursor = start + span;
    this.lastAt = plan.lastAt;
    this.clicks += plan.at.length;
    this.dropped += plan.dropped;
    this.seenHead = s.spikeHead;
    this.seenBio = s.bioTimeMs;
    // Over each second of wall time: were clicks dropped, and how many spikes per second asked for one?
    this.secondSpikes += times.length;
    this.secondDropped += plan.dropped;
    if (now - this.secondStart >= 1) {
      this.thinnedRate = this.secondDropped > 0 ? Math.round(this.secondSpikes / (now - this.secondStart)) : 0;
      this.secondStart = now;
      this.secondSpikes = 0;
      this.secondDropped = 0;
    }
    this.showWhat(i, s, playing);
  }

  private showWhat(i: number, s: LabSnapshot, playing: boolean): void {
    if (i < 0 || i >= s.offsets[3]) return this.setNote('');
    const name = neuronName(s.offsets, i, this.words);
    const key: AccessTextKey = !playing ? 'soundPaused' : this.thinnedRate > 0 ? 'soundThinned' : 'soundOf';
    this.setNote(at(this.lang, key, { neuron: name, rate: this.thinnedRate, max: MAX_CLICKS_PER_S }));
  }

  private setNote(text: string): void {
    if (this.note.textContent !== text) this.note.textContent = text;
  }

  destroy(): void {
    document.removeEventListener('keydown', this.onKey);
    this.button.remove();
    this.note.remove();
    void this.ctx?.close?.();
  }
}
