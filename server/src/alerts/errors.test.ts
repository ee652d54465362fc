import { describe, expect, it } from 'vitest';
import { ChannelError, clip, httpStatusError, maxResponseChars, parseRetryAfter } from './errors.js';

const now = Date.parse('2026-03-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Mon, 02 Mar 2026 10:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 09:00:00 GMT', 0],
    ['999999999', 24 * 3600_000],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('httpStatusError', () => {
  it.each([
    [429, false, false],
    [408, false, false],
    [500, false, false],
    [503, false, false],
    [502, false, true],
    [504, false, true],
    [400, true, false],
    [401, true, false],
    [402, true, false],
    [403, true, false],
    [404, true, false],
    [410, true, false],
    [302, true, false],
  ])('classifies %i as permanent=%s, ambiguous=%s', (status, permanent, ambiguous) => {
    const err = httpStatusError('provider', status, 'body', null, now);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ permanent, ambiguous, status, response: `${status} body` });
    expect(err.classification).toBe(permanent ? 'permanent' : 'transient');
  });

  it('keeps Retry-After of a 429 and a 503', () => {
    expect(httpStatusError('p', 429, '', '3', now).retryAfterMs).toBe(3000);
    expect(httpStatusError('p', 503, '', '60', now).retryAfterMs).toBe(60_000);
  });
});

describe('clip', () => {
  it('puts an answer on one line and shortens it', () => {
    expect(clip(' a\n  b ')).toBe('a b');
    expect(clip('x'.repeat(2000))).toHaveLength(maxResponseChars);
  });
});
