/**
 * Creating a communicator is collective: every member must use the same new context id. The
 * communicator's rank 0 allocates one from the job-wide counter and sends it to the others over
 * the parent's collective context, so no user message can be mistaken for it.
 */
import { RecvMode, RecvOp, SendOp } from '../transport/ops.js';
import type { CommState } from './comm-state.js';

/** Tag reserved on collective contexts for context agreement. */
const CONTEXT_TAG = 0x7ffffff0;

export function agreeOnContext(comm: CommState): number {
  const rt = comm.runtime;
  const word = new Int32Array(1);
  const bytes = new Uint8Array(word.buffer);
  if (comm.rank === 0) {
    word[0] = rt.allocateContext();
    const sends = [];
    for (let r = 1; r < comm.size; r++) {
      const op = new SendOp(comm.worldRankOf(r), comm.collCtx, CONTEXT_TAG, 4, bytes, false, 'Dup', comm);
      rt.engine.startSend(op);
      sends.push(op);
    }
    for (const op of sends) rt.waiter.wait(op);
  } else {
    const op = new RecvOp(comm.worldRankOf(0), CONTEXT_TAG, comm.collCtx, RecvMode.TYPED, bytes, 4, comm.group, 'Dup', comm);
    rt.engine.postRecv(op);
    rt.waiter.wait(op);
  }
  return word[0]!;
}
