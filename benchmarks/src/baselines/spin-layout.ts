/**
 * Layout of the spin ping-pong's SharedArrayBuffer: the Int32 flag at byte 0 and the 8-byte Float64
 * payload at byte 8, deliberately in one 64-byte cache line, so one line transfer carries both: the floor.
 */
export const SPIN_BUFFER_BYTES = 64;
export const SPIN_FLAG_INDEX = 0;
export const SPIN_PAYLOAD_BYTE_OFFSET = 8;
/** The flag alternates PING (role 0 wrote the payload) and PONG (role 1 answered). */
export const SPIN_PING = 1;
export const SPIN_PONG = 2;
/** Size of the one message the spin baseline moves. */
export const SPIN_MESSAGE_BYTES = 8;
