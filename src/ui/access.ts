/**
 * Spikes as sound, the phone's header, File menu and trace card, and the keyboard in the scenes
 * and planes, mounted on the page together (the page calls `frame` after each drawn frame and
 * `tapped` when a neuron is clicked or tapped). Styles: src/styles/access.css.
 */
import '../styles/access.css';
import type { LabSnapshot } from '../core/lab/snapshot';
import type { Stage } from '../view/stage';
import type { Lang } from './i18n';
import { PHONE_QUERY, PhoneHeader } from './phone';
import { SceneKeys } from './scene-keys';
import { SpikeSound } from './spike-sound';
import { TracePopover } from './trace-popover';

/** What these features need from the page. */
export interface AccessHost {
  stage: Stage;
  snapshot(): LabSnapshot;
  playing(): boolean;
  /** The hover line of neuron i (neuron-note.ts). */
  describe(i: number): string;
  /** Opens the inspector on neuron i. */
  inspect(i: number): void;
  /** Sets the probe point (as a click on a plane does). */
  pick(x: number, y: number): void;
  /** Names of the layers' neurons ("hidden neuron"). */
  words: { inputName: string; hiddenName: string; outputName: string };
}

export interface Access {
  sound: SpikeSound;
  keys: SceneKeys;
  phone: PhoneHeader;
  trace: TracePopover;
  /** After each drawn frame. */
  frame(s: LabSnapshot): void;
  /**
   * A neuron clicked or tapped in a scene: on a phone its trace card opens beside it and true is
   * returned (the inspector then stays closed: the card's Inspect button opens it); else false.
   */
  tapped(i: number): boolean;
  destroy(): void;
}

const byId = (id: string): HTMLElement => document.getElementById(id)!;

/** The neuron the sound plays: the inspector's when it is open (its data-unit "layer:j"), else the scenes' selection. */
function soundNeuron(host: AccessHost): number {
  const panel = document.getElementById('inspector');
  const unit = panel && !panel.hidden ? /^(\d+):(\d+)$/.exec(panel.dataset.unit ?? '') : null;
  const s = host.snapshot();
  if (unit) return s.offsets[Number(unit[1])] + Number(unit[2]);
  return host.stage.selected;
}

export function mountAccess(host: AccessHost, lang: Lang): Access {
  const transport = document.querySelector<HTMLElement>('.transport')!;
  const sound = new SpikeSound(lang, () => soundNeuron(host), host.words);
  transport.append(sound.button);
  transport.after(sound.note);
  const phone = new PhoneHeader(document.querySelector<HTMLElement>('.topbar')!, transport, byId('export-bar'), lang);
  const planes = [byId('ann-regions'), byId('snn-regions')].map((h) => h.querySelector('canvas')).filter((c): c is HTMLCanvasElement => !!c);
  const keys = new SceneKeys(host, byId('bio-scene'), byId('ann-scene'), planes, lang);
  const trace = new TracePopover(lang, host.words, (i) => host.inspect(i));
  const phoneQuery = window.matchMedia(PHONE_QUERY);

  // Which scene a tap landed on (the scenes report only the neuron).
  let tappedScene: HTMLElement | null = null;
  const scenes = [byId('bio-scene'), byId('ann-scene')];
  const down = (e: Event): void => {
    tappedScene = e.currentTarget as HTMLElement;
  };
  for (const s of scenes) s.addEventListener('pointerdown', down, true);

  return {
    sound,
    keys,
    phone,
    trace,
    frame(s) {
      sound.frame(s, host.playing());
      keys.frame();
      trace.update(s);
    },
    tapped(i) {
      if (!phoneQuery.matches || !tappedScene) return false;
      const stage = host.stage;
      const p = tappedScene.id === 'bio-scene' ? stage.bio.somaPosition(i) : stage.ann.nodePosition(i);
      trace.show(tappedScene, i, p.x, p.y, host.snapshot());
      return true;
    },
    destroy() {
      for (const s of scenes) s.removeEventListener('pointerdown', down, true);
      sound.destroy();
      keys.destroy();
      phone.destroy();
      trace.destroy();
    },
  };
}
