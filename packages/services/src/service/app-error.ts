/** What went wrong, as a code the HTTP layer maps to a status and clients can branch on. */
export type AppErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

export type AppErrorDetail = { field?: string; line?: number; reason: string };

/** The one error a use-case throws on purpose; anything else is a bug and answers 500. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field: string | undefined;
  readonly details: AppErrorDetail[];

  constructor(
    code: AppErrorCode,
    message: string,
    options: { field?: string; details?: AppErrorDetail[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details ?? [];
  }
}

export const HTTP_STATUS_OF: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
