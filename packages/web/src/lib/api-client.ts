import {
  type CallInput,
  type Contract,
  type ErrorBody,
  fillPath,
  queryString,
  type ResponseOf,
} from '@pairwise/domain';

/** An error answer from the API, or a network failure described in the same shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Structured facts beside the message, e.g. the findings that block an export. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The session layer registers here so any 401, from any call, sends the user to sign in. */
export function setUnauthorizedListener(listener: UnauthorizedListener) {
  onUnauthorized = listener;
}

export interface RequestTiming {
  sentAt: number;
  receivedAt: number;
}

async function request<T>(method: string, path: string, body?: unknown, timing?: RequestTiming): Promise<T> {
  let response: Response;
  const sentAt = Date.now();
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Pairwise cannot reach the server. Check the connection and try again.');
  }
  if (timing) {
    timing.sentAt = sentAt;
    timing.receivedAt = Date.now();
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const error = (payload ?? {}) as Partial<ErrorBody>;
  if (response.status === 401) onUnauthorized();
  throw new ApiError(
    response.status,
    error.code ?? 'http_error',
    error.message ?? `The server answered ${response.status} ${response.statusText}.`,
    error.fields ?? {},
    error.details ?? {},
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}

/**
 * Calls a route by its contract (`packages/domain/src/api`): the path, the input and the answer's
 * type all come from the one declaration the server implements, so the web cannot ask for a field
 * the server does not send.
 */
export function call<C extends Contract>(
  contract: C,
  ...[input, timing]: Record<string, never> extends CallInput<C>
    ? [input?: CallInput<C>, timing?: RequestTiming]
    : [input: CallInput<C>, timing?: RequestTiming]
): Promise<ResponseOf<C>> {
  const { params, query, body } = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  const url = fillPath(contract.path, params) + queryString(query);
  // Paths in contracts carry their `/api` prefix; `request` adds it for the older string paths.
  return request<ResponseOf<C>>(contract.method, url.replace(/^\/api/, ''), body, timing);
}
