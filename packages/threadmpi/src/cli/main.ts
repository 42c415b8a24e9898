#!/usr/bin/env node
/**
 * `threadmpi run -n 4 prog.ts [args...]`: run a program on n ranks, as `mpirun` does for C.
 * Exit status 0 only if every rank finished; otherwise the report goes to stderr and the status
 * is the Abort code (or 1).
 */
import './early-start.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { DeadlockError, LeftoversError, MPIJobError, TimeoutError } from '../errors.js';
import { deadlockDot } from '../diagnostics/deadlock-dot.js';
import type { LeftoversMode } from '../diagnostics/types.js';
import { Job } from '../launcher/job.js';
import { checkJobSize, jobOptions } from '../launcher/mpirun.js';
import { oneShotThreads } from '../launcher/threads.js';
import { programModule } from './program-module.js';
import { CompileError } from './typescript-bundle.js';

function integer(what: string, min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${what} must be an integer >= ${min}`);
    return n;
  };
}

export function describeFailure(error: unknown): string {
  if (error instanceof DeadlockError) return `threadmpi: deadlock detected\n${error.report}`;
  if (error instanceof MPIJobError) return `threadmpi: rank ${error.rank} failed\n${error.cause.stack ?? error.cause.message}`;
  if (error instanceof TimeoutError || error instanceof LeftoversError || error instanceof CompileError) return `threadmpi: ${error.message}`;
  return `threadmpi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

const program = new Command('threadmpi').description('MPI for Node.js: ranks as worker threads on one machine').enablePositionalOptions();

program
  .command('run')
  .description('run a program on n ranks')
  .requiredOption('-n, --np <n>', 'number of ranks', integer('-n', 1))
  .option('--timeout <sec>', 'stop the job after this many seconds', Number)
  .option('--deadlock-ms <ms>', 'report a deadlock after every rank is blocked this long', integer('--deadlock-ms', 1))
  .option('--eager-limit <bytes>', 'largest eagerly sent message; 0 makes every standard send synchronous', integer('--eager-limit', 0))
  .option('--trace <file>', 'write a Chrome Trace Event file of the run')
  .option('--trace-internals', 'in the trace, also the messages inside collectives (a ring, a tree...)')
  .option('--tag-output', 'prefix each output line with [rank]')
  .option('--deadlock-dot <file>', "on a deadlock, also write its wait-for graph to this file as Graphviz DOT")
  .addOption(new Option('--leftovers <mode>', 'requests, messages, communicators left at the end: warn, error or ignore').choices(['warn', 'error', 'ignore']))
  .option('--no-checks', 'no collective-mismatch checks or leftovers report (to measure their cost)')
  .argument('<program>', 'program file (.js, .mjs or .ts)')
  .argument('[args...]', 'arguments for the program (process.argv.slice(2) in each rank)')
  .passThroughOptions()
  .action(async (file: string, args: string[], o: { np: number; timeout?: number; deadlockMs?: number; eagerLimit?: number; trace?: string; traceInternals?: boolean; tagOutput?: boolean; deadlockDot?: string; leftovers?: LeftoversMode; checks: boolean }) => {
    let code = 0;
    try {
      checkJobSize(o.np);
      const options = jobOptions({
        timeoutMs: o.timeout === undefined ? undefined : o.timeout * 1000,
        deadlockMs: o.deadlockMs,
        eagerLimit: o.eagerLimit,
        trace: o.trace,
        traceInternals: o.traceInternals,
        tagOutput: o.tagOutput,
        leftovers: o.leftovers,
        checks: o.checks,
      });
      const { module, compiled, dispose } = await programModule(file);
      try {
        await new Job(o.np, { module, compiled, mode: 'program', argv: args }, { ...options, threads: oneShotThreads }).run();
      } finally {
        dispose();
      }
    } catch (error) {
      process.stderr.write(describeFailure(error) + '\n');
      if (error instanceof DeadlockError && o.deadlockDot !== undefined) writeFileSync(o.deadlockDot, deadlockDot(error.graph));
      code = error instanceof MPIJobError ? error.code || 1 : 1;
    }
    // No wait for output here: a one-shot rank settles only once its thread has exited, and by
    // then Node has delivered everything the thread wrote.
    process.exitCode = code;
  });

await program.parseAsync(process.argv);
