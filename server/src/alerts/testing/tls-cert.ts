import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away self-signed certificate for `localhost` and 127.0.0.1, made
 * with the `openssl` command (Node can verify certificates but not issue
 * them, and no dependency is added for tests). The certificate is its own
 * CA: a client trusts it by passing it as `ca`, so TLS is verified for real.
 */
export interface TestCert {
  key: string;
  cert: string;
}

/** The certificate, or null when `openssl` is not installed (TLS tests then skip). */
export function selfSignedCert(): TestCert | null {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
