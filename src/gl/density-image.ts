// The 2D canvas that shows a density map's colours when they were computed in JS (DOM layer of densitymap). Where
// WebGL is software-emulated, uploading the RGBA8 colours and drawing a textured quad costs tens of milliseconds
// (the emulated GPU shades every pixel); putImageData costs about two. The canvas sits under the WebGL canvas, which
// stays (cleared) on top for input, readPixels and the GPU path. The picture is the same bytes: see colorizeImage.
import { premultiplyInPlace } from '../core/density-colorize';

export interface DensityImage {
  /** Whether the last frame is shown here (else on the WebGL canvas). */
  readonly shown: boolean;
  /** Shows width × height pixels that `fill` writes (straight RGBA8, top row first, as ImageData); false (nothing
   *  done) where the browser gives no 2D context. */
  show(fill: (out: Uint8ClampedArray) => void, width: number, height: number): boolean;
  /** The next frames are drawn with WebGL. */
  hide(): void;
  /** The pixels shown, premultiplied as a drawing buffer stores them, top row first. */
  read(): { width: number; height: number; data: Uint8Array };
}

/** A 2D canvas inserted right before `above` (so under it), with the same placement, hidden until shown. */
export function createDensityImage(above: HTMLCanvasElement): DensityImage {
  const canvas = document.createElement('canvas');
  canvas.style.cssText = `${above.style.cssText};display:none;pointer-events:none;`;
  canvas.setAttribute('aria-hidden', 'true');
  above.before(canvas);
  let ctx: CanvasRenderingContext2D | null = null;
  let image: ImageData | null = null;
  let shown = false;
  return {
    get shown() {
      return shown;
    },
    show(fill, width, height) {
      // Sized before its context exists (a later size change reallocates the buffer), and only when it changes.
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      ctx ??= canvas.getContext('2d');
      if (!ctx) return false;
      if (!image || image.width !== width || image.height !== height) image = new ImageData(width, height);
      fill(image.data);
      ctx.putImageData(image, 0, 0);
      if (!shown) {
        canvas.style.display = 'block';
        shown = true;
      }
      return true;
    },
    hide() {
      if (!shown) return;
      canvas.style.display = 'none';
      shown = false;
    },
    read() {
      const { width, height } = canvas;
      const data = new Uint8Array(width * height * 4);
      if (ctx) data.set(ctx.getImageData(0, 0, width, height).data);
      premultiplyInPlace(data);
      return { width, height, data };
    },
  };
}
