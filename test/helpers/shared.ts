// Where ../shared (the examples, corpus and oracle next to this repository) is: CI clones the
// repository with shared/ beside it, as developers have it.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED = process.env.SVCCTL_SHARED ?? resolve(__dirname, '..', '..', '..', 'shared');

/** A path inside ../shared. */
export const shared = (...parts: string[]): string => join(SHARED, ...parts);

/** Whether ../shared is there (tests that need it skip cleanly when it is not). */
export const hasShared = existsSync(SHARED);
