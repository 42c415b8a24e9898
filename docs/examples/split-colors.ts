// Split: the world divides into teams by color. Even world ranks sum squares, odd world ranks
// count primes; each team shares its own job among its members with collectives on its own
// communicator, and the team leaders report to world rank 0.
import { COMM_WORLD as world, SUM, type Comm } from 'threadmpi';

const LIMIT = 1000;

if (world.size < 2) throw new Error('split-colors needs at least 2 ranks (run with -n 4)');

// #region split
const color = world.rank % 2; // 0: even team, 1: odd team
// key = world rank keeps the world's order inside each team; the result is never null here
// because no rank passes UNDEFINED as its color.
const team = world.Split(color, world.rank) as Comm;
// #endregion split
const teamName = color === 0 ? 'even' : 'odd';
console.log(`world rank ${world.rank} is rank ${team.rank} of ${team.size} in the ${teamName} team`);

function isPrime(n: number): boolean {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return n >= 2;
}

// #region team-work
// team.rank and team.size share out the job exactly as world.rank and world.size would.
let mine = 0;
for (let k = 1 + team.rank; k <= LIMIT; k += team.size) {
  if (color === 0) mine += k * k;
  else if (isPrime(k)) mine += 1;
}
const result = team.reduce(mine, SUM, 0) as number | null; // reduces within the team only
const members = team.gather(world.rank, 0) as number[] | null;
// #endregion team-work

const REPORT = 1;
if (team.rank === 0) {
  const job = color === 0 ? `1^2 + ... + ${LIMIT}^2` : `primes up to ${LIMIT}`;
  const report = `${teamName} team (world ranks ${members?.join(', ')}): ${job} = ${result}`;
  if (world.rank === 0) {
    console.log(report);
    console.log(world.recv(1, REPORT) as string); // world rank 1 leads the odd team
  } else {
    world.send(report, 0, REPORT);
  }
}
team.Free();
