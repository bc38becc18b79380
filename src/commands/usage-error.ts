/** A mistake in how a command was called: the CLI prints it and exits 2, like commander's own errors. */
export class UsageError extends Error {
  override name = 'UsageError';
}
