/**
 * A candidate repository is addressed only by its slug. The slug alphabet has no dot, slash or
 * percent sign, so a slug that passes this pattern can never name a path outside the store.
 */
export const REPOSITORY_SLUG_PATTERN = /^[a-z0-9-]{1,64}$/;

export function isRepositorySlug(value: string): boolean {
  return REPOSITORY_SLUG_PATTERN.test(value);
}

export function assertRepositorySlug(value: string): void {
  if (!isRepositorySlug(value)) {
    throw new GitRepositoryError(
      'invalid_request',
      'A repository slug is 1–64 lowercase letters, digits or dashes.',
    );
  }
}

/**
 * Codes match the domain's error codes, so the HTTP edge can map them like any other error
 * without this platform module depending on the domain package.
 */
export type GitRepositoryErrorCode = 'invalid_request' | 'not_found' | 'conflict';

export class GitRepositoryError extends Error {
  constructor(
    readonly code: GitRepositoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GitRepositoryError';
  }
}
