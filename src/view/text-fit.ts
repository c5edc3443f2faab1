/** Keeping the scenes' Pixi text readable on screen whatever size the scene is drawn at. */
import type { Text } from 'pixi.js';
import { SCENE_WIDTH } from './layout';

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
