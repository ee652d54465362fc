import type { ApiError } from '@linewatch/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** The one error class of the API: thrown anywhere, rendered as `{error:{code,message}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** The JSON body of an error. */
export function errorBody(
  code: string,
  message: string,
  issues?: { path: string; message: string }[],
): ApiError {
  return { error: issues ? { code, message, issues } : { code, message } };
}

/**
 * Turns a failed zod validation into a 400 whose message names the field,
 * e.g. `contract.downMbps: Too small: expected number to be >0`. `within`:
 * the body field the validated value came from, so a part checked on its
 * own (a channel's `settings`) names its fields as the whole body does.
 */
export function validationError(error: z.ZodError, target: string, within?: string): HttpError {
  const issues = error.issues.map((i) => ({
    path: [...(within === undefined ? [] : [within]), ...i.path].join('.') || target,
    message: i.message,
  }));
  const first = issues[0];
  const message = first ? `${first.path}: ${first.message}` : `invalid ${target}`;
  return new HttpError(400, 'invalid_request', message, issues);
}

/** Renders any thrown error; unknown ones become a 500 without details. */
export function renderError(err: Error, c: Context) {
  if (err instanceof HttpError) return c.json(errorBody(err.code, err.message, err.issues), err.status);
  if (err instanceof HTTPException && err.status < 500) {
    const malformed = /malformed json/i.test(err.message);
    return malformed
      ? c.json(errorBody('invalid_json', 'The request body is not valid JSON.'), 400)
      : c.json(errorBody('bad_request', err.message || 'Bad request.'), err.status);
  }
  return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
}
