/**
 * Collective mismatch detection: ranks of one communicator that call different collectives, or the
 * same one with different roots, ops, counts or element types, fail fast with ERR_COLL_MISMATCH
 * naming both ranks and both calls, instead of hanging or silently mixing up data.
 *
 * Every rank keeps a ledger in the job's shared memory (transport/layout.ts reserves
 * COLLECTIVE_LEDGER_BYTES per rank) of the signature of its latest collectives on each
 * communicator. Entering its k-th collective on a communicator, a rank writes entry k, then reads
 * entry k of every other member that has written it and compares. Entries are written and read
 * with sequentially consistent Atomics, so of any two ranks the one that writes second is certain
 * to see the other's entry (Dekker's argument): every mismatch between two ranks that both reach
 * collective k is caught on entry, by at least one of them, with no check needed later while
 * waiting. The other ranks' entries are read one word first (their number), so a check costs one
 * load per member plus a full compare only with those already there.
 *
 * Layout of one rank's ledger: COMM_SLOTS communicator slots of HISTORY entries, one 64-byte line
 * each. A communicator uses slot (ctx / 2) mod COMM_SLOTS, entry (k mod HISTORY); keeping HISTORY
 * entries lets a rank that runs ahead (a root's eager Bcasts) be checked by late ones. Slots are
 * shared by hashing; the CTX word tells communicators apart, so a collision can only skip a check,
 * never report a false mismatch.
 *
 *   word 0      SEQ    collective number k on that communicator; 0 = empty, -1 = being rewritten
 *   word 1      CTX    the communicator's context id
 *   words 2..4  ROOT, COUNT, DTYPE (ABSENT when the collective has none)
 *   words 5..7  OP name, 12 ASCII bytes
 *   words 8..15 collective NAME, 32 ASCII bytes
 */
import { mpiError, type MPIError } from '../errors.js';
import { dtypeName } from '../protocol/dtypes.js';
import { userCallSite } from '../runtime/call-site.js';
import type { CommState } from '../runtime/comm-state.js';
import { COLLECTIVE_LEDGER_BYTES } from '../transport/layout.js';

/** What must be equal on every rank of a collective call. Give only the fields that must agree. */
export interface CollectiveSignature {
  /** The call as the user wrote it: `Bcast`, `allreduce`, `Ibarrier`, `Dup`... (at most 32 characters). */
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
const ROOT = 2;
const COUNT = 3;
const DTYPE = 4;
const OP = 5;
const OP_WORDS = 3;
const NAME = 8;
const NAME_WORDS = 8;
const WRITING = -1;
const ABSENT = -0x80000000;

/** Per communicator (per rank): its collective count and every member's ledger. */
interface CommLedger {
  seq: number;
  /** Indexed by comm rank. */
  readonly ledgers: Int32Array[];
  /** false when the job runs with `checks: false`. */
  readonly checked: boolean;
}

const ledgers = new WeakMap<CommState, CommLedger>();
/** The rank runtimes (one per rank per job) of jobs run with `checks: false`. */
const unchecked = new WeakSet<object>();

/** Turn the checks off for one rank of one job (before its program runs). */
export function uncheckCollectives(runtime: object): void {
  unchecked.add(runtime);
}

function ledgerOf(comm: CommState): CommLedger {
  let l = ledgers.get(comm);
  if (l === undefined) {
    const mem = comm.runtime.mem;
    l = { seq: 0, ledgers: Array.from(comm.group, (worldRank) => mem.collectiveLedger(worldRank)), checked: !unchecked.has(comm.runtime) };
    ledgers.set(comm, l);
  }
  return l;
}

/**
 * Record that this rank enters a collective on `comm`, and raise ERR_COLL_MISMATCH if another
 * member entered its collective of the same number with a different signature. Call it first
 * thing in every collective (blocking or not) and in communicator constructors, before any message.
 */
export function enterCollective(comm: CommState, signature: CollectiveSignature): void {
  if (comm.size === 1) return;
  const l = ledgerOf(comm);
  if (!l.checked) return;
  const seq = ++l.seq;
  const at = entryIndex(comm.ctx, seq);
  const mine = l.ledgers[comm.rank]!;
  writeEntry(mine, at, comm.ctx, seq, signature);
  for (let m = 0; m < comm.size; m++) {
    if (m === comm.rank) continue;
    const theirs = l.ledgers[m]!;
    if (Atomics.load(theirs, at + SEQ) !== seq) continue;
    if (!sameEntry(mine, theirs, at, seq)) throw mismatch(comm, seq, mine, theirs, at, m);
  }
}

function entryIndex(ctx: number, seq: number): number {
  return (((ctx >> 1) % COMM_SLOTS) * HISTORY + (seq % HISTORY)) * LINE_WORDS;
}

function writeEntry(ledger: Int32Array, at: number, ctx: number, seq: number, s: CollectiveSignature): void {
  Atomics.store(ledger, at + SEQ, WRITING);
  Atomics.store(ledger, at + CTX, ctx);
  Atomics.store(ledger, at + ROOT, s.root ?? ABSENT);
  Atomics.store(ledger, at + COUNT, s.count ?? ABSENT);
  Atomics.store(ledger, at + DTYPE, s.dtype ?? ABSENT);
  writeAscii(ledger, at + OP, OP_WORDS, s.op ?? '');
  writeAscii(ledger, at + NAME, NAME_WORDS, s.name);
  Atomics.store(ledger, at + SEQ, seq);
}

/** Up to 4 * words ASCII characters, 4 to a word, zero-padded (names are short and ASCII). */
function writeAscii(ledger: Int32Array, from: number, words: number, text: string): void {
  for (let w = 0; w < words; w++) {
    let word = 0;
    for (let b = 0; b < 4; b++) {
      const i = w * 4 + b;
      const code = i < text.length ? text.charCodeAt(i) : 0;
      word |= (code < 128 ? code : 63) << (8 * b);
    }
    Atomics.store(ledger, from + w, word);
  }
}

function readAscii(ledger: Int32Array, from: number, words: number): string {
  let text = '';
  for (let w = 0; w < words; w++) {
    const word = Atomics.load(ledger, from + w);
    for (let b = 0; b < 4; b++) {
      const code = (word >>> (8 * b)) & 0xff;
      if (code === 0) return text;
      text += String.fromCharCode(code);
    }
  }
  return text;
}

/**
 * Whether the other rank's entry `seq` equals ours. An entry rewritten while we read it (its
 * owner ran HISTORY collectives ahead) is not compared: its SEQ no longer reads `seq` after.
 */
function sameEntry(mine: Int32Array, theirs: Int32Array, at: number, seq: number): boolean {
  let same = true;
  for (let w = CTX; w < LINE_WORDS; w++) same &&= Atomics.load(theirs, at + w) === mine[at + w];
  return same || Atomics.load(theirs, at + SEQ) !== seq || theirs[at + CTX] !== mine[at + CTX];
}

/** An entry as the call it records: `Bcast(root=0, count=4, dtype=FLOAT64)`. */
function describeEntry(ledger: Int32Array, at: number): string {
  const args: string[] = [];
  const root = Atomics.load(ledger, at + ROOT);
  const op = readAscii(ledger, at + OP, OP_WORDS);
  const count = Atomics.load(ledger, at + COUNT);
  const dtype = Atomics.load(ledger, at + DTYPE);
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
