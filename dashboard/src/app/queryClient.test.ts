import { describe, expect, it } from 'vitest';
import { ApiRequestError, networkProblem, problemFromResponse } from '../api/errors';
import { shouldRetry } from './queryClient';

describe('shouldRetry', () => {
  it('retries network and server failures twice', () => {
    const error = new ApiRequestError(networkProblem());
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, error)).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
    expect(shouldRetry(0, new ApiRequestError(problemFromResponse(503, undefined)))).toBe(true);
  });

  it('never retries a refusal or a programming error', () => {
    expect(shouldRetry(0, new ApiRequestError(problemFromResponse(404, undefined)))).toBe(false);
    expect(shouldRetry(0, new ApiRequestError(problemFromResponse(401, undefined)))).toBe(false);
    expect(shouldRetry(0, new TypeError('x'))).toBe(false);
  });
});
