/**
 * Stable error codes. The HTTP edge (server `platform/http/errors.ts`) is the only place
 * that maps them to status codes; the web app shows `message` and highlights `fields`.
 */
export const errorStatus = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  not_acceptable: 406,
  conflict: 409,
  illegal_transition: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  /** Two writers met on the same rows and the database undid this one: nothing was saved, try again. */
  busy: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Structured facts a client shows next to the message, e.g. the findings that block an export. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You do not have access to this.') => new AppError('forbidden', message);
export const unprocessable = (message: string, fields?: FieldErrors) =>
  new AppError('unprocessable', message, fields);
