/**
 * The commands that enrol a monitoring box with a site's one-time token.
 */

// Characters a POSIX shell takes literally in an unquoted word.
const shellSafe = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes a word for a POSIX shell, only when needed.
 *
 * @example shellQuote("it's") // `'it'\''s'`
 */
export function shellQuote(word: string): string {
  if (shellSafe.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface InstallCommands {
  /** Run in a linewatch checkout (`pnpm agent …`). */
  checkout: string;
  /** Run on a Raspberry Pi with the linewatch package installed; enrols and starts the service. */
  raspberryPi: string;
}

/**
 * @example installCommands('https://lw.example', 'tok123').checkout
 * // 'pnpm agent enroll --server https://lw.example --token tok123'
 */
export function installCommands(origin: string, token: string): InstallCommands {
  const server = shellQuote(origin);
  const quotedToken = shellQuote(token);
  return {
    checkout: `pnpm agent enroll --server ${server} --token ${quotedToken}`,
    raspberryPi:
      `sudo -u linewatch linewatch-agent enroll --server ${server} --token ${quotedToken}` +
      ' --config /etc/linewatch/agent.json && sudo systemctl enable --now linewatch-agent',
  };
}
