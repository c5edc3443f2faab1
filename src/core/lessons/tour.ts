/**
 * The guided tour of the lecture, as data: ten steps from the score function to the converted
 * spiking network. Each step has a title and a short text in English and Korean (formulas
 * between `$...$`), the page settings it applies (values of the settings table), whether the
 * simulation plays, which panels it highlights (presenter mode shows only those), and
 * optionally a lecture circuit for the circuit view. DOM-free; `src/ui/tour.ts` shows it.
 */
import type { Settings } from '../lab/settings';
import type { CircuitPreset } from './circuits';
import type { Bilingual } from './text';

/** The page's panels a step can highlight (the ids are the panels' data-panel attributes). */
export const PANELS = ['circuit', 'bio', 'ann', 'annRegions', 'snnRegions', 'loss', 'membrane', 'raster', 'fi', 'scatter'] as const;
export type PanelId = (typeof PANELS)[number];

/** One step of the tour. */
export interface TourStep {
  /** Stable id (for people and tests; the URL keeps the 1-based step number). */
  id: string;
  title: Bilingual;
  /** One or two short paragraphs; formulas between `$...$`. */
  text: Bilingual;
  /** Settings this step applies, as values of the settings table (checked by a test). */
  settings: Partial<Settings>;
  /** Play (true) or pause (false) the lab when the step opens. */
  play: boolean;
  /** Panels to highlight; in presenter mode the only panels shown. */
  panels: readonly PanelId[];
  /** A lecture circuit to load into the circuit view. */
  circuit?: CircuitPreset['id'];
  /** A hidden unit (its index in the hidden layer) to open in the neuron inspector: one neuron large, its parts labelled. */
  inspect?: number;
}

/**
 * Settings under which a spike can be followed by eye, for the steps about spikes: 1 ms of
 * biology per frame and the longest synaptic delay, so each spike's dot takes 20 frames (a third
 * of a second at 60 frames per second) to travel down its axon.
 */
export const VISIBLE_SPIKES = { speed: 1, delayMs: 20 } as const satisfies Partial<Settings>;

/** The lecture's order. The settings never touch `lang`, the teacher's settings or the seed. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'score',
    title: { en: '1. The score function', ko: '1. 점수 함수' },
    text: {
      en: 'A classifier maps an input $x_i$ to one score per class: $s = f(x_i; W, b) = x_i W + b$. Each score is a weighted sum of the inputs, so a linear classifier cuts the plane with straight lines. Here the scores come from the last layer of a small network, $s = h W_2 + b_2$; the colours of the plane show the class with the highest score. Click the plane to feed a point.',
      ko: '분류기는 입력 $x_i$를 클래스마다 하나의 점수로 바꿉니다: $s = f(x_i; W, b) = x_i W + b$. 각 점수는 입력의 가중합이므로 선형 분류기는 평면을 직선으로 나눕니다. 여기서는 작은 신경망의 마지막 층이 점수를 냅니다: $s = h W_2 + b_2$. 평면의 색은 점수가 가장 높은 클래스입니다. 평면을 클릭해 점을 넣어 보세요.',
    },
    settings: { dataset: 'gaussians', activation: 'relu', hidden: 8, loss: 'softmax', train: true },
    play: false,
    panels: ['annRegions', 'ann'],
  },
  {
    id: 'loss',
    title: { en: '2. The loss: softmax and SVM', ko: '2. 손실: softmax와 SVM' },
    text: {
      en: 'The loss says how unhappy we are with the scores. Softmax (cross-entropy): $L_i = -\\log \\frac{e^{s_{y_i}}}{\\sum_j e^{s_j}}$. Multiclass SVM: $L_i = \\sum_{j \\ne y_i} \\max(0, s_j - s_{y_i} + 1)$. The full loss averages over the data and adds regularization: $L = \\frac{1}{N} \\sum_i L_i + \\lambda \\sum W^2$.',
      ko: '손실은 점수가 얼마나 나쁜지를 말해 줍니다. 소프트맥스(교차 엔트로피): $L_i = -\\log \\frac{e^{s_{y_i}}}{\\sum_j e^{s_j}}$. 다중 클래스 SVM: $L_i = \\sum_{j \\ne y_i} \\max(0, s_j - s_{y_i} + 1)$. 전체 손실은 데이터에 대해 평균하고 정규화를 더합니다: $L = \\frac{1}{N} \\sum_i L_i + \\lambda \\sum W^2$.',
    },
    settings: { dataset: 'gaussians', loss: 'softmax' },
    play: false,
    panels: ['loss', 'annRegions'],
  },
  {
    id: 'descent',
    title: { en: '3. Gradient descent', ko: '3. 경사 하강법' },
    text: {
      en: 'To lower the loss, step against its gradient: $W \\leftarrow W - \\eta \\, \\nabla_W L$, with the learning rate $\\eta$. A minibatch of examples estimates the gradient at each step. Watch the loss fall and the regions settle.',
      ko: '손실을 줄이려면 기울기의 반대 방향으로 갑니다: $W \\leftarrow W - \\eta \\, \\nabla_W L$, $\\eta$는 학습률입니다. 스텝마다 미니배치의 예제들로 기울기를 추정합니다. 손실이 줄고 영역이 자리 잡는 것을 보세요.',
    },
    settings: { dataset: 'gaussians', optimizer: 'sgd', lr: 0.5, batch: 32, train: true },
    play: true,
    panels: ['loss', 'annRegions'],
  },
  {
    id: 'graph',
    title: { en: '4. Computational graph and chain rule', ko: '4. 계산 그래프와 연쇄 법칙' },
    text: {
      en: 'Write $f(x, y, z) = (x + y) z$ as two gates: $q = x + y$, $f = q z$. Forward (green): $q = 3$, $f = -12$. Backward (red), by the chain rule: $\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial q} \\frac{\\partial q}{\\partial x} = z \\cdot 1 = -4$, and $\\frac{\\partial f}{\\partial z} = q = 3$. Type your own formula in the circuit view.',
      ko: '$f(x, y, z) = (x + y) z$를 두 게이트로 씁니다: $q = x + y$, $f = q z$. 순전파(초록): $q = 3$, $f = -12$. 역전파(빨강), 연쇄 법칙으로: $\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial q} \\frac{\\partial q}{\\partial x} = z \\cdot 1 = -4$, $\\frac{\\partial f}{\\partial z} = q = 3$. 회로 보기에 직접 식을 입력해 보세요.',
    },
    settings: {},
    play: false,
    panels: ['circuit'],
    circuit: 'add-multiply',
  },
  {
    id: 'gates',
    title: { en: '5. Patterns in the backward flow', ko: '5. 역전파 흐름의 패턴' },
    text: {
      en: 'In $f = 2(xy + \\max(z, w))$ each gate has a pattern. The add gate distributes the gradient to all its inputs; the max gate routes it to the larger input ($z$ gets 2, $w$ gets 0); the mul gate switches the inputs: $\\frac{\\partial (xy)}{\\partial x} = y$. Hover a gate to read its rule.',
      ko: '$f = 2(xy + \\max(z, w))$에서 게이트마다 패턴이 있습니다. 덧셈 게이트는 기울기를 모든 입력에 분배하고, max 게이트는 큰 입력으로만 보냅니다($z$는 2, $w$는 0). 곱셈 게이트는 입력을 맞바꿉니다: $\\frac{\\partial (xy)}{\\partial x} = y$. 게이트에 마우스를 올려 규칙을 읽어 보세요.',
    },
    settings: {},
    play: false,
    panels: ['circuit'],
    circuit: 'max-circuit',
  },
  {
    id: 'sigmoid',
    title: { en: '6. The sigmoid neuron', ko: '6. 시그모이드 뉴런' },
    text: {
      en: 'A neuron with two inputs: $f(w, x) = \\frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}}$. Gate by gate it is multiply, add, $\\times -1$, exp, $+1$ and $1/x$. The whole tail is the sigmoid, whose local gradient is simple: $\\frac{d\\sigma}{dx} = (1 - \\sigma(x))\\, \\sigma(x)$, here $(1 - 0.73)\\, 0.73 = 0.2$.',
      ko: '입력이 둘인 뉴런: $f(w, x) = \\frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}}$. 게이트로 나누면 곱셈, 덧셈, $\\times -1$, exp, $+1$, $1/x$입니다. 뒷부분 전체가 시그모이드이고 국소 기울기는 간단합니다: $\\frac{d\\sigma}{dx} = (1 - \\sigma(x))\\, \\sigma(x)$, 여기서는 $(1 - 0.73)\\, 0.73 = 0.2$.',
    },
    settings: {},
    play: false,
    panels: ['circuit'],
    circuit: 'sigmoid-neuron',
  },
  {
    id: 'network',
    title: { en: '7. A 2-layer network on the spiral', ko: '7. 나선 데이터의 2층 신경망' },
    text: {
      en: 'No line separates the spiral. A hidden ReLU layer bends the boundary: $s = \\max(0, X W_1 + b_1)\\, W_2 + b_2$. Backprop runs the same gates over whole matrices. The lecture uses 100 hidden units; 24 are enough here and stay readable.',
      ko: '나선은 직선으로 나눌 수 없습니다. ReLU 은닉층이 경계를 휘게 합니다: $s = \\max(0, X W_1 + b_1)\\, W_2 + b_2$. 역전파는 같은 게이트를 행렬 전체에 적용합니다. 강의는 은닉 유닛 100개를 쓰지만 여기서는 24개로 충분하고 보기에도 좋습니다.',
    },
    settings: { dataset: 'spiral', hidden: 24, activation: 'relu', loss: 'softmax', optimizer: 'adam', lr: 0.05, train: true },
    play: true,
    panels: ['ann', 'annRegions', 'loss'],
  },
  {
    id: 'neuron',
    title: { en: '8. A biological neuron and a ReLU unit', ko: '8. 생물학적 뉴런과 ReLU 유닛' },
    text: {
      en: 'The lecture\'s closing picture, side by side: dendrites collect the inputs $w_i x_i$ and sum them, $\\sum_i w_i x_i + b$; the cell body (soma) integrates that drive and fires when it crosses threshold; the axon carries the spikes away. In the ReLU unit the output is $\\max(0, \\sum_i w_i x_i + b)$; in the neuron it is a train of spikes whose rate plays that part.',
      ko: '강의의 마지막 그림을 나란히: 수상돌기는 입력 $w_i x_i$를 모아 더하고($\\sum_i w_i x_i + b$), 세포체는 그 구동을 적분해 문턱을 넘으면 발화하며, 축삭은 스파이크를 내보냅니다. ReLU 유닛의 출력은 $\\max(0, \\sum_i w_i x_i + b)$이고, 뉴런에서는 스파이크 열의 발화율이 그 역할을 합니다.',
    },
    settings: { train: false, ...VISIBLE_SPIKES },
    play: true,
    panels: ['bio', 'ann'],
    inspect: 0,
  },
  {
    id: 'fi',
    title: { en: '9. The f-I curve and its ReLU fit', ko: '9. f-I 곡선과 ReLU 맞춤' },
    text: {
      en: 'Drive a leaky integrate-and-fire soma with a constant input and count its spikes: below threshold it is silent, above it fires at $r = \\left[t_{ref} + \\tau \\ln \\frac{RI}{RI - V_{th}}\\right]^{-1}$. A straight line from a threshold, $r \\approx a \\max(0, I - I_0)$, fits it: the ReLU is a firing rate.',
      ko: '누설 적분-발화 세포체에 일정한 입력을 주고 스파이크를 세어 봅니다: 문턱 아래에서는 조용하고, 위에서는 $r = \\left[t_{ref} + \\tau \\ln \\frac{RI}{RI - V_{th}}\\right]^{-1}$로 발화합니다. 문턱에서 시작하는 직선 $r \\approx a \\max(0, I - I_0)$이 이를 잘 맞춥니다: ReLU는 발화율입니다.',
    },
    settings: { soma: 'lif' },
    play: true,
    panels: ['fi', 'membrane'],
  },
  {
    id: 'spiking',
    title: { en: '10. The converted spiking network', ko: '10. 변환된 스파이킹 신경망' },
    text: {
      en: 'Give every ReLU unit an integrate-and-fire neuron with the same weights, scaled per layer by its largest activation $\\lambda$: it fires $\\min(1, \\max(0, z))$ spikes per ms, so counts over $T$ ms stand for the activations. The spiking decision regions and the rate-versus-activation scatter show how close the two networks are.',
      ko: '모든 ReLU 유닛에 같은 가중치의 적분-발화 뉴런을 주고, 층마다 가장 큰 활성값 $\\lambda$로 척도를 맞춥니다: 뉴런은 ms마다 $\\min(1, \\max(0, z))$개의 스파이크를 내므로 $T$ ms 동안의 개수가 활성값을 나타냅니다. 스파이킹 결정 영역과 발화율-활성값 산점도가 두 신경망이 얼마나 가까운지 보여 줍니다.',
    },
    settings: { neuron: 'if', norm: 'max', encoding: 'current', train: false, ...VISIBLE_SPIKES },
    play: true,
    panels: ['snnRegions', 'raster', 'scatter', 'bio'],
  },
];

/** Steps are numbered 1..TOUR_STEPS.length in the URL; 0 means the tour is closed. */
export function tourStep(n: number): TourStep | null {
  return Number.isInteger(n) && n >= 1 && n <= TOUR_STEPS.length ? TOUR_STEPS[n - 1] : null;
}
