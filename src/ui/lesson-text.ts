/**
 * The words of the teacher's features (tour bar, presenter mode, circuit view), in English and
 * Korean. Kept beside those features rather than in i18n.ts so that the lesson work and the
 * settings panel do not edit one table at the same time; the lesson content itself (step texts,
 * gate rules) is in src/core/lessons/. A test checks every entry has both languages.
 */
import type { Bilingual, LessonLang } from '../core/lessons/text';

/** Every label, tooltip and message of the teacher's features. */
export const TEACH_TEXT = {
  tour: { en: 'Tour', ko: '투어' },
  tourTip: { en: 'Guided tour of the lecture, step by step (T). Next: N or PageDown; previous: P or PageUp.', ko: '강의를 단계별로 따라가는 투어 (T). 다음: N 또는 PageDown, 이전: P 또는 PageUp.' },
  tourRegion: { en: 'Guided tour', ko: '안내 투어' },
  next: { en: 'Next', ko: '다음' },
  nextTip: { en: 'Next step (N or PageDown)', ko: '다음 단계 (N 또는 PageDown)' },
  previous: { en: 'Previous', ko: '이전' },
  previousTip: { en: 'Previous step (P or PageUp)', ko: '이전 단계 (P 또는 PageUp)' },
  close: { en: 'Close tour', ko: '투어 닫기' },
  closeTip: { en: 'Close the tour; the page keeps its settings (T reopens it)', ko: '투어를 닫습니다. 페이지 설정은 그대로입니다 (T로 다시 엽니다)' },
  stepOf: { en: 'Step {n} of {total}', ko: '{total}단계 중 {n}단계' },
  presenter: { en: 'Presenter', ko: '발표자' },
  presenterTip: { en: 'Presenter mode: big fonts, controls hidden, only the panels of the current step (F)', ko: '발표자 모드: 큰 글씨, 컨트롤 숨김, 현재 단계의 패널만 (F)' },
  circuit: { en: 'Circuit', ko: '회로' },
  circuitTip: { en: 'Open or close the circuit view: a formula as a graph of gates with its forward values and backward gradients', ko: '회로 보기 열기/닫기: 식을 게이트 그래프로, 순전파 값과 역전파 기울기와 함께' },
  circuitTitle: { en: 'Circuit view: forward values (green), backward gradients (red)', ko: '회로 보기: 순전파 값(초록), 역전파 기울기(빨강)' },
  presets: { en: "The lecture's circuits", ko: '강의의 회로' },
  formula: { en: 'Formula', ko: '식' },
  formulaTip: { en: 'Type a formula: + - * / ( ), numbers, names, exp log relu sigmoid tanh max min. Example: 2*(x*y+max(z,w))', ko: '식을 입력하세요: + - * / ( ), 숫자, 이름, exp log relu sigmoid tanh max min. 예: 2*(x*y+max(z,w))' },
  values: { en: 'Values', ko: '값' },
  valueTip: { en: 'Value of {name}', ko: '{name}의 값' },
  syntaxError: { en: 'Position {pos}: {what}. The last good graph is shown.', ko: '{pos}번째 위치: {what}. 마지막으로 올바른 그래프를 보여 줍니다.' },
  valueError: { en: '{name} needs a finite number', ko: '{name}에는 유한한 수가 필요합니다' },
  hoverHint: { en: 'Hover or tap a gate to read its local rule.', ko: '게이트에 마우스를 올리거나 눌러 국소 규칙을 읽어 보세요.' },
  graphLabel: { en: 'Computational graph of {expr}: f = {value}', ko: '{expr}의 계산 그래프: f = {value}' },
  nodeLabel: { en: '{name}: value {value}, gradient {grad}', ko: '{name}: 값 {value}, 기울기 {grad}' },
  noGradient: { en: 'none', ko: '없음' },
  checkTitle: { en: 'Gradient check: numerical against analytic', ko: '기울기 확인: 수치 기울기와 해석 기울기' },
  checkStep: { en: 'Step h', ko: '간격 h' },
  checkStepTip: { en: 'h of the centred difference (f(x + h) − f(x − h)) / 2h, from 1e-10 to 1e-2', ko: '중심 차분 (f(x + h) − f(x − h)) / 2h 의 h, 1e-10부터 1e-2까지' },
  checkStepError: { en: 'Step h: {value} is not allowed; allowed: a number from 1e-10 to 1e-2', ko: '간격 h: {value}은(는) 쓸 수 없습니다. 허용: 1e-10 이상 1e-2 이하의 수' },
  checkVariable: { en: 'variable', ko: '변수' },
  checkAnalytic: { en: 'analytic ∂f/∂x (backprop)', ko: '해석 ∂f/∂x (역전파)' },
  checkNumerical: { en: 'numerical (centred, h)', ko: '수치 (중심 차분, h)' },
  checkRelError: { en: 'relative error', ko: '상대 오차' },
  checkBand: { en: 'reading', ko: '판정' },
  bandFine: { en: 'fine (< 1e-7)', ko: '좋음 (< 1e-7)' },
  bandKinks: { en: 'fine only with kinks (< 1e-4)', ko: '꺾임이 있을 때만 괜찮음 (< 1e-4)' },
  bandUncomfortable: { en: 'uncomfortable (< 1e-2)', ko: '불편함 (< 1e-2)' },
  bandWrong: { en: 'wrong (≥ 1e-2)', ko: '틀림 (≥ 1e-2)' },
  kinkNote: { en: 'x ± h straddles a kink: the difference is no derivative', ko: 'x ± h가 꺾인 점을 걸칩니다: 이 차분은 미분이 아닙니다' },
  checkNote: { en: 'Relative error |a − n| / max(|a|, |n|), float64. The course: below 1e-7 fine; kinks (relu, max) explain larger.', ko: '상대 오차 |a − n| / max(|a|, |n|), 64비트 부동소수점. 강의: 1e-7 미만이면 좋음, 더 크면 꺾인 점(relu, max) 때문일 수 있습니다.' },
  nonFiniteLog: { en: 'f is not finite: {node} takes the log of {x}, and log is defined only for x > 0', ko: 'f가 유한하지 않습니다: {node}이(가) {x}의 로그를 구하는데, 로그는 x > 0에서만 정의됩니다' },
  nonFiniteDivide: { en: 'f is not finite: {node} divides by zero', ko: 'f가 유한하지 않습니다: {node}이(가) 0으로 나눕니다' },
  nonFiniteOverflow: { en: 'f is not finite: {node} overflows (beyond 1.8e308)', ko: 'f가 유한하지 않습니다: {node}이(가) 넘칩니다 (1.8e308 초과)' },
  nonFiniteOther: { en: 'f is not finite at {node} (NaN)', ko: 'f가 {node}에서 유한하지 않습니다 (NaN)' },
  linkValuesError: { en: 'The link\'s values were not used: {what}', ko: '링크의 값을 쓰지 않았습니다: {what}' },
  linkValueBad: { en: '{name} = {value} is not a finite number', ko: '{name} = {value}은(는) 유한한 수가 아닙니다' },
  linkValuesSyntax: { en: '"{part}" is not name=number', ko: '"{part}"은(는) 이름=수 형식이 아닙니다' },
  branchSum: { en: '{name}: the gradients of its {n} wires add up: {sum}', ko: '{name}: 선 {n}개의 기울기를 더합니다: {sum}' },
} as const satisfies Record<string, Bilingual>;

export type TeachTextKey = keyof typeof TEACH_TEXT;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function tt(lang: LessonLang, key: TeachTextKey, vars: Record<string, string | number> = {}): string {
  return TEACH_TEXT[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
