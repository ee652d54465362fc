import { describe, expect, it } from 'vitest';
import { ApiRequestError, issuePath, kindForStatus, networkProblem, problemFromResponse } from './errors';

describe('kindForStatus', () => {
  it.each([
    [400, 'invalid'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [409, 'conflict'],
    [410, 'gone'],
    [429, 'rateLimited'],
    [500, 'server'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [418, 'unexpected'],
  ] as const)('%i → %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe('problemFromResponse', () => {
  it('reads the error envelope with its issues', () => {
    const problem = problemFromResponse(400, {
      error: {
        code: 'invalid_body',
        message: 'The body is invalid',
        issues: [{ path: 'contract.downMbps', message: 'Must be positive' }],
      },
    });
    expect(problem).toEqual({
      kind: 'invalid',
      status: 400,
      code: 'invalid_body',
      message: 'The body is invalid',
      issues: [{ path: 'contract.downMbps', message: 'Must be positive' }],
    });
  });

  it('survives bodies that are not the envelope', () => {
    for (const body of [undefined, null, 'oops', [], { error: 'x' }, { error: { code: 5 } }]) {
      expect(problemFromResponse(502, body)).toEqual({
        kind: 'unavailable',
        status: 502,
        code: null,
        message: null,
        issues: [],
      });
    }
  });

  it('drops malformed issues and normalises paths', () => {
    const problem = problemFromResponse(400, {
      error: {
        code: 'x',
        message: '',
        issues: [{ path: ['contract', 'upMbps'], message: 'Too big' }, { path: 'name' }, 'junk'],
      },
    });
    expect(problem.message).toBeNull();
    expect(problem.issues).toEqual([{ path: 'contract.upMbps', message: 'Too big' }]);
  });
});

describe('issuePath', () => {
  it.each([
    ['name', 'name'],
    ['/contract/downMbps', 'contract.downMbps'],
    ['$.contract.downMbps', 'contract.downMbps'],
    [['contract', 'downMbps'], 'contract.downMbps'],
    [undefined, ''],
  ])('%j → %s', (input, expected) => {
    expect(issuePath(input)).toBe(expected);
  });
});

describe('ApiRequestError', () => {
  it('carries the problem', () => {
    const error = new ApiRequestError(networkProblem());
    expect(error).toBeInstanceOf(Error);
    expect(error.problem.kind).toBe('network');
    expect(error.message).toBe('API request failed: network');
  });
});
