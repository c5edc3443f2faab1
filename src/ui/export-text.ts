/**
 * The words of the Export group and the network import, in English and Korean (beside them, as
 * lesson-text.ts is beside the teacher's features, so the settings panel's table is not edited
 * by two people at once).
 */
import type { Bilingual, LessonLang } from '../core/lessons/text';
import { lookup } from './words';

export const EXPORT_TEXT = {
  group: { en: 'Export and import', ko: '내보내기와 가져오기' },
  network: { en: 'Network (JSON)', ko: '네트워크 (JSON)' },
  networkTip: {
    en: 'Download the current trained network as a versioned network file (soma-network.json): weights W1 (D x H), W2 (H x K) and biases, scores = X W + b; the same format as `soma train --save`, read by `soma convert --network` and `soma export`',
    ko: '현재 학습된 네트워크를 버전이 있는 네트워크 파일(soma-network.json)로 내려받습니다: 가중치 W1 (D x H), W2 (H x K)와 편향, 점수 = X W + b. `soma train --save`와 같은 형식이며 `soma convert --network`, `soma export`가 읽습니다',
  },
  brian2: { en: 'Brian2 script', ko: 'Brian2 스크립트' },
  brian2Tip: {
    en: 'Download a Brian2 2.5 Python script (soma-brian2.py) of the converted spiking network the page runs: current weights, current neuron, normalisation, encoding and window T, arrays inline. Run it with python3 soma-brian2.py (--target numpy|cython|cpp_standalone); it prints the spike counts of every neuron as JSON',
    ko: '페이지가 실행하는 변환된 스파이킹 네트워크의 Brian2 2.5 파이썬 스크립트(soma-brian2.py)를 내려받습니다: 현재 가중치, 뉴런, 정규화, 인코딩, 창 T, 배열 포함. python3 soma-brian2.py (--target numpy|cython|cpp_standalone)로 실행하면 모든 뉴런의 스파이크 수를 JSON으로 출력합니다',
  },
  inputs: { en: 'Script input', ko: '스크립트 입력' },
  inputsTip: {
    en: 'What the Brian2 network is fed: the probe point (one input, with the page\'s synaptic delay) or 10 test points side by side (population layer l holds 10 x units neurons, input b at b*units + j)',
    ko: 'Brian2 네트워크의 입력: 탐침 점 (입력 하나, 페이지의 시냅스 지연 포함) 또는 시험 점 10개를 나란히 (층 l의 집단은 10 x 유닛 뉴런, 입력 b는 b*유닛 + j)',
  },
  inputsProbe: { en: 'probe point', ko: '탐침 점' },
  inputsData: { en: '10 data points', ko: '데이터 점 10개' },
  results: { en: 'Results (CSV)', ko: '결과 (CSV)' },
  resultsTip: {
    en: 'Download the results on show (soma-results.csv): rows "curve" = training step, loss and accuracy on the training and test splits; rows "rate" = hidden unit j, activation / lambda and its firing rate in Hz (counts x 1000 / T)',
    ko: '보이는 결과를 내려받습니다 (soma-results.csv): "curve" 행 = 학습 단계, 학습/시험 손실과 정확도; "rate" 행 = 은닉 유닛 j, 활성값 / lambda와 발화율 Hz (스파이크 수 x 1000 / T)',
  },
  import: { en: 'Import network…', ko: '네트워크 가져오기…' },
  importName: { en: 'Import a network file (JSON)', ko: '네트워크 파일 (JSON) 가져오기' },
  importTip: {
    en: 'Load a network file (from this page, `soma train --save` or a script) into the page: the artificial network shows its weights, the spiking side converts them, training pauses. It must have 2 inputs and one output per class of the data on show. You can also drop the file onto the artificial network',
    ko: '네트워크 파일(이 페이지, `soma train --save` 또는 스크립트에서 만든)을 페이지로 불러옵니다: 인공 네트워크가 그 가중치를 보여 주고, 스파이킹 쪽이 변환하며, 학습은 멈춥니다. 입력 2개와 현재 데이터의 클래스마다 출력 하나가 있어야 합니다. 파일을 인공 네트워크 위에 끌어다 놓아도 됩니다',
  },
  imported: { en: 'Imported {file}: {d}-{h}-{k} {activation} network; training paused (play continues from these weights; reset draws new ones from the seed).', ko: '{file}을(를) 가져왔습니다: {d}-{h}-{k} {activation} 네트워크. 학습이 멈췄습니다 (재생하면 이 가중치에서 계속하고, 초기화하면 시드로 새 가중치를 만듭니다).' },
  importProblem: { en: 'Not imported ({file}); the page keeps its network:', ko: '가져오지 못했습니다 ({file}). 페이지는 현재 네트워크를 유지합니다:' },
  exportProblem: { en: 'No Brian2 script:', ko: 'Brian2 스크립트를 만들 수 없습니다:' },
  pynn: { en: 'PyNN script', ko: 'PyNN 스크립트' },
  pynnTip: {
    en: 'Download a PyNN 0.10 Python script (soma-pynn.py) of the same spiking network, with PyNN\'s standard cells: it runs on NEST (also with MPI on a cluster), NEURON, Brian2 or SpiNNaker: python3 soma-pynn.py --simulator brian2|nest|neuron|spinnaker. It prints the spike counts of every neuron as JSON',
    ko: '같은 스파이킹 네트워크를 PyNN 표준 세포로 만든 PyNN 0.10 파이썬 스크립트(soma-pynn.py)를 내려받습니다: NEST (클러스터의 MPI 포함), NEURON, Brian2, SpiNNaker에서 실행됩니다: python3 soma-pynn.py --simulator brian2|nest|neuron|spinnaker. 모든 뉴런의 스파이크 수를 JSON으로 출력합니다',
  },
  pynnProblem: { en: 'No PyNN script:', ko: 'PyNN 스크립트를 만들 수 없습니다:' },
  pynnApproximate: {
    en: 'PyNN script saved with the closest standard cell, not the same model: {what}. The leaky neuron (reset to rest) is exported exactly.',
    ko: 'PyNN 스크립트를 가장 가까운 표준 세포로 저장했습니다 (같은 모델이 아닙니다): {what}. 누설 뉴런(휴지 전위로 재설정)은 정확히 내보냅니다.',
  },
  picture: { en: 'Download {panel} as PNG', ko: '{panel} 그림을 PNG 파일로 내려받기' },
  pictureTip: {
    en: 'Save this panel as a PNG picture ({file}) at the screen\'s resolution; Shift-click, or tick "Pictures at 2x", for twice the pixels for slides ({file2x})',
    ko: '이 패널을 화면 해상도의 PNG 그림({file})으로 저장합니다. Shift를 누른 채 누르거나 "그림 2배"를 고르면 슬라이드용으로 픽셀이 두 배인 그림({file2x})을 저장합니다',
  },
  pictureSvg: { en: 'Download {panel} as SVG', ko: '{panel} 그림을 SVG 파일로 내려받기' },
  pictureSvgTip: {
    en: 'Save the circuit as a standalone SVG drawing ({file}): lines and text stay sharp at any size; it opens in a browser or a drawing program',
    ko: '회로를 따로 열리는 SVG 그림({file})으로 저장합니다: 어떤 크기에서도 선과 글자가 선명하며, 브라우저나 그림 프로그램에서 열립니다',
  },
  pictures2x: { en: 'Pictures at 2x', ko: '그림 2배' },
  pictures2xTip: {
    en: 'Panel pictures (PNG) with twice the screen\'s pixels in each direction, for slides and print; Shift-click on a picture button does the other size once',
    ko: '패널 그림(PNG)을 가로세로 화면 픽셀의 두 배로 저장합니다 (슬라이드와 인쇄용). 그림 단추를 Shift를 누른 채 누르면 한 번만 다른 크기로 저장합니다',
  },
  pictureProblem: { en: 'No picture of {panel}:', ko: '{panel} 그림을 만들 수 없습니다:' },
  dropHere: { en: 'Drop a network file (JSON) to import it', ko: '네트워크 파일 (JSON)을 놓으면 가져옵니다' },
} as const satisfies Record<string, Bilingual>;

export type ExportTextKey = keyof typeof EXPORT_TEXT;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function et(lang: LessonLang, key: ExportTextKey, vars: Record<string, string | number> = {}): string {
  return lookup(EXPORT_TEXT, key, lang, vars);
}
