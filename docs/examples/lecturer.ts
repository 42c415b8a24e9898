// The busy lecturer: rank 0 holds a pile of assignments and deals one
// stack to every helper (scatter); each helper marks its own stack, and
// the lecturer collects the marks (gather). The lecturer is a helper
// too: rank 0 gets a stack like everybody else.
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

// Every rank runs this file, so every helper knows the answer key.
const KEY = 'BADCABDC';
const QUESTIONS = KEY.length;
const STUDENTS = 12;

/** Answer sheets: student s answers question q wrongly
 *  when (5s + 3q) % 7 < s % 4. */
function collectAssignments(): Assignment[] {
  return Array.from({ length: STUDENTS }, (_, s) => {
    const answers = [...KEY].map((right, q) => {
      const wrong = right === 'A' ? 'B' : 'A';
      return (5 * s + 3 * q) % 7 < s % 4 ? wrong : right;
    });
    const student = `s${String(s + 1).padStart(2, '0')}`;
    return { student, answers: answers.join('') };
  });
}

/** Deal like cards: stack h gets assignments h, h + n, h + 2n, ... */
function deal<T>(pile: T[], n: number): T[][] {
  const stacks: T[][] = Array.from({ length: n }, () => []);
  pile.forEach((item, i) => stacks[i % n].push(item));
  return stacks;
}

function mark(sheet: Assignment): Mark {
  const answers = [...sheet.answers];
  const score = answers.filter((answer, q) => answer === KEY[q]).length;
  return { student: sheet.student, score, markedBy: comm.rank };
}

// Only the root's argument matters: one stack per rank, in rank order.
const stacks =
  comm.rank === 0 ? deal(collectAssignments(), comm.size) : null;
const myStack = comm.scatter(stacks, 0) as Assignment[];

const myMarks = myStack.map(mark);

// The root receives every rank's marks, in rank order; the others, null.
const allMarks = comm.gather(myMarks, 0) as Mark[][] | null;
if (allMarks !== null) {
  const marks = allMarks.flat();
  marks.sort((a, b) => a.student.localeCompare(b.student));
  for (const { student, score, markedBy } of marks) {
    const who = `marked by helper ${markedBy}`;
    console.log(`${student}: ${score}/${QUESTIONS} (${who})`);
  }
  const total = marks.reduce((sum, m) => sum + m.score, 0);
  const average = (total / marks.length).toFixed(2);
  console.log(
    `${marks.length} assignments, ${comm.size} helpers,` +
      ` class average ${average}/${QUESTIONS}`,
  );
}
