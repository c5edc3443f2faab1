/**
 * Round things of the network scenes (somas, nodes, spike flashes, spike dots) as sprites of one
 * disc texture instead of Graphics circles. The texture is drawn once with the 2D canvas (its
 * edges antialiased) and mipmapped, so a disc stays round and smooth at any size on screen even
 * where the WebGL context has no multisampling (software rendering, render-mode.ts); and a
 * sprite is 2 triangles where a Graphics circle is dozens. Tint colours it as before (white fill
 * times tint; the rim stays dark).
 */
import { CanvasSource, Circle, Sprite, Texture } from 'pixi.js';

/** Radius of the texture's disc, texels (mipmaps cover every smaller size). */
const TEXEL_RADIUS = 64;
/** Texels left clear around the disc (so linear filtering fades its edge out). */
const PAD = 2;
/** Rim colour of somas and nodes. */
export const RIM_COLOR = 0x111318;

/** One texture per rim fraction in 1/64 steps (a handful per page). */
const textures = new Map<number, Texture>();

/**
 * The white disc texture with a dark rim `rimFraction` of its outer radius wide (0: no rim), made
 * once per fraction.
 */
export function discTexture(rimFraction: number): Texture {
  const key = Math.max(0, Math.min(64, Math.round(rimFraction * 64)));
  let t = textures.get(key);
  if (t && !t.destroyed) return t;
  const size = 2 * (TEXEL_RADIUS + PAD);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  const c = size / 2;
  const hex = `#${RIM_COLOR.toString(16).padStart(6, '0')}`;
  ctx.beginPath();
  ctx.arc(c, c, TEXEL_RADIUS, 0, 2 * Math.PI);
  ctx.fillStyle = key > 0 ? hex : '#ffffff';
  ctx.fill();
  if (key > 0) {
    ctx.beginPath();
    ctx.arc(c, c, TEXEL_RADIUS * (1 - key / 64), 0, 2 * Math.PI);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
  }
  t = new Texture({ source: new CanvasSource({ resource: canvas, autoGenerateMipmaps: true, scaleMode: 'linear' }) });
  t.source.style.mipmapFilter = 'linear';
  textures.set(key, t);
  return t;
}

/**
 * A disc sprite centred on its position, `radius` design units to the middle of its rim, with a
 * rim `rim` units wide centred on that line (Graphics' `circle(r).fill().stroke({width})`), or
 * none for rim 0.
 */
export function disc(radius: number, rim = 0): Sprite {
  const outer = radius + rim / 2;
  const s = new Sprite(discTexture(outer > 0 ? rim / outer : 0));
  s.anchor.set(0.5);
  s.scale.set(outer / TEXEL_RADIUS);
  return s;
}

/** A circular hit area of `radius` design units for a disc sprite (hit areas are in the sprite's texel units). */
export function discHitArea(sprite: Sprite, radius: number): Circle {
  return new Circle(0, 0, radius / sprite.scale.x);
}
