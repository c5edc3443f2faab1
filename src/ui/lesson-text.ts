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
} as const satisfies Record<string, Bilingual>;

export type TeachTextKey = keyof typeof TEACH_TEXT;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function tt(lang: LessonLang, key: TeachTextKey, vars: Record<string, string | number> = {}): string {
  return TEACH_TEXT[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
