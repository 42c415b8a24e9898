import type { PayloadKind } from '../measure/payload.js';
import type { Metric, MessageStep } from '../measure/timing.js';
import { measureCopy } from './copy.js';
import { HAND_WRITTEN_TRIALS, measureHandWrittenLatency } from './handwritten.js';
import { measurePostMessageLatency } from './postmessage.js';

/** A baseline measured at every message size and compared with threadmpi row by row. */
export interface SizedBaseline {
  /** Column key prefix in JSON/CSV. */
  readonly key: string;
  /** Column header label. */
  readonly label: string;
  /** The metrics it can be compared on. */
  readonly metrics: readonly Metric[];
  /**
   * The value in the metric's unit (microseconds for latency, MB/s for bandwidth), or the value with
   * threadmpi's ratio to it when the baseline measures that ratio itself, in the same job.
   */
  measure(step: MessageStep, metric: Metric, payload: PayloadKind): Promise<number | PairedFigure>;
  /** Printed under the table when the baseline is there. */
  readonly note?: string;
}

/** A baseline figure with the ratio threadmpi / baseline measured alongside it (interleaved trials). */
export interface PairedFigure {
  readonly value: number;
  readonly ratio: number;
}

export const SIZED_BASELINES = {
  postmessage: {
    key: 'postmessage',
    label: 'postMessage',
    metrics: ['latency'],
    measure: async (step, _metric, payload) => (await measurePostMessageLatency(step, payload)).avgUs,
  },
  copy: {
    key: 'copy',
    label: 'copy',
    metrics: ['latency', 'bandwidth'],
    measure: async (step, metric) => measureCopy(step, metric),
  },
  handwritten: {
    key: 'handwritten',
    label: 'hand-written',
    metrics: ['latency'],
    measure: (step) => measureHandWrittenLatency(step),
    note:
      `vs hand-written = the benchmark's timing loop / the same ping-pong written by hand: median over ${HAND_WRITTEN_TRIALS} ` +
      'back-to-back pairs of trials, interleaved in one job (hand-written(us) is the median hand-written trial)',
  },
} as const satisfies Record<string, SizedBaseline>;

export type SizedBaselineName = keyof typeof SIZED_BASELINES;
