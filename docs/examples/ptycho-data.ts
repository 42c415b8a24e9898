// The synthetic experiment of the ptychography example, computed by
// every rank alike (so nothing has to be sent): a 3-D phantom of three
// balls, its projection at a tilt angle (the object one scan sees), the
// electron probe, the scan positions, and the diffraction magnitudes a
// detector would record.
import { fft2 } from './ptycho-fft.js';

export const OBJECT = 32; // side of the object, in pixels
export const PROBE = 16; // side of the probe and of each diffraction pattern
const STEP = 4; // scan step: neighbouring probe positions overlap by 75%

/** A complex image, side x side, as real and imaginary parts. */
export interface Image {
  re: Float64Array;
  im: Float64Array;
}

export const image = (side: number): Image => ({
  re: new Float64Array(side * side),
  im: new Float64Array(side * side),
});

// Balls: centre (x, y, z) from the middle of the object, radius, and how
// strongly they shift the phase of the electron wave (per pixel).
const BALLS = [
  { x: -6, y: -4, z: 5, r: 7, phase: 0.08 },
  { x: 7, y: 3, z: -4, r: 6, phase: 0.1 },
  { x: 1, y: 9, z: 0, r: 4, phase: 0.12 },
];

/** The object seen at `degrees` of tilt about the y axis: a phase
 *  image exp(i * phase), weakly absorbing, from the balls' projection. */
export function projection(degrees: number): Image {
  const t = (degrees * Math.PI) / 180;
  const obj = image(OBJECT);
  for (let py = 0; py < OBJECT; py++) {
    for (let px = 0; px < OBJECT; px++) {
      const x = px - OBJECT / 2 + 0.5;
      const y = py - OBJECT / 2 + 0.5;
      let phase = 0;
      for (const b of BALLS) {
        const bx = b.x * Math.cos(t) + b.z * Math.sin(t); // tilted centre
        const d2 = b.r * b.r - (x - bx) ** 2 - (y - b.y) ** 2;
        if (d2 > 0) phase += b.phase * 2 * Math.sqrt(d2); // path length
      }
      const amplitude = Math.exp(-0.1 * phase);
      obj.re[py * OBJECT + px] = amplitude * Math.cos(phase);
      obj.im[py * OBJECT + px] = amplitude * Math.sin(phase);
    }
  }
  return obj;
}

/** A round probe of `radius` pixels; `defocus` curves its phase. */
export function probe(radius: number, defocus: number): Image {
  const p = image(PROBE);
  for (let y = 0; y < PROBE; y++) {
    for (let x = 0; x < PROBE; x++) {
      const r2 = (x - PROBE / 2 + 0.5) ** 2 + (y - PROBE / 2 + 0.5) ** 2;
      const a = 1 / (1 + Math.exp(Math.sqrt(r2) - radius)); // soft edge
      p.re[y * PROBE + x] = a * Math.cos(defocus * r2);
      p.im[y * PROBE + x] = a * Math.sin(defocus * r2);
    }
  }
  return p;
}

/** The microscope's real probe, which the reconstruction must find. */
export const TRUE_PROBE = probe(5, 0.04);

/** Scan positions: the top-left corner of the probe on the object. */
export function scan(): Array<[number, number]> {
  const positions: Array<[number, number]> = [];
  for (let y = 0; y + PROBE <= OBJECT; y += STEP) {
    for (let x = 0; x + PROBE <= OBJECT; x += STEP) positions.push([y, x]);
  }
  return positions;
}

/** The exit wave under the probe at (y, x): probe times object. */
export function exitWave(p: Image, obj: Image, y: number, x: number): Image {
  const psi = image(PROBE);
  for (let i = 0; i < PROBE; i++) {
    for (let j = 0; j < PROBE; j++) {
      const k = i * PROBE + j;
      const o = (y + i) * OBJECT + x + j;
      psi.re[k] = p.re[k] * obj.re[o] - p.im[k] * obj.im[o];
      psi.im[k] = p.re[k] * obj.im[o] + p.im[k] * obj.re[o];
    }
  }
  return psi;
}

/** What the detector records at (y, x): the magnitude of the far-field
 *  diffraction pattern, the FFT of the exit wave; the phase is lost. */
export function diffraction(obj: Image, y: number, x: number): Float64Array {
  const psi = exitWave(TRUE_PROBE, obj, y, x);
  fft2(psi.re, psi.im, PROBE);
  return psi.re.map((re, k) => Math.hypot(re, psi.im[k]));
}
