/**
 * Intra-communicators (mpi4py's Intracomm): a Comm plus the collective operations and the
 * constructors of new communicators (Split, Create_cart). COMM_WORLD, COMM_SELF and every
 * communicator derived from them are Intracomms.
 */
import { Comm } from './Comm.js';

export class Intracomm extends Comm {}
