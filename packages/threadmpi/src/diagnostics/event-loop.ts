/**
 * Whether a rank that awaits a request could still be woken by its own program: `await req`
 * leaves the thread's event loop running, so a pending timer, immediate or I/O callback may yet
 * send the message everyone waits for. Such a rank is not blocked, whatever it awaits.
 *
 * Node lists what keeps the event loop alive. Message ports (piscina's, the buffer channel's) and
 * close requests are threadmpi's own plumbing and never run the program's code, so they do not
 * count; anything else does.
 */
const PLUMBING = new Set(['MessagePort', 'CloseReq']);

export function eventLoopHasOtherWork(): boolean {
  return process.getActiveResourcesInfo().some((type) => !PLUMBING.has(type));
}
