/**
 * What a blocked rank tells the deadlock monitor about itself: the call it is blocked in, where
 * the user's program made it, whom it waits for, and the messages it holds but cannot receive
 * (the usual sign of a tag or communicator mismatch). Written by the rank into its describe-text
 * area as JSON, only when the monitor asks, so it costs nothing while the job runs.
 */
import type { BlockedRank, UnreceivedMessage } from '../errors.js';
import { userCallSite } from '../runtime/call-site.js';
import type { Engine } from '../transport/engine.js';
import type { Waitable } from '../transport/ops.js';
import { contextName, isInternalContext } from './resources.js';

/** Unreceived messages listed per rank: enough to spot a mismatch, short enough to read. */
const MAX_UNRECEIVED = 8;
/** Longest call text kept (a waitall over many requests can describe each of them). */
const MAX_CALL_CHARS = 1500;

export type BlockedDescription = Omit<BlockedRank, 'rank'>;

function describeBlockedWait(w: Waitable, engine: Engine): BlockedDescription {
  const target = w.waitTarget();
  const description: BlockedDescription = {
    call: clip(w.describe(), MAX_CALL_CHARS),
    waitsFor: { kind: target.kind, ranks: [...target.ranks] },
  };
  const location = userCallSite();
  if (location !== undefined) description.location = clip(location, 300);
  const unreceived = unreceivedMessages(engine);
  if (unreceived.length > 0) description.unreceived = unreceived;
  return description;
}

/**
 * The description as JSON that fits `maxBytes` of UTF-8 (the rank's describe-text area), dropping
 * detail rather than ever handing the monitor a truncated, unparsable text.
 */
export function encodeBlockedWait(w: Waitable, engine: Engine, maxBytes: number): string {
  const d = describeBlockedWait(w, engine);
  let json = JSON.stringify(d);
  if (Buffer.byteLength(json) <= maxBytes) return json;
  delete d.unreceived;
  d.call = clip(d.call, 200);
  json = JSON.stringify(d);
  if (Buffer.byteLength(json) <= maxBytes) return json;
  return JSON.stringify({ call: clip(d.call, 100), waitsFor: { kind: d.waitsFor.kind, ranks: [] } });
}

/** The program's own messages that wait unreceived (a collective's or a window's traffic is not the program's to receive). */
function unreceivedMessages(engine: Engine): UnreceivedMessage[] {
  const own = engine.inFlight().unexpected.filter((m) => !isInternalContext(engine, m.ctx));
  return own.slice(0, MAX_UNRECEIVED).map((m) => ({
    source: m.src,
    tag: m.tag,
    comm: contextName(engine, m.ctx),
    bytes: m.bytes,
  }));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
