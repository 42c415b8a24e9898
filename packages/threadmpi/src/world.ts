/**
 * COMM_WORLD and COMM_SELF. A warm worker serves many jobs, so these are not bound at module
 * load: every call resolves the state of whichever job this thread is running now.
 */
import { Intracomm } from './Intracomm.js';
import type { CommState } from './runtime/comm-state.js';
import { currentRuntime } from './runtime/current.js';

class PredefinedComm extends Intracomm {
  constructor(private readonly which: 'world' | 'self') {
    super(null);
  }
  override get state(): CommState {
    return currentRuntime()[this.which];
  }
  /** Communicators derived from a predefined one are ordinary Intracomms. */
  protected override derive(state: CommState): this {
    return new Intracomm(state) as this;
  }
}

export const COMM_WORLD: Intracomm = new PredefinedComm('world');
export const COMM_SELF: Intracomm = new PredefinedComm('self');
