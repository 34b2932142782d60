import { AlreadyExistsError } from '@hpckit/core';

/** The error every store throws when a unique key is taken. */
export function duplicate(kind: string, id: string): AlreadyExistsError {
  return new AlreadyExistsError({ details: { kind, id } });
}
