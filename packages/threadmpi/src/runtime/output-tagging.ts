/**
 * `--tag-output`: prefix each line a rank prints with `[rank] `, as Open MPI does. Installed around
 * one job in a worker and removed after, since warm workers serve other jobs later.
 */
type Write = typeof process.stdout.write;

export function tagOutput(rank: number): () => void {
  const restore = [prefixLines(process.stdout, `[${rank}] `), prefixLines(process.stderr, `[${rank}] `)];
  return () => restore.forEach((f) => f());
}

function prefixLines(stream: NodeJS.WriteStream, prefix: string): () => void {
  const original = stream.write;
  let atLineStart = true;
  const write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
    let out = '';
    for (const piece of text.split(/(?<=\n)/)) {
      if (piece.length === 0) continue;
      out += atLineStart ? prefix + piece : piece;
      atLineStart = piece.endsWith('\n');
    }
    return (original as (...a: unknown[]) => boolean).call(this, out, ...rest);
  } as Write;
  stream.write = write;
  return () => {
    stream.write = original;
  };
}
