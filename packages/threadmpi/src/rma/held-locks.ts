/**
 * The window locks one rank holds, by target: a byte per target rather than a Map, because Lock
 * and Unlock are on the latency path and a Map that keeps losing and regaining its one key is
 * slow to update (some 150 ns per Unlock in Node 20).
 */
const NONE = 0;
const SHARED = 1;
const EXCLUSIVE = 2;

export class HeldLocks {
  private readonly kinds: Uint8Array;
  /** How many targets are locked. */
  size = 0;

  constructor(targets: number) {
    this.kinds = new Uint8Array(targets);
  }

  has(target: number): boolean {
    return this.kinds[target] !== NONE;
  }

  /** Whether the lock on `target` is exclusive; undefined when not held. */
  get(target: number): boolean | undefined {
    const kind = this.kinds[target];
    return kind === NONE ? undefined : kind === EXCLUSIVE;
  }

  add(target: number, exclusive: boolean): void {
    this.kinds[target] = exclusive ? EXCLUSIVE : SHARED;
    this.size++;
  }

  delete(target: number): void {
    this.kinds[target] = NONE;
    this.size--;
  }

  /** The locked targets, in rank order (for messages). */
  targets(): number[] {
    const held: number[] = [];
    this.kinds.forEach((kind, t) => kind !== NONE && held.push(t));
    return held;
  }
}
