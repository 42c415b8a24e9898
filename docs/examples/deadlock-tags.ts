// A receive that no send matches: rank 1 sends with tag 5, rank 0 waits
// for tag 6. Rank 1 finishes; rank 0 waits for ever, and the report
// shows the message that did arrive, which is the clue.
import { COMM_WORLD as comm } from 'threadmpi';

if (comm.rank === 1) comm.send('marks', 0, 5);
if (comm.rank === 0) console.log(comm.recv(1, 6));
