import { describe, expect, it } from 'vitest';
import { authorizationHeader, DigestSession, digestResponse, parseChallenge } from './digest.js';

describe('parseChallenge', () => {
  it('reads the FRITZ!Box challenge: no spaces, algorithm unquoted', () => {
    expect(
      parseChallenge('Digest realm="HTTPS Access",nonce="88B30A35B27FDC00",algorithm=MD5,qop="auth"'),
    ).toEqual({
      realm: 'HTTPS Access',
      nonce: '88B30A35B27FDC00',
      algorithm: 'MD5',
      qop: 'auth',
      opaque: null,
      stale: false,
    });
  });

  it('reads the RFC 2617 §3.5 challenge with spaces, opaque and a qop list', () => {
    const header =
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"';
    expect(parseChallenge(header)).toMatchObject({
      realm: 'testrealm@host.com',
      qop: 'auth',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
    });
  });

  it('picks the Digest challenge among others and reads stale', () => {
    const header = 'Basic realm="x", DIGEST realm="a \\"b\\"", nonce=abc, stale=TRUE, algorithm=md5';
    expect(parseChallenge(header)).toEqual({
      realm: 'a "b"',
      nonce: 'abc',
      algorithm: 'MD5',
      qop: null,
      opaque: null,
      stale: true,
    });
    expect(parseChallenge(['Basic realm="x"', 'Digest realm="r",nonce="n",qop="auth"'])?.nonce).toBe('n');
  });

  it('refuses what it cannot answer, without throwing', () => {
    expect(parseChallenge(undefined)).toBeNull();
    expect(parseChallenge('')).toBeNull();
    expect(parseChallenge('Basic realm="x"')).toBeNull();
    expect(parseChallenge('Digest realm="r"')).toBeNull(); // no nonce
    expect(parseChallenge('Digest realm="r",nonce="n",qop="auth-int"')).toBeNull();
    expect(parseChallenge('Digest realm="r",nonce="n",algorithm=SHA-512')).toBeNull();
    expect(parseChallenge('Digest ,,,="=,"unterminated')).toBeNull();
    expect(parseChallenge('\u0000\u00ff Digest realm=')).toBeNull();
  });
});

describe('digestResponse', () => {
  it('matches the RFC 2617 §3.5 example (MD5, qop=auth)', () => {
    const challenge = parseChallenge(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    if (challenge === null) throw new Error('challenge not parsed');
    const input = {
      challenge,
      username: 'Mufasa',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nc: '00000001',
      cnonce: '0a4f113b',
    };
    expect(digestResponse(input)).toBe('6629fae49393a05397450978507c4ef1');
    expect(authorizationHeader(input)).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", ' +
        'uri="/dir/index.html", algorithm=MD5, response="6629fae49393a05397450978507c4ef1", qop=auth, ' +
        'nc=00000001, cnonce="0a4f113b", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
  });

  it('matches the RFC 7616 §3.9.1 examples (MD5 and SHA-256)', () => {
    const base = {
      username: 'Mufasa',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    };
    const challenge = (algorithm: string) => ({
      realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      algorithm,
      qop: 'auth' as const,
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      stale: false,
    });
    expect(digestResponse({ ...base, challenge: challenge('MD5') })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse({ ...base, challenge: challenge('SHA-256') })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });
});

describe('DigestSession', () => {
  it('waits for a challenge, then counts requests on one nonce and restarts on a new one', () => {
    let n = 0;
    const session = new DigestSession('admin', 'secret', () => `c${++n}`);
    expect(session.authorize('POST', '/upnp/control/deviceinfo')).toBeNull();
    const challenge = parseChallenge('Digest realm="HTTPS Access",nonce="AAAA",algorithm=MD5,qop="auth"');
    if (challenge === null) throw new Error('challenge not parsed');
    session.useChallenge(challenge);
    expect(session.authorize('POST', '/a')).toContain('nc=00000001, cnonce="c1"');
    expect(session.authorize('POST', '/b')).toContain('nc=00000002, cnonce="c2"');
    session.useChallenge({ ...challenge, nonce: 'BBBB' });
    expect(session.nonce).toBe('BBBB');
    expect(session.authorize('POST', '/c')).toContain('nc=00000001');
  });
});
