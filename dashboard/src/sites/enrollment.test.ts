import { describe, expect, it } from 'vitest';
import { installCommands, shellQuote } from './enrollment';

describe('installCommands', () => {
  it('builds both commands from the origin and token', () => {
    expect(installCommands('http://192.168.1.10:8080', 'Zx9_-aB3kL0pQ7')).toEqual({
      checkout: 'pnpm agent enroll --server http://192.168.1.10:8080 --token Zx9_-aB3kL0pQ7',
      raspberryPi:
        'sudo -u linewatch linewatch-agent enroll --server http://192.168.1.10:8080 --token Zx9_-aB3kL0pQ7 ' +
        '--config /etc/linewatch/agent.json && sudo systemctl enable --now linewatch-agent',
    });
  });

  it('quotes a token the shell would otherwise mangle', () => {
    expect(installCommands('https://lw.example', 'a$b c').checkout).toBe(
      "pnpm agent enroll --server https://lw.example --token 'a$b c'",
    );
  });
});

describe('shellQuote', () => {
  it('leaves safe words alone and quotes the rest', () => {
    expect(shellQuote('abc-DEF_1.2')).toBe('abc-DEF_1.2');
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a;rm -rf')).toBe("'a;rm -rf'");
  });
});
