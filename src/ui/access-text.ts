/**
 * The words of spikes as sound, the phone's header and menu, and keyboard movement in the scenes
 * and planes, in English and Korean (beside them, as export-text.ts is beside the Export group).
 */
import type { Bilingual, LessonLang } from '../core/lessons/text';
import { lookup } from './words';

export const ACCESS_TEXT = {
  sound: { en: 'Spike sound: a click per spike of the selected neuron', ko: '스파이크 소리: 선택한 뉴런이 스파이크를 낼 때마다 딸깍' },
  soundTip: {
    en: 'A click for each spike of the selected neuron (the inspector\'s, or the one chosen in a scene), played at the page\'s speed: raise the input and hear the rate rise. Off by default (key S)',
    ko: '선택한 뉴런(검사기의 뉴런 또는 장면에서 고른 뉴런)의 스파이크마다 딸깍 소리를 페이지의 속도로 냅니다: 입력을 올리면 발화율이 오르는 것이 들립니다. 기본은 꺼짐 (S 키)',
  },
  soundOf: { en: 'Clicks: {neuron}', ko: '딸깍 소리: {neuron}' },
  soundPaused: { en: 'Clicks: {neuron} (plays while running)', ko: '딸깍 소리: {neuron} (실행 중에 들립니다)' },
  soundThinned: {
    en: 'Clicks: {neuron}, {rate} spikes/s at this speed: too fast to hear each one, thinned to {max} clicks/s',
    ko: '딸깍 소리: {neuron}, 이 속도에서 초당 스파이크 {rate}개: 하나하나 듣기에 너무 빨라 초당 {max}번으로 줄였습니다',
  },
  soundNone: { en: 'No Web Audio in this browser: spikes cannot be played as sound', ko: '이 브라우저에는 웹 오디오 기능이 없어 스파이크를 소리로 낼 수 없습니다' },
  menu: { en: 'File', ko: '파일' },
  menuName: { en: 'File: export and import', ko: '파일: 내보내기와 가져오기' },
  menuTip: { en: 'Export and import: scripts, network and project files, results', ko: '내보내기와 가져오기: 스크립트, 네트워크와 프로젝트 파일, 결과' },
  next: { en: 'Next', ko: '다음' },
  nextTip: { en: 'The tour\'s next step (N)', ko: '둘러보기의 다음 단계 (N)' },
  bioScene: {
    en: 'Spiking network: arrow keys move between neurons (left and right between layers), Enter opens the inspector',
    ko: '스파이킹 네트워크: 화살표 키로 뉴런 사이를 움직이고 (왼쪽과 오른쪽은 층 사이), Enter로 검사기를 엽니다',
  },
  annScene: {
    en: 'Artificial network: arrow keys move between units (left and right between layers), Enter opens the inspector',
    ko: '인공 신경망: 화살표 키로 유닛 사이를 움직이고 (왼쪽과 오른쪽은 층 사이), Enter로 검사기를 엽니다',
  },
  planeKeys: {
    en: 'Arrow keys move the cursor by 0.05 (with Shift 0.25); Enter sets the probe there',
    ko: '화살표 키로 커서를 0.05씩 (시프트 키와 함께 0.25씩) 움직이고 Enter로 그곳에 탐침을 둡니다',
  },
  cursorAt: { en: 'cursor x {x}, y {y}', ko: '커서 x {x}, y {y}' },
  probeSet: { en: 'probe set at x {x}, y {y}', ko: '탐침을 x {x}, y {y}에 두었습니다' },
  traceOf: { en: 'Membrane potential of {neuron}, last {T} ms (V / V_th)', ko: '{neuron}의 막전위, 최근 {T} ms (V / V_th)' },
  traceClose: { en: 'Close the trace', ko: '기록 닫기' },
  traceInspect: { en: 'Inspect', ko: '검사' },
} as const satisfies Record<string, Bilingual>;

export type AccessTextKey = keyof typeof ACCESS_TEXT;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function at(lang: LessonLang, key: AccessTextKey, vars: Record<string, string | number> = {}): string {
  return lookup(ACCESS_TEXT, key, lang, vars);
}
