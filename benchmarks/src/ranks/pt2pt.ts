/**
 * Point-to-point rank functions, OSU style (osu_latency, osu_bw, osu_bibw), run on 2 ranks through
 * `mpirun(2, url, { fn, args: [step, ...] })` (the registry pins them to exactly 2 ranks).
 * Rank 0 returns the timing; rank 1 returns null.
 * Buffers, request arrays and loop closures are built before the clock starts.
 */
import type { Intracomm } from 'threadmpi';
import { Request } from 'threadmpi';
import { repeat, timeIterations, timeRoundTrips } from '../measure/loops.js';
import { filledBytes, valueMessage } from '../measure/payload.js';
import { bandwidthTiming, type BandwidthTiming, type LatencyTiming, type MessageStep } from '../measure/timing.js';

const PING_TAG = 1;
const WINDOW_TAG = 100;
const ACK_TAG = 101;
const ACK_BYTES = 4;

const SYNC_TAG = 102;

/**
 * Untimed round trips before OSU's own warm-up, for messages small enough that the message path's
 * code (not memcpy) sets the time: a fresh rank thread's first tens of thousands of messages run
 * while V8 is still compiling that path, on background threads that take the cores from the two
 * ranks for milliseconds at a time. OSU's 1000 skipped iterations are made for C, which has no
 * such phase; without this, the average measures V8's tier-up, not messaging.
 */
const JIT_WARMUP_ROUND_TRIPS = 30_000;
const JIT_WARMUP_MAX_BYTES = 8 * 1024;
const JIT_WARMUP_MAX_ENTRIES = 64;

/**
 * `step` with the extra warm-up (up to `maxSize`) added to its untimed round trips, so that it runs
 * in the timed call itself. Run as a call of its own before the timed one, the timed call's first
 * thousand round trips still met a stall of 0.5-3.5 ms (the first size of a sweep averaged 2-12 us
 * at 8 B against 0.35); with the round trips in the same call, none (measured with 100,000).
 */
function withJitWarmup(step: MessageStep, maxSize: number): MessageStep {
  return step.size <= maxSize ? { ...step, warmup: step.warmup + JIT_WARMUP_ROUND_TRIPS } : step;
}

/** A timed ping-pong on ranks 0 (timed) and 1, after the two-rank barrier. */
function pingPong(comm: Intracomm, step: MessageStep, ping: () => void, pong: () => void): LatencyTiming | null {
  syncPair(comm);
  if (comm.rank === 0) return timeRoundTrips(step, ping);
  if (comm.rank === 1) repeat(step, pong);
  return null;
}

/** Both ranks start timing together: a zero-byte exchange is the two-rank barrier. */
function syncPair(comm: Intracomm): void {
  const peer = 1 - comm.rank;
  comm.sendrecv(null, peer, SYNC_TAG, peer, SYNC_TAG);
}

/** The buffers and the two halves of a blocking typed-array round trip, built before any clock starts. */
function typedPingPong(comm: Intracomm, step: MessageStep) {
  const sendbuf = filledBytes(step.size);
  const recvbuf = new Uint8Array(step.size);
  const ping = (): void => {
    comm.Send(sendbuf, 1, PING_TAG);
    comm.Recv(recvbuf, 1, PING_TAG);
  };
  const pong = (): void => {
    comm.Recv(recvbuf, 0, PING_TAG);
    comm.Send(sendbuf, 0, PING_TAG);
  };
  return { sendbuf, recvbuf, ping, pong };
}

/** Blocking typed-array ping-pong (Send/Recv). */
export function latency(comm: Intracomm, step: MessageStep): LatencyTiming | null {
  const { ping, pong } = typedPingPong(comm, step);
  return pingPong(comm, withJitWarmup(step, JIT_WARMUP_MAX_BYTES), ping, pong);
}

/** Value ping-pong (send/recv) of `{from, tag, data}` whose `data` holds `step.size` entries. */
export function valueLatency(comm: Intracomm, step: MessageStep): LatencyTiming | null {
  const message = valueMessage(comm.rank, PING_TAG, step.size);
  const ping = () => {
    comm.send(message, 1, PING_TAG);
    comm.recv(1, PING_TAG);
  };
  const pong = () => {
    comm.recv(0, PING_TAG);
    comm.send(message, 0, PING_TAG);
  };
  return pingPong(comm, withJitWarmup(step, JIT_WARMUP_MAX_ENTRIES), ping, pong);
}

/** Windowed bandwidth: `window` Isends answered by `window` Irecvs, then a 4-byte ack back. */
export function bw(comm: Intracomm, step: MessageStep, window: number): BandwidthTiming | null {
  const buffer = filledBytes(step.size);
  const ack = new Uint8Array(ACK_BYTES);
  const requests = new Array<Request>(window);
  syncPair(comm);
  if (comm.rank === 0) {
    const elapsedUs = timeIterations(step, () => {
      for (let j = 0; j < window; j++) requests[j] = comm.Isend(buffer, 1, WINDOW_TAG);
      Request.waitall(requests);
      comm.Recv(ack, 1, ACK_TAG);
    });
    return bandwidthTiming(step.size * window, step.iterations, elapsedUs);
  }
  if (comm.rank === 1) {
    repeat(step, () => {
      // Every receive of the window lands in the same buffer, as in OSU: only the transfer is measured.
      for (let j = 0; j < window; j++) requests[j] = comm.Irecv(buffer, 0, WINDOW_TAG);
      Request.waitall(requests);
      comm.Send(ack, 0, ACK_TAG);
    });
  }
  return null;
}

/** Bidirectional windowed bandwidth: both ranks post `window` Irecvs and `window` Isends, then wait all. */
export function bibw(comm: Intracomm, step: MessageStep, window: number): BandwidthTiming | null {
  const sendbuf = filledBytes(step.size);
  const recvbuf = new Uint8Array(step.size);
  const requests = new Array<Request>(2 * window);
  const peer = 1 - comm.rank;
  syncPair(comm);
  const elapsedUs = timeIterations(step, () => {
    for (let j = 0; j < window; j++) requests[j] = comm.Irecv(recvbuf, peer, WINDOW_TAG);
    for (let j = 0; j < window; j++) requests[window + j] = comm.Isend(sendbuf, peer, WINDOW_TAG);
    Request.waitall(requests);
  });
  return comm.rank === 0 ? bandwidthTiming(2 * step.size * window, step.iterations, elapsedUs) : null;
}

/** What `harnessVersusHandWritten` reports: one-way latency of each trial, in run order. */
export interface PairedTrials {
  readonly harnessUs: number[];
  readonly handWrittenUs: number[];
}

/**
 * The benchmark's own ping-pong (`timeRoundTrips` with the closure `latency` times) against the same
 * ping-pong written the plain way (no helpers, no closure, one clock read at each end), as `trials`
 * interleaved pairs in one job: after the same JIT warm-up, on the same threads, alternating which
 * goes first (ABBA), so load changes, tier-up and pool state hit both alike. Each trial runs
 * `step.warmup` untimed and `step.iterations` timed round trips. One untimed pair runs first, so
 * neither loop is timed while V8 still compiles it. The benchmark loop stamps every `stampEvery`
 * round trips, as it does in the measurement the trials stand for. Rank 0 returns every trial's figure.
 */
export function harnessVersusHandWritten(comm: Intracomm, step: MessageStep, trials: number, stampEvery: number): PairedTrials | null {
  const { sendbuf, recvbuf, ping, pong } = typedPingPong(comm, step);
  const harnessUs: number[] = [];
  const handWrittenUs: number[] = [];
  const harness = (record: boolean, s = step): void => {
    syncPair(comm);
    if (comm.rank === 0) {
      const { avgUs } = timeRoundTrips(s, ping, 2, stampEvery);
      if (record) harnessUs.push(avgUs);
    } else if (comm.rank === 1) repeat(s, pong);
  };
  const handWritten = (record: boolean, s = step): void => {
    syncPair(comm);
    const us = handWrittenLoop(comm, sendbuf, recvbuf, s);
    if (record && us !== null) handWrittenUs.push(us);
  };
  // The untimed first pair carries the JIT warm-up, each loop its own.
  const warm = withJitWarmup(step, JIT_WARMUP_MAX_BYTES);
  harness(false, warm);
  handWritten(false, warm);
  for (let trial = 0; trial < trials; trial++) {
    // A B B A A B ...: each loop goes first in half the pairs.
    if (trial % 2 === 0) {
      harness(true);
      handWritten(true);
    } else {
      handWritten(true);
      harness(true);
    }
  }
  return comm.rank === 0 ? { harnessUs, handWrittenUs } : null;
}

/** The plain ping-pong: one-way latency in us on rank 0, null elsewhere. */
function handWrittenLoop(comm: Intracomm, sendbuf: Uint8Array, recvbuf: Uint8Array, step: MessageStep): number | null {
  const total = step.warmup + step.iterations;
  if (comm.rank === 0) {
    let start = 0;
    for (let i = 0; i < total; i++) {
      if (i === step.warmup) start = performance.now();
      comm.Send(sendbuf, 1, PING_TAG);
      comm.Recv(recvbuf, 1, PING_TAG);
    }
    return ((performance.now() - start) * 1000) / (2 * step.iterations);
  }
  if (comm.rank === 1) {
    for (let i = 0; i < total; i++) {
      comm.Recv(recvbuf, 0, PING_TAG);
      comm.Send(sendbuf, 0, PING_TAG);
    }
  }
  return null;
}
