/**
 * Collective mismatch detection: ranks of one communicator that call different collectives, or the
 * same one with different roots, ops, counts or element types, fail fast with ERR_COLL_MISMATCH
 * naming both ranks and both calls, instead of hanging or silently mixing up data.
 *
 * Every rank keeps a ledger in the job's shared memory (transport/layout.ts reserves
 * COLLECTIVE_LEDGER_BYTES per rank) of the signature of its latest collectives on each
 * communicator. Entering its k-th collective on a communicator, a rank writes entry k, then reads
 * entry k of every other member that has written it and compares. The decision rests on four
 * words per entry, written and read with sequentially consistent Atomics (SEQ, CTX, HASH, then
 * SEQ again on the reading side), so of any two ranks the one that writes second is certain to
 * see the other's entry (Dekker's argument): every mismatch between two ranks that both reach
 * collective k is caught on entry, by at least one of them, with no check needed later.
 *
 * Why a hash: a member reading an entry while its owner writes it makes the cache line bounce
 * between their cores once per atomic access, some 100 ns each; comparing every field atomically
 * cost 2 µs per collective. So the fields (root, count, dtype, names) are plain stores made
 * before the atomic ones, read only to word the error once the hashes differ. A hash collision
 * can only miss a mismatch (one in 2^32), never report a false one.
 *
 * Layout of one rank's ledger: COMM_SLOTS communicator slots of HISTORY entries, one 64-byte line
 * each. A communicator uses slot (ctx / 2) mod COMM_SLOTS, entry (k mod HISTORY); keeping HISTORY
 * entries lets a rank that runs ahead (a root's eager Bcasts) be checked by late ones. Slots are
 * shared by hashing; the CTX word tells communicators apart, so a collision can only skip a check,
 * never report a false mismatch.
 *
 *   word 0      SEQ    collective number k on that communicator; 0 = empty, -1 = being rewritten
 *   word 1      CTX    the communicator's context id
 *   word 2      HASH   of the signature (name, root, op, count, dtype)
 *   words 3..5  ROOT, COUNT, DTYPE (ABSENT when the collective has none)
 *   words 6..8  OP name, 12 ASCII bytes
 *   words 9..15 collective NAME, 28 ASCII bytes
 */
import { mpiError, type MPIError } from '../errors.js';
import { dtypeName } from '../protocol/dtypes.js';
import { userCallSite } from '../runtime/call-site.js';
import type { CommState } from '../runtime/comm-state.js';
import { COLLECTIVE_LEDGER_BYTES } from '../transport/layout.js';

/** What must be equal on every rank of a collective call. Give only the fields that must agree. */
export interface CollectiveSignature {
  /** The call as the user wrote it: `Bcast`, `allreduce`, `Ibarrier`, `Dup`... (at most 28 characters). */
  readonly name: string;
  /** Root rank of rooted collectives (Bcast, Reduce, Gather, Scatter...). */
  readonly root?: number;
  /** Reduction op name (`SUM`, `MAX`, ... at most 12 characters). */
  readonly op?: string;
  /** Element count every rank must agree on (typed collectives). */
  readonly count?: number;
  /** Element type code (protocol/dtypes.ts DtypeCode) every rank must agree on. */
  readonly dtype?: number;
}

const LINE_WORDS = 16;
const HISTORY = 16;
const COMM_SLOTS = COLLECTIVE_LEDGER_BYTES / 4 / LINE_WORDS / HISTORY;
const SEQ = 0;
const CTX = 1;
const HASH = 2;
const ROOT = 3;
const COUNT = 4;
const DTYPE = 5;
const OP = 6;
const OP_WORDS = 3;
const NAME = 9;
const NAME_WORDS = 7;
const WRITING = -1;
const ABSENT = -0x80000000;

/** Per communicator (per rank): its collective count and every member's ledger. */
export interface CommLedger {
  seq: number;
  /** The hash of this rank's latest entry (what checkCollective compares). */
  hash: number;
  /** Indexed by comm rank. */
  readonly ledgers: Int32Array[];
  /** false when the job runs with `checks: false`. */
  readonly checked: boolean;
}

/** The rank runtimes (one per rank per job) of jobs run with `checks: false`. */
const unchecked = new WeakSet<object>();

/** Turn the checks off for one rank of one job (before its program runs). */
export function uncheckCollectives(runtime: object): void {
  unchecked.add(runtime);
}

function ledgerOf(comm: CommState): CommLedger {
  let l = comm.ledger;
  if (l === undefined) {
    const mem = comm.runtime.mem;
    l = { seq: 0, hash: 0, ledgers: Array.from(comm.group, (worldRank) => mem.collectiveLedger(worldRank)), checked: !unchecked.has(comm.runtime) };
    comm.ledger = l;
  }
  return l;
}

/**
 * Record that this rank enters a collective on `comm`, and raise ERR_COLL_MISMATCH if another
 * member entered its collective of the same number with a different signature. Call it first
 * thing in every collective (blocking or not) and in communicator constructors, before any message.
 */
export function enterCollective(comm: CommState, signature: CollectiveSignature): void {
  if (recordCollective(comm, signature) !== 0) checkCollective(comm);
}

/**
 * The first half of enterCollective: write this rank's entry, compare nothing yet. Returns the
 * call's mark, a word standing for its number and signature (equal marks: equal entries, but for
 * a 2^-32 collision), or 0 when there is nothing to check (one rank, or `checks: false`).
 *
 * For a call that meets its peers in shared memory anyway (collectives/shm/immediate.ts): it
 * shows its mark there, and reading a peer's mark next to data it reads anyway costs nothing,
 * where reading the peer's ledger line costs a cache-line transfer. A caller given a mark must,
 * before it returns and before it may wait for long (a mismatched peer may never come), either
 * have seen the same mark from every member or call checkCollective. Either is as good as
 * checking at entry: the comparison still comes after this rank's write, which is all Dekker's
 * argument (module comment) asks.
 */
export function recordCollective(comm: CommState, signature: CollectiveSignature): number {
  if (comm.size === 1) return 0;
  const l = ledgerOf(comm);
  if (!l.checked) return 0;
  const seq = ++l.seq;
  l.hash = writeEntry(l.ledgers[comm.rank]!, entryIndex(comm.ctx, seq), comm.ctx, seq, signature);
  return mix(l.hash, seq) || 1;
}

/** The second half: compare this rank's latest entry (recordCollective) with every member's of the same number. */
export function checkCollective(comm: CommState): void {
  const l = ledgerOf(comm);
  const { seq, hash } = l;
  const at = entryIndex(comm.ctx, seq);
  const mine = l.ledgers[comm.rank]!;
  for (let m = 0; m < comm.size; m++) {
    if (m === comm.rank) continue;
    const theirs = l.ledgers[m]!;
    if (Atomics.load(theirs, at + SEQ) !== seq || Atomics.load(theirs, at + CTX) !== comm.ctx) continue;
    const theirHash = Atomics.load(theirs, at + HASH);
    // Re-read SEQ: an entry being rewritten (its owner ran HISTORY collectives ahead) is not compared.
    if (theirHash !== hash && Atomics.load(theirs, at + SEQ) === seq) throw mismatch(comm, seq, mine, theirs, at, m);
  }
}

function entryIndex(ctx: number, seq: number): number {
  return (((ctx >> 1) % COMM_SLOTS) * HISTORY + (seq % HISTORY)) * LINE_WORDS;
}

/** Write entry `seq` (descriptive fields first, plainly; then the atomic words); returns its hash. */
function writeEntry(ledger: Int32Array, at: number, ctx: number, seq: number, s: CollectiveSignature): number {
  const name = asciiOf(s.name, NAME_WORDS, nameCache);
  const op = asciiOf(s.op ?? '', OP_WORDS, opCache);
  const root = s.root ?? ABSENT;
  const count = s.count ?? ABSENT;
  const dtype = s.dtype ?? ABSENT;
  const hash = mix(mix(mix(mix(name.hash, op.hash), root), count), dtype);
  // A loop of one call finds its own entry of HISTORY calls ago in the line: then only the
  // number changes (only this rank writes here), and a reader that sees the new number finds
  // the rest as it was. About 25% off a 2-rank enterCollective (300 -> 225 ns, median of 8).
  if (ledger[at + HASH] === hash && ledger[at + CTX] === ctx) {
    Atomics.store(ledger, at + SEQ, seq);
    return hash;
  }
  Atomics.store(ledger, at + SEQ, WRITING);
  ledger[at + ROOT] = root;
  ledger[at + COUNT] = count;
  ledger[at + DTYPE] = dtype;
  // Word by word: TypedArray.set costs more than these few stores.
  for (let w = 0; w < OP_WORDS; w++) ledger[at + OP + w] = op.words[w]!;
  for (let w = 0; w < NAME_WORDS; w++) ledger[at + NAME + w] = name.words[w]!;
  Atomics.store(ledger, at + CTX, ctx);
  Atomics.store(ledger, at + HASH, hash);
  Atomics.store(ledger, at + SEQ, seq);
  return hash;
}

/** One step of FNV-1a over a 32-bit word. */
function mix(hash: number, word: number): number {
  return Math.imul(hash ^ word, 0x01000193);
}

interface Ascii {
  /** Up to 4 * words ASCII characters, 4 to a word, zero-padded (names are short and ASCII). */
  readonly words: Int32Array;
  readonly hash: number;
}

/**
 * Encoded names and ops, by text: collectives name themselves with a handful of constant strings.
 * The last one found is kept aside, since a loop repeats one call: comparing a string with itself
 * is cheaper than a map lookup.
 */
interface AsciiCache {
  readonly byText: Map<string, Ascii>;
  lastText: string | null;
  last: Ascii | null;
}
const nameCache: AsciiCache = { byText: new Map(), lastText: null, last: null };
const opCache: AsciiCache = { byText: new Map(), lastText: null, last: null };

function asciiOf(text: string, words: number, cache: AsciiCache): Ascii {
  if (text === cache.lastText) return cache.last!;
  let a = cache.byText.get(text);
  if (a === undefined) {
    const encoded = new Int32Array(words);
    let hash = 0x811c9dc5;
    for (let w = 0; w < words; w++) {
      let word = 0;
      for (let b = 0; b < 4; b++) {
        const i = w * 4 + b;
        const code = i < text.length ? text.charCodeAt(i) : 0;
        word |= (code < 128 ? code : 63) << (8 * b);
      }
      encoded[w] = word;
      hash = mix(hash, word);
    }
    a = { words: encoded, hash };
    cache.byText.set(text, a);
  }
  cache.lastText = text;
  cache.last = a;
  return a;
}

function readAscii(ledger: Int32Array, from: number, words: number): string {
  let text = '';
  for (let w = 0; w < words; w++) {
    const word = ledger[from + w]!;
    for (let b = 0; b < 4; b++) {
      const code = (word >>> (8 * b)) & 0xff;
      if (code === 0) return text;
      text += String.fromCharCode(code);
    }
  }
  return text;
}

/** An entry as the call it records: `Bcast(root=0, count=4, dtype=FLOAT64)`. Read after its hash, which publishes it. */
function describeEntry(ledger: Int32Array, at: number): string {
  const args: string[] = [];
  const root = ledger[at + ROOT]!;
  const op = readAscii(ledger, at + OP, OP_WORDS);
  const count = ledger[at + COUNT]!;
  const dtype = ledger[at + DTYPE]!;
  if (root !== ABSENT) args.push(`root=${root}`);
  if (op !== '') args.push(`op=${op}`);
  if (count !== ABSENT) args.push(`count=${count}`);
  if (dtype !== ABSENT) args.push(`dtype=${dtypeName(dtype)}`);
  return `${readAscii(ledger, at + NAME, NAME_WORDS)}(${args.join(', ')})`;
}

function mismatch(comm: CommState, seq: number, mine: Int32Array, theirs: Int32Array, at: number, other: number): MPIError {
  const where = userCallSite();
  return mpiError(
    'ERR_COLL_MISMATCH',
    `collective #${seq} on communicator ${comm.name} does not match: rank ${comm.rank} called ${describeEntry(mine, at)}` +
      `${where === undefined ? '' : ` at ${where}`}, but rank ${other} called ${describeEntry(theirs, at)}. ` +
      'Every rank of a communicator must make the same collective calls, in the same order, with the same root, op, count and datatype.',
  );
}
