import cliProgress from 'cli-progress';

/** Reports how far a run is; every measurement is one unit of work. */
export interface Progress {
  start(totalUnits: number): void;
  /** Shows `label` while `work` runs, then counts one unit done. */
  unit<T>(label: string, work: () => Promise<T>): Promise<T>;
  stop(): void;
}

/** For --quiet and for output that is not a terminal (a bar would litter logs and pipes). */
export const SILENT_PROGRESS: Progress = {
  start() {},
  unit: (_label, work) => work(),
  stop() {},
};

/** A cli-progress bar on stderr, so stdout stays clean OSU text. */
export function terminalProgress(): Progress {
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {value}/{total} {label}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (totalUnits) => bar.start(totalUnits, 0, { label: '' }),
    async unit(label, work) {
      bar.update({ label });
      const result = await work();
      bar.increment();
      return result;
    },
    stop: () => bar.stop(),
  };
}

export function chooseProgress(quiet: boolean, stdoutIsTerminal: boolean): Progress {
  return quiet || !stdoutIsTerminal ? SILENT_PROGRESS : terminalProgress();
}
