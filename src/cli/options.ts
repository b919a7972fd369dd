// Option parsers the commands share.
import { InvalidArgumentError } from 'commander';

/** How many passages to retrieve: 1 to 50, as the ask request allows. */
export const passageCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new InvalidArgumentError('expected a whole number from 1 to 50');
  return n;
};
