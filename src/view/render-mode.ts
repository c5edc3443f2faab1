/**
 * How the page's two WebGL scenes are drawn on this machine. Where WebGL runs in software
 * (SwiftShader, llvmpipe: a blocklisted or missing GPU, headless Chromium, many school
 * machines), every drawn scene is rasterised on the CPU and then read back synchronously when
 * the page's frame is committed: the main thread waits for it. Traced at 1,280 x 900 (bench/
 * responsiveness, README), that wait was nearly all of every long task. Multisample
 * antialiasing roughly doubled the scenes' raster cost there, so in software the scenes draw
 * without it (circles stay round: they are mipmapped disc textures, discs.ts), at one pixel per
 * CSS pixel, and take turns: one scene per animation frame (runner.ts), which halves the work
 * each frame waits for. On a GPU nothing changes: antialiasing on, up to 2 device pixels per CSS
 * pixel, both scenes every frame.
 */

/** The drawing choices for this machine. */
export interface RenderMode {
  /** WebGL is available only with a major performance caveat (rendered in software). */
  software: boolean;
  /** Multisample antialiasing of the scenes' WebGL contexts. */
  antialias: boolean;
  /** Scene pixels per CSS pixel. */
  resolution: number;
  /** Whether the two scenes take turns, one WebGL render per animation frame. */
  alternate: boolean;
}

let cached: boolean | null = null;

/** Names of software rasterisers in WebGL's unmasked renderer string (Chromium: SwiftShader; Mesa: llvmpipe, softpipe; Windows: the Basic Render Driver). */
export const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * True when WebGL here is a software renderer: a context is refused with
 * `failIfMajorPerformanceCaveat`, or the unmasked renderer string names a software rasteriser
 * (Chromium started with --enable-unsafe-swiftshader makes the context without the caveat).
 * False without WebGL. Probed once per page; the probe contexts are released at once.
 */
export function softwareWebGL(): boolean {
  if (cached !== null) return cached;
  const make = (failIfMajorPerformanceCaveat: boolean): WebGLRenderingContext | null =>
    document.createElement('canvas').getContext('webgl', { failIfMajorPerformanceCaveat }) as WebGLRenderingContext | null;
  const release = (gl: WebGLRenderingContext | null): void => gl?.getExtension('WEBGL_lose_context')?.loseContext();
  const fast = make(true);
  if (!fast) {
    const slow = make(false);
    cached = slow !== null;
    release(slow);
    return cached;
  }
  const info = fast.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(fast.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  cached = SOFTWARE_RENDERERS.test(name);
  release(fast);
  return cached;
}

/** The drawing choices for this machine (see the module comment); `devicePixelRatio` as the page has it. */
export function renderMode(devicePixelRatio = globalThis.devicePixelRatio || 1): RenderMode {
  const software = softwareWebGL();
  return {
    software,
    antialias: !software,
    resolution: software ? 1 : Math.min(2, devicePixelRatio),
    alternate: software,
  };
}
