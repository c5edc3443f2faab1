/**
 * The page's words that are not a control's label or tooltip (those are in i18n.ts): the names of
 * the options of every choice setting, the refusals of a typed value (in the control's own label,
 * never the internal key), the refusals of pasted CSV and of a formula's syntax, the page's title
 * and landmark names, units and plot legends. English and Korean; `{name}` is filled in.
 */
import { ParameterError, formatValue } from '../core/errors';
import type { ExpressionError } from '../core/ann/expression';
import { SETTINGS, type SettingField, type SettingKey, type SettingProblem } from '../core/lab/settings';
import { PointsCsvError } from '../core/lab/page-data';
import { texts, type Lang } from './i18n';

type Pair = { en: string; ko: string };

/**
 * The words of `key` in `table`, in `lang`, with every `{name}` filled from `vars` (a name not
 * given stays `{name}`); `fallback` (filled the same way) where the table has no such key. Every word
 * table of the page (these, status.ts, export-text.ts, access-text.ts) is read through it.
 */
export function lookup(table: Readonly<Record<string, Pair>> | undefined, key: string, lang: Lang, vars: Readonly<Record<string, string | number>> = {}, fallback = key): string {
  return (table?.[key]?.[lang] ?? fallback).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/**
 * The name each option of a choice setting shows, short enough for its menu (the tooltip says the
 * rest). Proper names and the field's abbreviations (ReLU, IF, LIF, HH, SGD, Adam, SVM, XOR,
 * Izhikevich's presets) stay as the field writes them.
 */
export const CHOICE_NAMES: Readonly<Record<string, Readonly<Record<string, Pair>>>> = {
  dataset: {
    spiral: { en: 'spiral', ko: '나선' },
    xor: { en: 'XOR', ko: 'XOR' },
    circle: { en: 'circle', ko: '원' },
    gaussians: { en: 'Gaussians', ko: '가우스' },
    moons: { en: 'two moons', ko: '두 반달' },
    iris: { en: 'iris', ko: '붓꽃' },
    custom: { en: 'your points', ko: '직접 입력' },
  },
  activation: {
    relu: { en: 'ReLU', ko: 'ReLU' },
    'lif-rate': { en: 'LIF rate', ko: 'LIF 발화율' },
    'soft-lif': { en: 'soft LIF', ko: '부드러운 LIF' },
    sigmoid: { en: 'sigmoid', ko: '시그모이드' },
    tanh: { en: 'tanh', ko: 'tanh' },
  },
  loss: {
    softmax: { en: 'softmax', ko: '소프트맥스' },
    svm: { en: 'SVM', ko: 'SVM' },
  },
  optimizer: {
    sgd: { en: 'SGD', ko: 'SGD' },
    momentum: { en: 'momentum', ko: '모멘텀' },
    adam: { en: 'Adam', ko: 'Adam' },
  },
  neuron: {
    if: { en: 'IF', ko: 'IF' },
    lif: { en: 'LIF', ko: 'LIF' },
  },
  norm: {
    max: { en: 'max', ko: '최댓값' },
    'p99.9': { en: 'p99.9', ko: 'p99.9' },
  },
  encoding: {
    current: { en: 'current', ko: '전류' },
    poisson: { en: 'Poisson', ko: '포아송' },
  },
  soma: {
    lif: { en: 'LIF', ko: 'LIF' },
    izhikevich: { en: 'Izhikevich', ko: 'Izhikevich' },
    hh: { en: 'HH', ko: 'HH' },
  },
  // Each language is named in its own words, so a reader of either finds theirs.
  lang: {
    en: { en: 'English', ko: 'English' },
    ko: { en: '한국어', ko: '한국어' },
  },
};

/** The name an option of setting `key` shows (the value itself where the table has none: preset names). */
export function choiceName(lang: Lang, key: string, value: string): string {
  return lookup(CHOICE_NAMES[key], value, lang);
}

const W = {
  notAllowed: { en: '{label}: {value} is not allowed; allowed: {allowed}', ko: '{label}: {value}은(는) 쓸 수 없습니다. 허용: {allowed}' },
  numberRange: { en: 'a number from {min} to {max}', ko: '{min} 이상 {max} 이하의 수' },
  integerRange: { en: 'a whole number from {min} to {max}', ko: '{min} 이상 {max} 이하의 정수' },
  oneOf: { en: 'one of {list}', ko: '{list} 중 하나' },
  onOff: { en: 'on or off', ko: '켜짐 또는 꺼짐' },
  text: { en: 'text of up to {n} characters', ko: '{n}자 이내의 글' },
  vals: { en: 'name=number pairs separated by commas (x=-2,y=5), up to {n} characters', ko: '쉼표로 구분한 이름=수 (x=-2,y=5), {n}자 이내' },
  points: { en: 'points x,y,class with x, y in [-1, 1] and class 0 to {c}', ko: 'x, y는 [-1, 1], 클래스는 0부터 {c}까지인 점 x,y,클래스' },
  urlProblem: { en: '{label} ({value}: {allowed})', ko: '{label} ({value}: {allowed})' },
  title: { en: 'Soma: a biological neuron next to a ReLU unit', ko: 'Soma: 생물학적 뉴런과 ReLU 유닛을 나란히' },
  runBar: { en: 'Run', ko: '실행' },
  exportBar: { en: 'Export and import', ko: '내보내기와 가져오기' },
  settings: { en: 'Settings', ko: '설정' },
  reluFit: { en: 'ReLU fit', ko: 'ReLU 맞춤' },
  drive: { en: 'drive R·I', ko: '구동 R·I' },
  anyUnit: { en: 'any (weighted sum)', ko: '임의 (가중합)' },
  csvPlaceholder: { en: 'x,y,class\n0.5,-0.2,0\n-0.3,0.7,1', ko: 'x,y,클래스\n0.5,-0.2,0\n-0.3,0.7,1' },
  csvEmpty: { en: 'no points: paste lines x,y,class', ko: '점이 없습니다: x,y,클래스 줄을 붙여 넣으세요' },
  csvFields: { en: 'line {line}: "{text}" needs three fields x,y,class', ko: '{line}번째 줄: "{text}"에는 x,y,클래스 세 값이 필요합니다' },
  csvNumber: { en: 'line {line}: "{text}" is not a number', ko: '{line}번째 줄: "{text}"은(는) 수가 아닙니다' },
  csvOutside: { en: 'line {line}: the point ({x}, {y}) lies outside the plane [-1, 1] × [-1, 1]', ko: '{line}번째 줄: 점 ({x}, {y})이(가) 평면 [-1, 1] × [-1, 1] 밖에 있습니다' },
  csvClass: { en: 'line {line}: class {c} is not one of 0 to {max}', ko: '{line}번째 줄: 클래스 {c}은(는) 0부터 {max}까지의 정수가 아닙니다' },
  csvTooMany: { en: '{n} points: at most {max}', ko: '점 {n}개: 최대 {max}개입니다' },
  gcTitle: { en: "Gradient check of the network", ko: '신경망의 기울기 확인' },
  gcRun: { en: "Check the network's gradients", ko: '신경망의 기울기 확인하기' },
  gcRunTip: {
    en: 'Backprop against centred differences (f(w + h) − f(w − h)) / 2h for every weight and bias of the network as trained now, over the training points, loss with regularisation: the worst relative error per parameter array (as `soma gradcheck --network` prints it)',
    ko: '지금 학습된 신경망의 모든 가중치와 편향에 대해 역전파 기울기를 중심 차분 (f(w + h) − f(w − h)) / 2h 와 비교합니다 (학습 점, 정규화 포함 손실): 매개변수 배열마다 가장 큰 상대 오차 (`soma gradcheck --network` 와 같은 값)',
  },
  gcStep: { en: 'Step h', ko: '간격 h' },
  gcParam: { en: 'parameter', ko: '매개변수' },
  gcShape: { en: 'shape', ko: '모양' },
  gcCompared: { en: 'entries compared', ko: '비교한 항목' },
  gcKinks: { en: 'skipped at kinks', ko: '꺾인 점이라 건너뜀' },
  gcWorst: { en: 'worst relative error', ko: '가장 큰 상대 오차' },
  gcBand: { en: 'reading', ko: '판정' },
  gcStatus: { en: 'Training step {step}, {n} training points, h = {h}: {verdict}', ko: '학습 단계 {step}, 학습 점 {n}개, h = {h}: {verdict}' },
  gcSampled: { en: ' ({k} entries per array drawn at random: the network is large)', ko: ' (신경망이 커서 배열마다 {k}개 항목을 무작위로 뽑음)' },
  gcPass: { en: 'every entry compared, all below 1e-5', ko: '모든 항목을 비교했고 모두 1e-5 미만' },
  gcPartial: { en: 'below 1e-5 where compared (some entries skipped at kinks or below round-off)', ko: '비교한 곳은 1e-5 미만 (일부는 꺾인 점이나 반올림 한계로 건너뜀)' },
  gcFail: { en: 'an error above 1e-5, or nothing compared', ko: '1e-5를 넘는 오차가 있거나 비교한 항목이 없음' },
  gcNoPoints: { en: 'No training points: add points, then check the gradients.', ko: '학습 점이 없습니다: 점을 추가한 뒤 기울기를 확인하세요.' },
  gcStepError: { en: 'Step h: {value} is not allowed; allowed: a number from 1e-10 to 1e-2', ko: '간격 h: {value}은(는) 쓸 수 없습니다. 허용: 1e-10 이상 1e-2 이하의 수' },
  mapsNote: {
    en: "Beside each hidden unit: its output over the input plane [-1, 1]², the ANN (left) and its spiking twin's rate (right), each from 0 (dark) to its own maximum (yellow). {summary}",
    ko: '각 은닉 유닛 옆: 입력 평면 [-1, 1]² 위의 출력, ANN(왼쪽)과 스파이킹 쌍둥이의 발화율(오른쪽), 각각 0(어두움)부터 자기 최댓값(노랑)까지. {summary}',
  },
  mapsSummary: { en: 'Twins alike, weights of step {step}: mean r = {mean}, lowest {min} ({n} of {h} units active).', ko: '쌍둥이의 닮음, 단계 {step}의 가중치: 평균 상관계수 {mean}, 최저 {min} (유닛 {h}개 중 {n}개 활동).' },
  mapsWaiting: { en: 'The spiking maps follow the first readout of the spiking plane.', ko: '스파이킹 지도는 스파이킹 평면의 첫 판독 뒤에 나타납니다.' },
  mapsTooMany: { en: 'Unit maps are drawn for up to {max} hidden units; this network has {h}.', ko: '유닛 지도는 은닉 유닛 {max}개까지 그립니다. 이 신경망은 {h}개입니다.' },
  mapAnn: { en: '{unit}, ANN: its activation over the input plane, 0 to {max} (weights of step {step})', ko: '{unit}, ANN: 입력 평면 위의 활성값, 0부터 {max}까지 (단계 {step}의 가중치)' },
  mapSnn: {
    en: '{unit}, spiking twin: its firing rate over the input plane, 0 to {max} Hz (weights of step {step}); r = {r} with the ANN map of the same weights',
    ko: '{unit}, 스파이킹 쌍둥이: 입력 평면 위의 발화율, 0부터 {max} Hz까지 (단계 {step}의 가중치); 같은 가중치의 ANN 지도와의 상관계수 {r}',
  },
  mapSnnWaiting: { en: '{unit}, spiking twin: its firing rate over the input plane, after the first readout of the spiking plane', ko: '{unit}, 스파이킹 쌍둥이: 입력 평면 위의 발화율, 스파이킹 평면의 첫 판독 뒤에 나타남' },
  mapSilent: { en: 'none (silent on the whole plane)', ko: '없음 (평면 전체에서 조용함)' },
  edgesGroup: {
    en: 'Weights of the ANN: click an edge, or Tab to the edges, move with the arrow keys and press Enter to edit one',
    ko: 'ANN의 가중치: 연결선을 누르거나, 탭 키로 연결선에 가서 화살표 키로 옮기고 엔터 키로 고칩니다',
  },
  edgeTitle: { en: 'Weight {edge}', ko: '가중치 {edge}' },
  edgeNow: { en: 'now {w} (training step {step})', ko: '지금 {w} (학습 단계 {step})' },
  edgeNew: { en: 'New weight', ko: '새 가중치' },
  edgeSet: { en: 'Set', ko: '적용' },
  edgeClose: { en: 'Close', ko: '닫기' },
  edgeSetTip: {
    en: "The ANN uses the new weight at once and trains on from it; the spiking twin is converted again (its synapse = w times the layer's scale λ), and its counts and plane follow within a window",
    ko: 'ANN은 새 가중치를 바로 쓰고 그로부터 학습을 이어 갑니다. 스파이킹 쌍둥이는 다시 변환되고 (시냅스 = w × 층의 척도 λ), 스파이크 수와 평면은 한 창 안에 따라옵니다',
  },
  edgeDone: { en: '{edge} is now {w}: the spiking twin was converted again.', ko: '{edge}은(는) 이제 {w}입니다: 스파이킹 쌍둥이를 다시 변환했습니다.' },
} satisfies Record<string, Pair>;

/** Keys of the words above. */
export type WordKey = keyof typeof W;

/** Every word of the module, for the table test. */
export const WORDS: Readonly<Record<WordKey, Pair>> = W;

/** A word with `{name}` filled in. */
export function word(lang: Lang, key: WordKey, vars: Record<string, string | number> = {}): string {
  return lookup(W, key, lang, vars);
}

/** What a setting allows, in the reader's words (the choice names, not the URL values). */
export function allowedText(lang: Lang, key: SettingKey): string {
  const f: SettingField = SETTINGS[key];
  switch (f.kind) {
    case 'number':
      return word(lang, f.integer ? 'integerRange' : 'numberRange', { min: f.min, max: f.max });
    case 'choice':
      return word(lang, 'oneOf', { list: f.choices.map((c) => choiceName(lang, key, c)).join(', ') });
    case 'boolean':
      return word(lang, 'onOff');
    case 'text':
      return word(lang, key === 'vals' ? 'vals' : 'text', { n: f.maxLength });
    case 'points':
      return word(lang, 'points', { c: 3 });
  }
}

/** The label a setting's control shows. */
export function settingLabel(lang: Lang, key: SettingKey): string {
  return texts(lang).settings[key].label;
}

/** A typed value refused: the control's label, the value as typed, what is allowed. */
export function settingRefusal(lang: Lang, key: SettingKey, raw: unknown): string {
  return word(lang, 'notAllowed', { label: settingLabel(lang, key), value: formatValue(raw), allowed: allowedText(lang, key) });
}

/** The link's unusable settings, each by its label. */
export function urlProblems(lang: Lang, problems: readonly SettingProblem[]): string {
  return problems
    .map((p) => (Object.hasOwn(SETTINGS, p.key)
      ? word(lang, 'urlProblem', { label: settingLabel(lang, p.key as SettingKey), value: formatValue(p.raw), allowed: allowedText(lang, p.key as SettingKey) })
      : `${p.key} (${formatValue(p.raw)}: ${p.allowed})`))
    .join('; ');
}

/** A refusal of pasted points (src/core/lab/page-data.ts), by line. */
export function csvRefusal(lang: Lang, e: PointsCsvError): string {
  const d = e.detail;
  switch (e.reason) {
    case 'empty': return word(lang, 'csvEmpty');
    case 'fields': return word(lang, 'csvFields', { line: e.line, text: d.text ?? '' });
    case 'number': return word(lang, 'csvNumber', { line: e.line, text: d.text ?? '' });
    case 'outside': return word(lang, 'csvOutside', { line: e.line, x: d.x ?? '', y: d.y ?? '' });
    case 'class': return word(lang, 'csvClass', { line: e.line, c: d.c ?? '', max: d.max ?? '' });
    case 'count': return word(lang, 'csvTooMany', { n: d.n ?? '', max: d.max ?? '' });
  }
}

/** A unit as the soma models declare it, in the reader's words (`mV (drive R*I)` -> `mV (구동 R·I)`). */
export function unitText(lang: Lang, unit: string): string {
  return unit.replace('drive R*I', word(lang, 'drive')).replace('any (weighted sum)', word(lang, 'anyUnit'));
}

const EXPR: Readonly<Record<string, Pair>> = {
  unexpected: { en: 'the character "{c}" is not part of a formula', ko: '문자 "{c}"은(는) 식에 쓸 수 없습니다' },
  empty: { en: 'type a formula such as (x+y)*z', ko: '(x+y)*z 같은 식을 입력하세요' },
  tooLong: { en: 'at most {n} characters', ko: '최대 {n}자입니다' },
  tooDeep: { en: 'nesting at most {n} deep', ko: '괄호와 함수는 {n}단계까지 겹칠 수 있습니다' },
  expected: { en: '"{want}" is missing here (found {found})', ko: '여기에 "{want}"이(가) 필요합니다 (찾은 것: {found})' },
  unknownFunction: { en: '"{name}" is not a function; known: {list}', ko: '"{name}"은(는) 함수가 아닙니다. 쓸 수 있는 함수: {list}' },
  arity: { en: '{name} takes {n} argument(s), found {found}', ko: '{name}은(는) 인수 {n}개를 받습니다 (찾은 것: {found}개)' },
  call: { en: 'the function {name} needs "(" after it', ko: '함수 {name} 뒤에는 "("가 필요합니다' },
  operand: { en: 'a number, a name or "(" is missing here (found {found})', ko: '여기에 수, 이름 또는 "("가 필요합니다 (찾은 것: {found})' },
  trailing: { en: 'an operator or the end is expected here (found {found})', ko: '여기에는 연산자나 식의 끝이 와야 합니다 (찾은 것: {found})' },
  end: { en: 'the end of the formula', ko: '식의 끝' },
};

/** Every formula-error word, for the table test. */
export const EXPRESSION_WORDS: Readonly<Record<string, Pair>> = EXPR;

/** A formula's syntax error in the reader's words (from the parser's reason and details). */
export function expressionRefusal(lang: Lang, e: ExpressionError): string {
  const d: Record<string, string | number> = { ...e.detail };
  if (d.found === '') d.found = EXPR.end[lang];
  return lookup(EXPR, e.reason, lang, d, e.allowed);
}

/** Any refusal in the reader's words where its kind is known, else its own message. */
export function refusalText(lang: Lang, e: ParameterError): string {
  if (e instanceof PointsCsvError) return csvRefusal(lang, e);
  return e.message;
}
