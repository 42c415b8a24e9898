#!/usr/bin/env node
import { UsageError } from './errors.js';
import { buildProgram } from './program.js';
import { runReport } from './run/report-command.js';
import { runSession } from './run/session.js';
import { runStartup } from './startup/command.js';
import { runTune } from './tune/command.js';

const USAGE_EXIT_CODE = 2;

const program = buildProgram({ bench: runSession, tune: runTune, report: runReport, startup: runStartup });
try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof UsageError) program.error(`error: ${error.message}`, { exitCode: USAGE_EXIT_CODE });
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
