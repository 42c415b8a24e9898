import type { SpscRing } from '../../src/index.js';

export function recordSize(seq: number, maxExtra: number): number;
export function writeRecord(ring: SpscRing, at: number, seq: number, size: number): void;
export function recordMismatch(ring: SpscRing, at: number, seq: number, maxExtra: number): string | null;
