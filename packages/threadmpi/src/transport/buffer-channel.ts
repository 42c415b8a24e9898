/**
 * Handing SharedArrayBuffers from one rank to another. The ring carries bytes, and a
 * SharedArrayBuffer cannot be turned into bytes: it has to travel as itself, by structured clone
 * through a message channel. Each rank has an inbox BroadcastChannel named after the job and
 * rank; a sender posts the buffers there *before* writing the ring record that announces the
 * message, and the receiver takes them with `receiveMessageOnPort`, which is synchronous, so a
 * rank blocked in Atomics.wait never needs its event loop to get them.
 *
 * This is the slow path (a postMessage per message), used only for values that contain shared
 * memory: windows' memory, `Win.Create` over the user's own buffers, a user sending a SAB.
 * Channels are opened lazily, so jobs that never share buffers never create one.
 */
import { BroadcastChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { mpiError } from '../errors.js';
import type { SharedMemory } from '../protocol/shared-refs.js';

interface Delivery {
  from: number;
  seq: number;
  buffers: SharedMemory[];
}

export class BufferChannel {
  private inbox: BroadcastChannel | null = null;
  private readonly outboxes = new Map<number, BroadcastChannel>();
  /** Deliveries taken off the inbox before their message was decoded, by `from:seq`. */
  private readonly stash = new Map<string, SharedMemory[]>();

  constructor(
    private readonly jobKey: string,
    private readonly rank: number,
    /** Shared words, one per rank (index = rank): 1 once that rank's inbox is open. */
    private readonly inboxOpen: (rank: number) => { words: Int32Array; index: number },
    /** Throws if the job is aborting, so waiting for a rank that never starts cannot hang. */
    private readonly checkAbort: () => void,
  ) {}

  private name(rank: number): string {
    return `threadmpi:${this.jobKey}:${rank}`;
  }

  /** Open this rank's inbox and say so; peers post to it only after that. */
  open(): void {
    if (this.inbox !== null) return;
    this.inbox = new BroadcastChannel(this.name(this.rank));
    this.inbox.unref();
    // The channel's port is started, so a delivery that lands while this rank's event loop runs
    // (an await) is dispatched as an event instead of waiting for receiveMessageOnPort: keep it.
    this.inbox.onmessage = (e) => {
      const d = (e as { data: Delivery }).data;
      this.stash.set(`${d.from}:${d.seq}`, d.buffers);
    };
    const { words, index } = this.inboxOpen(this.rank);
    Atomics.store(words, index, 1);
    Atomics.notify(words, index);
  }

  post(dest: number, seq: number, buffers: SharedMemory[]): void {
    const { words, index } = this.inboxOpen(dest);
    while (Atomics.load(words, index) === 0) {
      this.checkAbort();
      Atomics.wait(words, index, 0, 50);
    }
    let out = this.outboxes.get(dest);
    if (out === undefined) {
      out = new BroadcastChannel(this.name(dest));
      out.unref();
      this.outboxes.set(dest, out);
    }
    const delivery: Delivery = { from: this.rank, seq, buffers };
    out.postMessage(delivery);
  }

  take(from: number, seq: number): SharedMemory[] {
    const key = `${from}:${seq}`;
    for (;;) {
      const found = this.stash.get(key);
      if (found !== undefined) {
        this.stash.delete(key);
        return found;
      }
      const next = receiveMessageOnPort(this.inbox as unknown as MessagePort);
      if (next === undefined) {
        throw mpiError('ERR_OTHER', `rank ${this.rank}: the shared buffers of message ${seq} from rank ${from} did not arrive`);
      }
      const d = next.message as Delivery;
      this.stash.set(`${d.from}:${d.seq}`, d.buffers);
    }
  }

  close(): void {
    this.inbox?.close();
    for (const out of this.outboxes.values()) out.close();
    this.outboxes.clear();
    this.inbox = null;
  }
}
