/** The hello-world `threadmpi-bench startup` times: what the C hello-world does, as a threadmpi program. */
import { COMM_WORLD } from 'threadmpi';

console.log(`Hello from rank ${COMM_WORLD.rank} of ${COMM_WORLD.size}`);
