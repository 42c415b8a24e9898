// The busy lecturer: rank 0 holds a pile of assignments, deals one stack to every helper
// (scatter), each helper marks its own stack, and the lecturer collects the marks (gather).
// The lecturer is a helper too: rank 0 gets a stack like everybody else.
import { COMM_WORLD as comm } from 'threadmpi';

interface Assignment {
  student: string;
  answers: string;
}
interface Mark {
  student: string;
  score: number;
  markedBy: number;
}

const KEY = 'BADCABDC'; // every rank runs this file, so every helper knows the answer key
const STUDENTS = 12;

/** Deterministic answer sheets: student s gets question q wrong when (5s + 3q) % 7 < s % 4. */
function collectAssignments(): Assignment[] {
  return Array.from({ length: STUDENTS }, (_, s) => ({
    student: `s${String(s + 1).padStart(2, '0')}`,
    answers: [...KEY].map((right, q) => ((5 * s + 3 * q) % 7 < s % 4 ? (right === 'A' ? 'B' : 'A') : right)).join(''),
  }));
}

/** Deal the pile like cards: stack h gets assignments h, h + helpers, h + 2*helpers, ... */
function deal<T>(pile: T[], helpers: number): T[][] {
  const stacks: T[][] = Array.from({ length: helpers }, () => []);
  pile.forEach((item, i) => stacks[i % helpers].push(item));
  return stacks;
}

function mark(sheet: Assignment): Mark {
  const score = [...sheet.answers].filter((answer, q) => answer === KEY[q]).length;
  return { student: sheet.student, score, markedBy: comm.rank };
}

// Only the root's argument to scatter matters: one stack per rank, in rank order.
const stacks = comm.rank === 0 ? deal(collectAssignments(), comm.size) : null;
const myStack = comm.scatter(stacks, 0) as Assignment[];

const myMarks = myStack.map(mark);

// gather returns the list of every rank's marks at the root, and null everywhere else.
const allMarks = comm.gather(myMarks, 0) as Mark[][] | null;
if (allMarks !== null) {
  const marks = allMarks.flat().sort((a, b) => a.student.localeCompare(b.student));
  for (const { student, score, markedBy } of marks) {
    console.log(`${student}: ${score}/${KEY.length} (marked by helper ${markedBy})`);
  }
  const average = marks.reduce((sum, m) => sum + m.score, 0) / marks.length;
  console.log(`${marks.length} assignments, ${comm.size} helpers, class average ${average.toFixed(2)}/${KEY.length}`);
}
