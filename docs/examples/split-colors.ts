// Split: the world divides into teams by color. Even world ranks add up
// squares, odd world ranks count primes. Each team shares out its own
// job with collectives on its own communicator, and the team leaders
// report to world rank 0.
import { COMM_WORLD as world, SUM, type Intracomm } from 'threadmpi';

const LIMIT = 1000;
const REPORT = 1;

if (world.size < 2) throw new Error('split-colors needs 2+ ranks (-n 4)');

// #region split
const color = world.rank % 2; // 0: the even team, 1: the odd team
// key = world rank keeps the world's order inside each team. No rank
// passes UNDEFINED as its color, so nobody receives null.
const team = world.Split(color, world.rank) as Intracomm;
// #endregion split
const teamName = color === 0 ? 'even' : 'odd';
console.log(
  `world rank ${world.rank} is rank ${team.rank} of ${team.size}` +
    ` in the ${teamName} team`,
);

function isPrime(n: number): boolean {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return n >= 2;
}

// #region team-work
// team.rank and team.size share out the job, as world.rank and
// world.size would for the whole world.
let mine = 0;
for (let k = 1 + team.rank; k <= LIMIT; k += team.size) {
  if (color === 0) mine += k * k;
  else if (isPrime(k)) mine += 1;
}
// These collectives involve the members of this team only.
const result = team.reduce(mine, SUM, 0);
const members = team.gather(world.rank, 0) as number[] | null;
// #endregion team-work

if (team.rank === 0) {
  const job = color === 0 ? `1^2 + ... + ${LIMIT}^2` : `primes to ${LIMIT}`;
  const who = `world ranks ${members?.join(', ')}`;
  const report = `${teamName} team (${who}): ${job} = ${result}`;
  if (world.rank === 0) {
    console.log(report);
    // World rank 1 is the first odd rank, so it leads the odd team.
    console.log(world.recv(1, REPORT));
  } else {
    world.send(report, 0, REPORT);
  }
}
team.Free();
