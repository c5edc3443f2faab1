/**
 * The page's status lines about the spiking side, in English and Korean: which training step's
 * weights each spiking result ran (the spiking network trails the ANN while training plays), how
 * well the spiking regions agree with the ANN of the same weights and with the ANN plane on show,
 * and placeholders for panels that are still filling. Pure functions of snapshot numbers, so a
 * Node test checks the wording against the numbers; the app only puts them into the page.
 */
import type { Bilingual, LessonLang } from '../core/lessons/text';
import { lookup } from './words';

/** The words, with `{name}` placeholders. */
export const STATUS_TEXT = {
  settingsLink: { en: 'Settings', ko: '설정' },
  settingsLinkTip: { en: 'Jump to the settings below the panels', ko: '패널 아래의 설정으로 이동' },
  probeSame: { en: 'Spiking network: weights of step {step}, the same as the ANN.', ko: '스파이킹 신경망: {step} 스텝의 가중치 (ANN과 같음).' },
  probeBehind: {
    en: 'Spiking network: weights of step {step} (converted at the start of this {T} ms window) · ANN now at step {now}.',
    ko: '스파이킹 신경망: {step} 스텝의 가중치 (이번 {T} ms 창의 시작에 변환) · ANN은 지금 {now} 스텝.',
  },
  regionsFirst: { en: 'Evaluating the spiking network on the grid: {pct}% of T = {T} ms.', ko: '격자에서 스파이킹 신경망을 평가하는 중: T = {T} ms의 {pct}%.' },
  regionsSame: {
    en: 'Weights of step {step}, as the ANN plane · spiking = ANN on {pct}% of the {cells} grid cells.',
    ko: '{step} 스텝의 가중치 (ANN 평면과 같음) · 격자 {cells}칸 중 {pct}%에서 스파이킹 = ANN.',
  },
  regionsBehind: {
    en: 'Weights of step {step} · ANN plane at step {now} · spiking = ANN of step {step} on {pct}% of cells, = ANN plane on {pctNow}%.',
    ko: '{step} 스텝의 가중치 · ANN 평면은 {now} 스텝 · {step} 스텝의 ANN과 {pct}% 일치, 지금의 ANN 평면과 {pctNow}% 일치.',
  },
  regionsNext: { en: 'Next readout: step {step}, {pct}% done.', ko: '다음 판독: {step} 스텝, {pct}% 완료.' },
  filling: { en: 'Filling: first window of T = {T} ms, {pct}% done.', ko: '채우는 중: 첫 번째 창 T = {T} ms의 {pct}% 완료.' },
  fillingPaused: { en: 'Filling: first window of T = {T} ms, {pct}% done. Press Play or Step.', ko: '채우는 중: 첫 번째 창 T = {T} ms의 {pct}% 완료. 재생이나 한 스텝을 누르세요.' },
  traceEmpty: { en: 'No biology yet: press Play or Step, the trace fills 1 ms per step.', ko: '아직 생물 시간이 없습니다: 재생이나 한 스텝을 누르면 1 ms씩 채워집니다.' },
  noTwin: { en: 'Idle: this activation has no spiking twin.', ko: '대기: 이 활성화 함수에는 스파이킹 짝이 없습니다.' },
  noPoints: {
    en: 'No points: add points (click the ANN plane, or paste CSV). Training and the spiking network wait for them.',
    ko: '점이 없습니다: 점을 추가하세요 (ANN 평면을 클릭하거나 CSV를 붙여 넣기). 학습과 스파이킹 신경망은 점을 기다립니다.',
  },
  scatterNote: {
    en: 'Each dot: one hidden neuron over one window of {T} ms, against its activation under that window\'s weights (newest: step {step}).',
    ko: '점 하나: 은닉 뉴런 하나의 {T} ms 창 하나, 그 창의 가중치에서의 활성값과 함께 (최신: {step} 스텝).',
  },
  sinkIf: {
    en: 'Below 0: an integrate-and-fire neuron has no leak, so a negative drive (x W + b < 0) is summed every ms and V sinks in a straight line. The conversion sets no floor: the neuron just stays silent, as ReLU gives 0. Plot clipped at -1.',
    ko: '0 아래: 적분-발화 뉴런에는 누설이 없어 음의 구동(x W + b < 0)이 매 ms 더해지고 V가 직선으로 내려갑니다. 변환은 바닥을 두지 않습니다: ReLU가 0을 내듯 뉴런은 조용할 뿐입니다. 그래프는 -1에서 잘립니다.',
  },
  sinkLif: {
    en: 'Below 0: a negative drive holds this leaky neuron below rest (the leak stops the fall at the drive\'s steady state); it stays silent, as ReLU gives 0.',
    ko: '0 아래: 음의 구동이 이 누설 뉴런을 휴지 전위 아래에 붙잡아 둡니다 (누설이 구동의 정상 상태에서 하강을 멈춤). ReLU가 0을 내듯 조용합니다.',
  },
} as const satisfies Record<string, Bilingual>;

export type StatusKey = keyof typeof STATUS_TEXT;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function st(lang: LessonLang, key: StatusKey, vars: Record<string, string | number> = {}): string {
  return lookup(STATUS_TEXT, key, lang, vars);
}

const pct = (x: number): string => (100 * x).toFixed(0);

/** Bio scene: which weights the probe network runs, against the ANN's step now. */
export function probeLine(lang: LessonLang, probeStep: number, trainStep: number, windowMs: number): string {
  return probeStep === trainStep ? st(lang, 'probeSame', { step: probeStep }) : st(lang, 'probeBehind', { step: probeStep, T: windowMs, now: trainStep });
}

/** What the spiking decision-region plane shows: the numbers at the moment the planes were drawn. */
export interface RegionsInfo {
  /** Steps of the weights of the spiking plane (-1: no readout yet) and of the ANN plane. */
  snnStep: number;
  annStep: number;
  /** Agreement with the ANN of the same weights, and with the ANN plane on show (fractions). */
  agreement: number;
  agreementNow: number;
  /** The evaluation in progress: its step (-1: none) and fraction of T done. */
  gridStep: number;
  gridProgress: number;
  /** T, ms, and the number of grid cells. */
  windowMs: number;
  cells: number;
}

/** Spiking plane: its weights' step, the ANN plane's, the two agreements, and the readout in progress. */
export function regionsLine(lang: LessonLang, r: RegionsInfo): string {
  if (r.snnStep < 0) return r.gridStep >= 0 ? st(lang, 'regionsFirst', { pct: pct(r.gridProgress), T: r.windowMs }) : '';
  const head =
    r.snnStep === r.annStep
      ? st(lang, 'regionsSame', { step: r.snnStep, pct: pct(r.agreement), cells: r.cells })
      : st(lang, 'regionsBehind', { step: r.snnStep, now: r.annStep, pct: pct(r.agreement), pctNow: pct(r.agreementNow) });
  return r.gridStep >= 0 && r.gridStep !== r.snnStep ? `${head} ${st(lang, 'regionsNext', { step: r.gridStep, pct: pct(r.gridProgress) })}` : head;
}

/** Placeholder of a panel that waits for the first complete window; '' once one is complete. */
export function fillingLine(lang: LessonLang, windowsDone: boolean, elapsedMs: number, windowMs: number, playing: boolean): string {
  if (windowsDone) return '';
  return st(lang, playing ? 'filling' : 'fillingPaused', { T: windowMs, pct: pct(Math.max(0, Math.min(1, elapsedMs / windowMs))) });
}

/**
 * Caption of the membrane panel for a neuron whose trace dips below 0 (rest/reset): why it sinks,
 * for a neuron without leak (IF) or with one; '' when the trace stays at or above 0.
 */
export function sinkCaption(lang: LessonLang, minV: number, leaky: boolean): string {
  if (!(minV < -1e-9)) return '';
  return st(lang, leaky ? 'sinkLif' : 'sinkIf');
}
