/**
 * Every word the page shows, in English and Korean. A setting's label and tooltip are keyed by
 * its name in the settings table (src/core/lab/settings.ts); the tooltip gives the formula or
 * the meaning. Adding a language is one more column object here.
 */
import type { SettingGroup, SettingKey } from '../core/lab/settings';

export type Lang = 'en' | 'ko';

interface SettingText {
  label: string;
  tip: string;
}

interface Texts {
  settings: Record<SettingKey, SettingText>;
  groups: Record<SettingGroup, string>;
  ui: {
    title: string;
    subtitle: string;
    play: string;
    pause: string;
    step: string;
    stepTip: string;
    reset: string;
    playTip: string;
    resetTip: string;
    bio: string;
    ann: string;
    annRegions: string;
    snnRegions: string;
    lossPlot: string;
    membranePlot: string;
    rasterPlot: string;
    fiPlot: string;
    scatterPlot: string;
    neuronPlot: string;
    neuronNote: string;
    spikes: string;
    trainStep: string;
    bioTime: string;
    urlProblem: string;
    diverged: string;
    csvLabel: string;
    csvTip: string;
    csvApply: string;
    clearPoints: string;
    probe: string;
    frameMs: string;
    /** Under the ANN scene while its grey spike counts ran older weights (the step follows). */
    staleCounts: string;
    /** The ANN's sweeps: activations flow forward (left to right), gradients backward. */
    forward: string;
    backward: string;
    /** The perf meter's time the lab's Web Worker spent on the frame, ms. */
    worker: string;
    /** Hover line: the spike rate is of an older window (followed by its training step). */
    countsFrom: string;
    /** Hover line of an input: its value under current encoding, its rate under Poisson encoding. */
    inputValue: string;
    poissonRate: string;
    dismiss: string;
    loss: string;
    accuracy: string;
    train: string;
    test: string;
    rate: string;
    activation: string;
    drive: string;
    customHint: string;
    inputName: string;
    hiddenName: string;
    outputName: string;
    /** The start-up notice (src/ui/start.ts): headline, the causes it can name, the error's label. */
    startFailed: string;
    startNoWebgl: string;
    startCsp: string;
    startError: string;
    startReload: string;
  };
}

const en: Texts = {
  settings: {
    dataset: { label: 'Data', tip: 'The points to classify. custom: click the ANN plane to add points of the chosen class, or paste CSV x,y,class.' },
    points: { label: 'Points', tip: 'Number of generated data points N.' },
    noise: { label: 'Noise', tip: 'Standard deviation of the noise added to generated points (input units).' },
    testFraction: { label: 'Test share', tip: 'Fraction of the points held out as the test set (never trained on).' },
    customClass: { label: 'Class to add', tip: 'Class of the points a click adds in custom mode (0-3).' },
    pts: { label: 'Custom points', tip: 'Your own points x,y,c;...' },
    hidden: { label: 'Hidden units', tip: 'H: width of the hidden layer. scores = max(0, X W1 + b1) W2 + b2.' },
    activation: { label: 'Activation', tip: 'Hidden non-linearity f in h = f(X W1 + b1): relu = max(0, x); lif-rate = LIF firing rate; soft-lif = smoothed LIF rate.' },
    loss: { label: 'Loss', tip: 'softmax: L_i = -log(e^{s_y} / sum_j e^{s_j}); svm: L_i = sum_{j != y} max(0, s_j - s_y + 1).' },
    lr: { label: 'Learning rate', tip: 'Step size: W <- W - lr * dL/dW.' },
    reg: { label: 'Regularization', tip: 'L2 strength lambda: L = data loss + lambda * sum W^2.' },
    optimizer: { label: 'Optimizer', tip: 'sgd: W -= lr g; momentum: v = mu v - lr g, W += v; adam: adaptive moments (Kingma & Ba 2015).' },
    batch: { label: 'Batch size', tip: 'Points per training step (minibatch gradient descent).' },
    neuron: { label: 'Network neuron', tip: 'Soma of the spiking network of a relu network: if = integrate-and-fire with reset by subtraction (a spiking ReLU: rate = max(0, z) up to 1 spike/step); lif = leaky integrate-and-fire, tau_m dV/dt = -(V - V_rest) + R I, reset to rest, refractory t_ref. lif-rate / soft-lif networks always run on LIF neurons.' },
    soma: { label: 'Soma model', tip: 'Cell body of the f-I panel and the single-neuron trace: lif = leaky integrate-and-fire (input: drive R I in mV); izhikevich = Izhikevich 2003, dv/dt = 0.04 v^2 + 5 v + 140 - u + I, du/dt = a (b v - u), at v >= 30 mV: v <- c, u <- u + d (input in the model\'s units); hh = Hodgkin-Huxley 1952 squid axon (input in uA/cm2).' },
    izhPreset: { label: 'Izhikevich preset', tip: 'Izhikevich 2003, Fig. 2: RS regular spiking, IB intrinsically bursting, CH chattering, FS fast spiking, TC thalamo-cortical, RZ resonator, LTS low-threshold spiking. Choosing one sets a, b, c, d.' },
    izhA: { label: 'a', tip: 'Izhikevich a: time scale of the recovery variable u (1/ms); small a = slow recovery.' },
    izhB: { label: 'b', tip: 'Izhikevich b: sensitivity of u to the sub-threshold v (du/dt = a (b v - u)).' },
    izhC: { label: 'c', tip: 'Izhikevich c: the reset of v after a spike, mV.' },
    izhD: { label: 'd', tip: 'Izhikevich d: the jump of u after a spike (u <- u + d).' },
    hhGNa: { label: 'g_Na', tip: 'Hodgkin-Huxley maximal sodium conductance, mS/cm2 (120): I_Na = g_Na m^3 h (V - E_Na). Without it there is no action potential.' },
    hhGK: { label: 'g_K', tip: 'Hodgkin-Huxley maximal potassium conductance, mS/cm2 (36): I_K = g_K n^4 (V - E_K), the repolarisation.' },
    hhGL: { label: 'g_L', tip: 'Hodgkin-Huxley leak conductance, mS/cm2 (0.3): I_L = g_L (V - E_L).' },
    current: { label: 'Current I', tip: 'Constant input current of the single-neuron trace, in the soma model\'s unit: LIF mV of drive (R I), Izhikevich model units, HH uA/cm2.' },
    tauMs: { label: 'LIF tau_m', tip: 'tau_m in tau_m dV/dt = -(V - V_rest) + R I (LIF), in ms: of the network neuron lif and of the lif soma model.' },
    refractoryMs: { label: 'LIF t_ref', tip: 't_ref: time after a spike during which the LIF soma cannot fire, in ms: of the network neuron lif and of the lif soma model.' },
    norm: { label: 'Normalisation', tip: 'Conversion scale lambda per layer: max = largest training activation (Diehl 2015); p99.9 = its 99.9th percentile (Rueckauer 2017). One spike per ms stands for lambda.' },
    encoding: { label: 'Input encoding', tip: 'How an input value x reaches the first layer: a constant current x W1 per ms, or Poisson spikes with probability |x| / max|x| per ms.' },
    tMs: { label: 'Window T', tip: 'Spikes are counted over T ms; rate = count / T.' },
    delayMs: { label: 'Synaptic delay', tip: 'd: a spike emitted at time t acts on the next layer at t + d (at least one 1 ms step); the dots travel down the axon in exactly d ms.' },
    train: { label: 'Train while playing', tip: 'On: each frame takes k training steps. Off: the weights stay frozen and only the biology runs.' },
    speed: { label: 'Speed', tip: 'k: training steps and milliseconds of biology per animation frame.' },
    seed: { label: 'Seed', tip: 'Seed of every random choice (data, initial weights, Poisson spikes): the same seed gives the same run.' },
    lang: { label: 'Language', tip: 'English or Korean.' },
    perf: { label: 'Frame time', tip: 'Show the JavaScript time of each frame (simulation + view update), in ms.' },
    tour: { label: 'Tour step', tip: 'Step of the guided tour of the lecture (0 = closed). Keys: N or PageDown next, P or PageUp previous.' },
    presenter: { label: 'Presenter mode', tip: 'Big fonts, controls hidden, only the panels of the current tour step (key F).' },
    circuit: { label: 'Circuit view', tip: 'A formula drawn as a computational graph of gates: forward values (green) and backward gradients (red).' },
    expr: { label: 'Formula', tip: 'The circuit view\'s formula: + - * / ( ), numbers, names, exp log relu sigmoid tanh max min.' },
    vals: { label: 'Values', tip: 'A value for every variable of the formula: x=-2,y=5,z=-4.' },
  },
  groups: { data: 'Data', network: 'Network', training: 'Training', biology: 'Spiking network', soma: 'Soma model (f-I)', run: 'Run', view: 'View', teach: 'Teaching' },
  ui: {
    title: 'Soma',
    subtitle: 'A spiking network and its ReLU network, side by side',
    play: 'Play',
    pause: 'Pause',
    step: 'Step',
    stepTip: 'One training step and 1 ms of biology (right arrow)',
    reset: 'Reset',
    playTip: 'Play or pause training and the spiking simulation (space)',
    resetTip: 'New data and initial weights from the seed',
    bio: 'Biological network: dendrites, somas, axons',
    ann: 'Artificial network (same layer sizes)',
    annRegions: 'ANN decision regions (click to probe)',
    snnRegions: 'Spiking network decision regions',
    lossPlot: 'Loss and accuracy',
    membranePlot: 'Membrane potential',
    rasterPlot: 'Spike raster',
    fiPlot: 'f-I curve and ReLU',
    scatterPlot: 'Spike rate vs ReLU activation',
    neuronPlot: 'One neuron of the soma model under I',
    neuronNote: 'spikes in 200 ms',
    spikes: 'spikes',
    trainStep: 'step',
    bioTime: 'bio time',
    urlProblem: 'The link had settings that could not be used; defaults were loaded for',
    diverged: 'Training diverged (the loss is not finite): paused. Lower the learning rate and reset.',
    csvLabel: 'Paste CSV (x,y,class)',
    csvTip: 'One point per line: x,y,class with x and y in [-1, 1] and class 0-3; a point or class outside these is refused with its line, never rescaled. A header line is allowed.',
    csvApply: 'Use CSV',
    clearPoints: 'Clear points',
    probe: 'probe',
    frameMs: 'JS ms/frame',
    worker: 'worker ms',
    staleCounts: 'grey counts: spikes under the weights of step',
    forward: 'forward',
    backward: 'backward',
    countsFrom: 'spikes counted under the weights of step',
    inputValue: 'value x',
    poissonRate: 'Poisson rate (Hz)',
    dismiss: 'Dismiss',
    loss: 'loss',
    accuracy: 'accuracy',
    train: 'train',
    test: 'test',
    rate: 'rate (Hz)',
    activation: 'activation',
    drive: 'drive',
    customHint: 'Click the ANN plane to add points of the chosen class.',
    inputName: 'input',
    hiddenName: 'hidden neuron',
    outputName: 'output neuron',
    startFailed: 'Soma could not start.',
    startNoWebgl: 'This browser gave the page no WebGL context: the two network scenes are drawn with WebGL. Turn on hardware acceleration or WebGL, or try another browser.',
    startCsp: 'The page\'s Content-Security-Policy refused:',
    startError: 'Error:',
    startReload: 'Reload',
  },
};

const ko: Texts = {
  settings: {
    dataset: { label: '데이터', tip: '분류할 점들. 직접 입력: ANN 평면을 클릭해 선택한 클래스의 점을 추가하거나 CSV(x,y,클래스)를 붙여 넣습니다.' },
    points: { label: '점 개수', tip: '생성할 데이터 점의 수 N.' },
    noise: { label: '잡음', tip: '생성된 점에 더하는 잡음의 표준편차(입력 단위).' },
    testFraction: { label: '테스트 비율', tip: '테스트 세트로 떼어 두는 점의 비율(학습에 쓰지 않음).' },
    customClass: { label: '추가할 클래스', tip: '직접 입력 모드에서 클릭으로 추가하는 점의 클래스(0-3).' },
    pts: { label: '사용자 점', tip: '사용자 점 x,y,c;...' },
    hidden: { label: '은닉 유닛', tip: 'H: 은닉층의 폭. 점수 = max(0, X W1 + b1) W2 + b2.' },
    activation: { label: '활성화 함수', tip: 'h = f(X W1 + b1)의 비선형 함수 f: relu = max(0, x); lif-rate = LIF 발화율; soft-lif = 부드러운 LIF 발화율.' },
    loss: { label: '손실', tip: '소프트맥스: L_i = -log(e^{s_y} / sum_j e^{s_j}); svm: L_i = sum_{j != y} max(0, s_j - s_y + 1) (SVM).' },
    lr: { label: '학습률', tip: '스텝 크기: W <- W - lr * dL/dW.' },
    reg: { label: '정규화', tip: 'L2 강도 lambda: L = 데이터 손실 + lambda * sum W^2.' },
    optimizer: { label: '최적화', tip: 'sgd: W -= lr g; momentum: v = mu v - lr g, W += v; adam: 적응적 모멘트(Kingma & Ba 2015).' },
    batch: { label: '배치 크기', tip: '학습 스텝마다 쓰는 점의 수(미니배치 경사 하강).' },
    neuron: { label: '신경망 뉴런', tip: '변환된 스파이킹 신경망의 세포체: IF = 빼기 리셋 적분-발화(스파이킹 ReLU), LIF = 누설 적분-발화.' },
    soma: { label: '세포체 모델', tip: 'f-I 패널과 단일 뉴런 궤적의 세포체: LIF = 누설 적분-발화(입력: 구동 R I, mV); Izhikevich = Izhikevich 2003 (모델 단위); HH = Hodgkin-Huxley 1952 오징어 축삭(uA/cm2).' },
    izhPreset: { label: 'Izhikevich 프리셋', tip: 'Izhikevich 2003 그림 2: RS, IB, CH, FS, TC, RZ, LTS. 고르면 a, b, c, d가 정해집니다.' },
    izhA: { label: 'a', tip: 'Izhikevich a: 회복 변수 u의 시간 척도(1/ms).' },
    izhB: { label: 'b', tip: 'Izhikevich b: 역치 아래 v에 대한 u의 민감도 (du/dt = a (b v - u)).' },
    izhC: { label: 'c', tip: 'Izhikevich c: 스파이크 뒤 v의 리셋 값, mV.' },
    izhD: { label: 'd', tip: 'Izhikevich d: 스파이크 뒤 u의 증가량 (u <- u + d).' },
    hhGNa: { label: 'g_Na', tip: 'Hodgkin-Huxley 최대 나트륨 전도도, mS/cm2 (120). 없으면 활동전위가 없습니다.' },
    hhGK: { label: 'g_K', tip: 'Hodgkin-Huxley 최대 칼륨 전도도, mS/cm2 (36): 재분극.' },
    hhGL: { label: 'g_L', tip: 'Hodgkin-Huxley 누설 전도도, mS/cm2 (0.3).' },
    current: { label: '전류 I', tip: '단일 뉴런 궤적의 일정한 입력 전류 (세포체 모델의 단위: LIF mV, Izhikevich 모델 단위, HH uA/cm2).' },
    tauMs: { label: '막 시간상수', tip: 'tau_m dV/dt = -(V - V_rest) + R I 의 tau_m (LIF), ms.' },
    refractoryMs: { label: '불응기', tip: 't_ref: 스파이크 뒤 발화할 수 없는 시간, ms.' },
    norm: { label: '정규화', tip: '층마다 변환 척도 lambda: max = 학습 데이터의 최대 활성값(Diehl 2015), p99.9 = 99.9 백분위수(Rueckauer 2017).' },
    encoding: { label: '입력 부호화', tip: '입력값 x가 첫 층에 닿는 방식: ms마다 일정한 전류 x W1, 또는 ms마다 확률 |x| / max|x|의 포아송 스파이크.' },
    tMs: { label: '창 T', tip: 'T ms 동안 스파이크를 셉니다; 발화율 = 개수 / T.' },
    delayMs: { label: '시냅스 지연', tip: 'd: 시각 t의 스파이크가 t + d에 다음 층에 닿습니다(최소 1 ms 스텝). 점은 축삭을 정확히 d ms 동안 지나갑니다.' },
    train: { label: '재생 중 학습', tip: '켜짐: 프레임마다 학습 k 스텝. 꺼짐: 가중치를 고정하고 생물 쪽만 실행합니다.' },
    speed: { label: '속도', tip: 'k: 애니메이션 프레임마다 학습 스텝 수와 생물 시간(ms).' },
    seed: { label: '시드', tip: '모든 무작위 선택(데이터, 초기 가중치, 포아송 스파이크)의 시드: 같은 시드는 같은 실행을 줍니다.' },
    lang: { label: '언어', tip: '영어 또는 한국어.' },
    perf: { label: '프레임 시간', tip: '프레임마다 JavaScript 시간(시뮬레이션 + 화면 갱신)을 ms로 보여 줍니다.' },
    tour: { label: '투어 단계', tip: '강의 안내 투어의 단계(0 = 닫힘). 키: N 또는 PageDown 다음, P 또는 PageUp 이전.' },
    presenter: { label: '발표자 모드', tip: '큰 글씨, 컨트롤 숨김, 현재 투어 단계의 패널만 표시 (F 키).' },
    circuit: { label: '회로 보기', tip: '식을 게이트의 계산 그래프로 그립니다: 순전파 값(초록)과 역전파 기울기(빨강).' },
    expr: { label: '식', tip: '회로 보기의 식: + - * / ( ), 숫자, 이름, exp log relu sigmoid tanh max min.' },
    vals: { label: '값', tip: '식의 모든 변수의 값: x=-2,y=5,z=-4.' },
  },
  groups: { data: '데이터', network: '신경망', training: '학습', biology: '스파이킹 신경망', soma: '세포체 모델 (f-I)', run: '실행', view: '보기', teach: '수업' },
  ui: {
    title: 'Soma',
    subtitle: '스파이킹 신경망과 그에 대응하는 ReLU 신경망을 나란히',
    play: '재생',
    pause: '일시정지',
    step: '한 스텝',
    stepTip: '학습 한 스텝과 생물 시간 1 ms (오른쪽 화살표)',
    reset: '초기화',
    playTip: '학습과 스파이킹 시뮬레이션을 재생/일시정지 (스페이스)',
    resetTip: '시드로 데이터와 초기 가중치를 새로 만듭니다',
    bio: '생물학적 신경망: 수상돌기, 세포체, 축삭',
    ann: '인공 신경망 (같은 층 크기)',
    annRegions: 'ANN 결정 영역 (클릭해서 입력)',
    snnRegions: '스파이킹 신경망 결정 영역',
    lossPlot: '손실과 정확도',
    membranePlot: '막전위',
    rasterPlot: '스파이크 래스터',
    fiPlot: 'f-I 곡선과 ReLU',
    scatterPlot: '발화율 대 ReLU 활성값',
    neuronPlot: '전류 I를 받는 세포체 모델 뉴런 하나',
    neuronNote: '스파이크 (200 ms 동안)',
    spikes: '스파이크',
    trainStep: '스텝',
    bioTime: '생물 시간',
    urlProblem: '링크의 일부 설정을 쓸 수 없어 기본값을 불러왔습니다:',
    diverged: '학습이 발산했습니다(손실이 유한하지 않음): 일시정지했습니다. 학습률을 낮추고 초기화하세요.',
    csvLabel: 'CSV 붙여 넣기 (x,y,클래스)',
    csvTip: '한 줄에 한 점: x,y,클래스 (x, y는 [-1, 1], 클래스는 0-3). 범위 밖의 점이나 클래스는 그 줄을 알려 주고 받지 않습니다. 머리글 한 줄은 허용됩니다.',
    csvApply: 'CSV 사용',
    clearPoints: '점 지우기',
    probe: '입력점',
    frameMs: 'JS ms/프레임',
    worker: '워커 ms',
    staleCounts: '회색 스파이크 수: 가중치의 스텝',
    forward: '순전파',
    backward: '역전파',
    countsFrom: '스파이크를 센 가중치의 스텝:',
    inputValue: '값 x',
    poissonRate: '포아송 발화율 (Hz)',
    dismiss: '닫기',
    loss: '손실',
    accuracy: '정확도',
    train: '학습',
    test: '테스트',
    rate: '발화율 (Hz)',
    activation: '활성값',
    drive: '입력 구동',
    customHint: 'ANN 평면을 클릭해 선택한 클래스의 점을 추가하세요.',
    inputName: '입력',
    hiddenName: '은닉 뉴런',
    outputName: '출력 뉴런',
    startFailed: 'Soma를 시작하지 못했습니다.',
    startNoWebgl: '이 브라우저가 WebGL 컨텍스트를 주지 않았습니다. 두 신경망 장면은 WebGL로 그립니다. 하드웨어 가속이나 WebGL을 켜거나 다른 브라우저를 사용해 보세요.',
    startCsp: '페이지의 Content-Security-Policy가 거부했습니다:',
    startError: '오류:',
    startReload: '새로 고침',
  },
};

/** The tables, by language. */
export const TEXTS: Record<Lang, Texts> = { en, ko };

/** The texts of one language. */
export function texts(lang: Lang): Texts {
  return TEXTS[lang];
}

/** The neuron inspector's words (src/ui/inspector.ts), in English and Korean; `{name}` is filled in. */
export const INSPECTOR_TEXTS: Record<Lang, Record<InspectorTextKey, string>> = {
  en: {
    open: 'Inspect neuron',
    openTip: 'Open the neuron inspector for the selected hidden or output neuron (or click one in either scene). Key: I. Escape closes it.',
    hidden: 'Hidden neuron h[{j}]',
    output: 'Output neuron s[{j}]',
    prev: 'Previous neuron',
    next: 'Next neuron',
    close: 'Close',
    bio: 'Spiking neuron',
    ann: 'Artificial unit',
    noTwin: 'No spiking twin runs for this activation.',
    status: 'Spiking side: weights of training step {bio}, t = {t} ms (its last 1 ms step). ANN: step {ann}, the probe input.',
    dendrite: 'Dendrites',
    dendriteBioTip: 'Each synapse: its weight w times the spikes it delivered in the last 1 ms step is its contribution. With the bias (and, under current encoding, each input x as a constant current), they sum to the input the soma integrated in that step.',
    dendriteAnnTip: 'Each input: weight w times input value x is its contribution; with the bias b they sum to the pre-activation z = w.x + b.',
    from: 'from',
    weight: 'w',
    value: '× value',
    valueBioTip: 'Spikes the synapse delivered in the last step (0 or 1 per ms; w then joins the input of the step it arrives in: V <- e^(-dt/tau_m) V + (b + sum w)), or the input value x for a constant input current',
    valueAnnTip: 'The input value (x, or the hidden activation h for an output unit)',
    contribution: '= w × value',
    bias: 'bias b',
    sum: 'sum',
    unit: 'unit',
    noUnit: 'none (a number)',
    thresholdUnits: 'threshold units per step',
    thresholdUnit: 'threshold units',
    modelIfSubtract: 'if-subtract',
    modelIfZero: 'if-zero',
    modelIdentity: 'identity',
    modelLeakySubtract: 'leaky-subtract',
    modelLeakyZero: 'leaky-zero',
    soma: 'Soma (cell body)',
    somaBioTip: 'The soma integrates the dendrite\'s sum: integrate-and-fire V <- V + input, a spike at V >= 1, then V <- V - 1 (threshold units: 0 = rest, 1 = threshold); LIF: the membrane potential in mV.',
    somaAnnTip: 'The identity: the cell body passes z on unchanged.',
    axon: 'Axon',
    axonBioTip: 'The spikes the axon carried over the last complete counting window of T ms (the window so far before the first one ends), and the firing rate = count x 1000 / T in Hz.',
    axonAnnTip: 'The activation carried on: ReLU = max(0, z) for a hidden unit, the score itself for an output unit.',
    spikes: '{n} spikes in {T} ms = {r} Hz',
  },
  ko: {
    open: '뉴런 살펴보기',
    openTip: '선택한 은닉 또는 출력 뉴런의 살펴보기 창을 엽니다 (두 장면 어디서든 뉴런을 클릭해도 됩니다). 키: I. Escape로 닫습니다.',
    hidden: '은닉 뉴런 h[{j}]',
    output: '출력 뉴런 s[{j}]',
    prev: '이전 뉴런',
    next: '다음 뉴런',
    close: '닫기',
    bio: '스파이킹 뉴런',
    ann: '인공 뉴런',
    noTwin: '이 활성화 함수에는 스파이킹 짝이 실행되지 않습니다.',
    status: '스파이킹 쪽: 학습 단계 {bio}의 가중치, t = {t} ms (마지막 1 ms 단계). ANN: 단계 {ann}, 탐침 입력.',
    dendrite: '가지돌기',
    dendriteBioTip: '각 시냅스: 가중치 w 곱하기 마지막 1 ms 단계에 전달한 스파이크 수가 그 기여입니다. 편향(그리고 전류 인코딩에서는 상수 전류로 들어오는 각 입력 x)과 더하면 그 단계에 세포체가 적분한 입력이 됩니다.',
    dendriteAnnTip: '각 입력: 가중치 w 곱하기 입력값 x가 기여입니다. 편향 b와 더하면 활성화 이전 값 z = w.x + b 입니다.',
    from: '출처',
    weight: 'w',
    value: '× 값',
    valueBioTip: '마지막 단계에 시냅스가 전달한 스파이크 수 (ms마다 0 또는 1; 이때 w는 도착한 단계의 입력에 더해짐: V <- e^(-dt/tau_m) V + (b + sum w)), 또는 상수 입력 전류의 입력값 x',
    valueAnnTip: '입력값 (x, 출력 유닛이면 은닉 활성값 h)',
    contribution: '= w × 값',
    bias: '편향 b',
    sum: '합',
    unit: '단위',
    noUnit: '없음 (수)',
    thresholdUnits: '스텝당 문턱 단위',
    thresholdUnit: '문턱 단위',
    modelIfSubtract: '적분-발화 (빼기 리셋)',
    modelIfZero: '적분-발화 (0으로 리셋)',
    modelIdentity: '항등',
    modelLeakySubtract: '누설 적분-발화 (빼기 리셋)',
    modelLeakyZero: '누설 적분-발화 (0으로 리셋)',
    soma: '세포체',
    somaBioTip: '세포체는 가지돌기의 합을 적분합니다: 적분-발화 V <- V + 입력, V >= 1이면 스파이크, 그 뒤 V <- V - 1 (문턱 단위: 0 = 휴지, 1 = 문턱). LIF: 막전위 mV.',
    somaAnnTip: '항등 함수: 세포체는 z를 그대로 전달합니다.',
    axon: '축삭',
    axonBioTip: '마지막으로 끝난 T ms 계수 창 동안 축삭이 나른 스파이크 수 (첫 창이 끝나기 전에는 지금까지의 창), 그리고 발화율 = 수 x 1000 / T (Hz).',
    axonAnnTip: '전달되는 활성값: 은닉 유닛은 ReLU = max(0, z), 출력 유닛은 점수 그대로.',
    spikes: '{T} ms 동안 스파이크 {n}개 = {r} Hz',
  },
};

/** Keys of the inspector's words. */
export type InspectorTextKey =
  | 'open' | 'openTip' | 'hidden' | 'output' | 'prev' | 'next' | 'close' | 'bio' | 'ann' | 'noTwin' | 'status'
  | 'dendrite' | 'dendriteBioTip' | 'dendriteAnnTip' | 'from' | 'weight' | 'value' | 'valueBioTip' | 'valueAnnTip'
  | 'contribution' | 'bias' | 'sum' | 'unit' | 'noUnit' | 'thresholdUnits' | 'thresholdUnit' | 'modelIfSubtract' | 'modelIfZero' | 'modelIdentity' | 'modelLeakySubtract' | 'modelLeakyZero' | 'soma' | 'somaBioTip' | 'somaAnnTip' | 'axon' | 'axonBioTip'
  | 'axonAnnTip' | 'spikes';

/** An inspector text with `{name}` filled in. */
export function inspectorText(lang: Lang, key: InspectorTextKey, vars: Record<string, string | number> = {}): string {
  return INSPECTOR_TEXTS[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
