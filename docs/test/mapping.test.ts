/**
 * The C / mpi4py / threadmpi table names exactly what threadmpi exports: an export missing from
 * the table, or a name in the table that the package does not export, fails here.
 */
import { publicSurface } from './api-surface.js';
import { nameIn, namesInTable, readMappingPage, tableCells } from './mapping-table.js';

const surface = publicSurface();
const named = namesInTable(readMappingPage());

test('the surface is read from the declarations', () => {
  // Anchors: if reading the .d.ts broke, the comparison below would be vacuous.
  expect(surface).toEqual(expect.arrayContaining(['COMM_WORLD', 'Comm.Send', 'Intracomm.Allreduce', 'Request.waitall', 'Win.Put', 'sync.Counter.next']));
  // Hidden members stay out: @internal (Comm.state), protected (Comm.derive), Error's own name.
  expect(surface).not.toContain('Comm.state');
  expect(surface).not.toContain('Comm.derive');
  expect(surface).not.toContain('MPIError.name');
});

test('every export is in the table', () => {
  const inTable = new Set(named.map(({ name }) => name));
  expect(surface.filter((name) => !inTable.has(name))).toEqual([]);
});

test('the table names nothing that is not exported', () => {
  const exported = new Set(surface);
  expect(named.filter(({ name }) => !exported.has(name))).toEqual([]);
});

test('the table reader: cells, names, keywords', () => {
  expect(tableCells('| `MPI_Send` | `Comm.Send(buf)` | `Comm.Send(buf, dest, tag?)` |')).toEqual(['`MPI_Send`', '`Comm.Send(buf)`', '`Comm.Send(buf, dest, tag?)`']);
  expect(tableCells('not a row')).toBeNull();
  expect(nameIn('Comm.Send(buf, dest, tag?)')).toBe('Comm.Send');
  expect(nameIn('sync.Counter.next(incr?)')).toBe('sync.Counter.next');
  expect(nameIn('new sync.Counter(comm)')).toBeNull();
  expect(nameIn('threadmpi run -n 4 prog.ts')).toBeNull();
  expect(nameIn('[source, dest]')).toBeNull();
  const page = '| C | mpi4py | threadmpi |\n| --- | --- | --- |\n| `MPI_Wtime()` | `MPI.Wtime()` | `Wtime()`, `Wtick()` |\n';
  expect(namesInTable(page)).toEqual([{ name: 'Wtime', line: 3 }, { name: 'Wtick', line: 3 }]);
});
