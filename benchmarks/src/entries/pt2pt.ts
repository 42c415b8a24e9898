/** The point-to-point benchmarks (osu_latency, osu_bw, osu_bibw) and threadmpi's value latency. */
import { MiB } from '../sizes.js';
import type { BenchmarkEntry } from './entry.js';
import { OSU_BANDWIDTH_ITERATIONS, OSU_LATENCY_ITERATIONS } from './iterations.js';

const PT2PT_MODULE = new URL('../ranks/pt2pt.js', import.meta.url);
const PT2PT_RANKS = { default: [2], min: 2, max: 2 } as const;
/** OSU's window of outstanding messages in osu_bw / osu_bibw. */
const WINDOW = 64;

const PLAIN = { variants: null, collective: null, verified: false, windowCreationArg: false } as const;

const windowed = (fn: 'bw' | 'bibw', title: string, description: string): BenchmarkEntry => ({
  description,
  title,
  metric: 'bandwidth',
  payload: 'bytes',
  ranksModule: PT2PT_MODULE,
  fn,
  rankArgs: [WINDOW],
  ranks: PT2PT_RANKS,
  sizes: { min: 1, max: 4 * MiB },
  iterations: OSU_BANDWIDTH_ITERATIONS,
  baselines: ['copy'],
  spinReference: false,
  native: { program: 'bw', leadingArgs: [fn], variantArg: false },
  notes: [`window of ${WINDOW} messages`],
  ...PLAIN,
});

export const PT2PT_BENCHMARKS = {
  latency: {
    description: 'ping-pong one-way latency of typed-array Send/Recv (osu_latency)',
    title: 'OSU MPI Latency Test',
    metric: 'latency',
    payload: 'bytes',
    ranksModule: PT2PT_MODULE,
    fn: 'latency',
    rankArgs: [],
    ranks: PT2PT_RANKS,
    sizes: { min: 0, max: 4 * MiB },
    iterations: OSU_LATENCY_ITERATIONS,
    baselines: ['postmessage', 'copy', 'handwritten'],
    spinReference: true,
    native: { program: 'latency', leadingArgs: [], variantArg: false },
    notes: ['Min/Max over single round trips (over blocks of iterations/1000 round trips above 1000 iterations)'],
    ...PLAIN,
  },
  bw: windowed('bw', 'OSU MPI Bandwidth Test', 'windowed Isend/Irecv bandwidth, 4-byte ack per window (osu_bw)'),
  bibw: windowed('bibw', 'OSU MPI Bi-Directional Bandwidth Test', 'windowed bandwidth in both directions at once (osu_bibw)'),
  value_latency: {
    description: 'ping-pong one-way latency of value send/recv of {from, tag, data: [{k, v}, ...]}',
    title: 'threadmpi Value Latency Test (send/recv)',
    metric: 'latency',
    payload: 'value',
    ranksModule: PT2PT_MODULE,
    fn: 'valueLatency',
    rankArgs: [],
    ranks: PT2PT_RANKS,
    sizes: { min: 1, max: 64 },
    iterations: OSU_LATENCY_ITERATIONS,
    baselines: ['postmessage'],
    spinReference: false,
    // The object API's counterpart: mpi4py's pickled comm.send/comm.recv of the same object.
    native: { runtime: 'mpi4py', program: 'value_latency', leadingArgs: [], variantArg: false },
    notes: ['Size = number of {k, v} entries in data of {from, tag, data}'],
    ...PLAIN,
  },
} as const satisfies Record<string, BenchmarkEntry>;
