import pino from 'pino';

/** A logger that writes nothing: for simulated agents in tests and benchmarks. */
export const quietLog = pino({ level: 'silent' });
