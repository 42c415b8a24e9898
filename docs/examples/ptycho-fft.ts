// A small 2-D complex FFT, enough for the ptychography example: square
// arrays whose side is a power of 2, stored as separate real and
// imaginary parts, row after row. Radix 2, in place.

/** One 1-D transform of `n` points, `stride` apart, starting at `at`. */
function fft1(re: Float64Array, im: Float64Array, at: number, stride: number,
  n: number, sign: number): void {
  // Bit-reversal permutation, so the butterflies can work in place.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const a = at + i * stride;
      const b = at + j * stride;
      [re[a], re[b]] = [re[b], re[a]];
      [im[a], im[b]] = [im[b], im[a]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (sign * 2 * Math.PI) / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = at + (start + k) * stride;
        const b = a + (len / 2) * stride;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/** The 2-D transform of an n x n array; the inverse divides by n^2. */
export function fft2(re: Float64Array, im: Float64Array, n: number,
  inverse = false): void {
  const sign = inverse ? 1 : -1;
  for (let row = 0; row < n; row++) fft1(re, im, row * n, 1, n, sign);
  for (let col = 0; col < n; col++) fft1(re, im, col, n, n, sign);
  if (inverse) {
    for (let i = 0; i < n * n; i++) {
      re[i] /= n * n;
      im[i] /= n * n;
    }
  }
}
