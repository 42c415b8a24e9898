/** A request the command line cannot satisfy (bad rank count, empty size range, ...): exit status 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The first line of an error's message, for one-line notes. Duck-typed: errors from another realm fail instanceof. */
export function firstLineOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.split('\n')[0]!;
}
