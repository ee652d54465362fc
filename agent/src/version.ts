import pkg from '../package.json' with { type: 'json' };

/** The agent's version, as reported at enrollment and in its status message. */
export const agentVersion: string = pkg.version;
