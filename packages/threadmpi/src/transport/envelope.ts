/**
 * The record format inside a ring. Every record body starts with this 32-byte header of Int32
 * words; EAGER and CHUNK records carry payload bytes right after it.
 *
 *   word 0  KIND     record kind (low byte) | flags << 8
 *   word 1  CTX      communicator context id (matching scope)
 *   word 2  TAG      user tag (EAGER/RTS), unused otherwise
 *   word 3  SEQ      per (sender, receiver) message number: ties ACK/CTS/CHUNK to their message
 *   word 4  BYTES    total message bytes (EAGER/RTS); payload bytes in this record (CHUNK)
 *   word 5  DTYPE    element type code (protocol/dtypes.ts)
 *   word 6  OFFSET   CHUNK: byte offset of this payload within the message; RTS with FLAG_DIRECT:
 *                    byte offset of the payload in the sender's SharedArrayBuffer
 *   word 7  AUX      CTS: 1 = the receiver discards the message (error), send no data
 *
 * The source rank is implicit: it is the ring the record came from.
 */
export const HEADER_BYTES = 32;
export const W_KIND = 0;
export const W_CTX = 1;
export const W_TAG = 2;
export const W_SEQ = 3;
export const W_BYTES = 4;
export const W_DTYPE = 5;
export const W_OFFSET = 6;
export const W_AUX = 7;

/** A small message with its payload inline. */
export const EAGER = 1;
/** Request to send a large message: the receiver answers CTS once it has matched it. */
export const RTS = 2;
/** A piece of a large message's payload, sent after CTS. */
export const CHUNK = 3;
/** The receiver matched a synchronous eager message (ssend completes). */
export const ACK = 4;
/** Clear to send: the receiver matched an RTS and is ready for its chunks. */
export const CTS = 5;

/** Flag on EAGER: the sender waits for an ACK (ssend). */
export const FLAG_SYNC = 1 << 8;
/**
 * Flag on RTS: the payload is in a SharedArrayBuffer of the sender, posted on the BufferChannel;
 * the receiver copies it straight from there (one copy instead of two) and answers ACK, not CTS.
 */
export const FLAG_DIRECT = 1 << 9;
export const KIND_MASK = 0xff;

export const CTS_DISCARD = 1;
