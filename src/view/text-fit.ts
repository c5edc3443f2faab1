/** Keeping the scenes' Pixi text readable on screen whatever size the scene is drawn at. */
import { Text, type Container } from 'pixi.js';
import { SCENE_HEIGHT, SCENE_WIDTH } from './layout';

/**
 * Column captions (13 design units, anchored at their top centre) at least 11 px x `fontScale`
 * tall on screen (at most 2.4 times their design size), kept inside the scene's width.
 */
export function fitCaptions(captions: Text[], columnX: readonly number[], sceneScale: number, fontScale: number): void {
  const f = Math.max(1, Math.min((11 * fontScale) / (13 * sceneScale), 2.4));
  captions.forEach((t, l) => {
    t.scale.set(f);
    const half = t.width / 2;
    t.position.x = Math.max(half + 2, Math.min(SCENE_WIDTH - half - 2, columnX[l]));
  });
}

/** The three column captions (inputs, hidden, outputs) of a scene, added to `parent` at the top. */
export function addColumnCaptions(parent: Container, names: readonly string[], columnX: readonly number[]): Text[] {
  const style = { fontSize: 13, fill: 0xc9ced6, fontFamily: 'system-ui, sans-serif' };
  return names.map((name, l) => {
    const t = new Text({ text: name, style });
    t.anchor.set(0.5, 0);
    t.position.set(columnX[l], 4);
    parent.addChild(t);
    return t;
  });
}

/** Scales `content` (SCENE_WIDTH x SCENE_HEIGHT design units) to fit `width` x `height` CSS pixels, centred; returns the scale. */
export function fitScene(content: Container, width: number, height: number): number {
  const scale = Math.min(width / SCENE_WIDTH, height / SCENE_HEIGHT);
  content.scale.set(scale);
  content.position.set((width - SCENE_WIDTH * scale) / 2, (height - SCENE_HEIGHT * scale) / 2);
  return scale;
}
