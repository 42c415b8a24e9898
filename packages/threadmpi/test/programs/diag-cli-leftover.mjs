// Rank 0 sends a message that rank 1 never receives.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.rank === 0) comm.Send(new Float64Array([1]), 1, 3);
