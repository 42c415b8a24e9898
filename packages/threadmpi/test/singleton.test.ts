/** Outside any launcher, COMM_WORLD is a world of size 1 (MPI singleton init). */
import { COMM_SELF, COMM_WORLD, IDENT, CONGRUENT, Status, Wtime } from 'threadmpi';

test('singleton world: size 1, messages to self, Wtime advances', () => {
  expect([COMM_WORLD.rank, COMM_WORLD.size]).toEqual([0, 1]);
  COMM_WORLD.send({ hi: 1 }, 0, 3);
  const st = new Status();
  expect(COMM_WORLD.recv(0, 3, st)).toEqual({ hi: 1 });
  expect([st.source, st.tag]).toEqual([0, 3]);
  const buf = new Float64Array(2);
  const req = COMM_WORLD.Irecv(buf, 0, 4);
  COMM_WORLD.Send(new Float64Array([1, 2]), 0, 4);
  req.wait();
  expect(Array.from(buf)).toEqual([1, 2]);
  expect(COMM_SELF.size).toBe(1);
  expect(COMM_WORLD.Compare(COMM_WORLD)).toBe(IDENT);
  const dup = COMM_WORLD.Dup();
  expect(COMM_WORLD.Compare(dup)).toBe(CONGRUENT);
  const t0 = Wtime();
  expect(Wtime()).toBeGreaterThanOrEqual(t0);
});
