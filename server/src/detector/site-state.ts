import type { AgentDiagnosis, Cause, SiteStatus } from '@linewatch/shared';

/**
 * What the detector knows about one site. Pure data: the state machine
 * below never reads a clock or does I/O; time arrives with each signal.
 */
export interface SiteLiveState {
  status: SiteStatus;
  cause: Cause | null;
  /** When the current status began (ms). */
  since: number;
  lastSeenAt: number | null;
  /** The site counts as silent at this moment unless the agent is heard first (ms). */
  downAfter: number | null;
  connected: boolean;
  /** Best estimate of when contact was lost, while it is lost (ms). */
  lostAt: number | null;
}

/** Everything that can change a site's state. */
export type Signal =
  /** Any sign of life from the agent: a connection, a message, a ping. */
  | { type: 'heard'; at: number; silenceMs: number; diagnosis?: AgentDiagnosis | undefined }
  /**
   * The broker lost the connection. `silentAlready` when the broker's
   * keepalive timer fired: the agent has been quiet for 1.5 × keepalive
   * already [MQTT-3.1.2-24], so no further confirmation is needed.
   */
  | { type: 'disconnected'; at: number; silentAlready: boolean }
  /** The earliest stored deadline has come. */
  | { type: 'deadline'; at: number };

export interface DetectorThresholds {
  /** A dropped connection must stay dropped this long before the site is down (a blip raises nothing). */
  confirmDelayMs: number;
}

export interface StatusChange {
  from: SiteStatus;
  to: SiteStatus;
  fromCause: Cause | null;
  cause: Cause | null;
  at: number;
  reason: 'agent_heard' | 'agent_diagnosis' | 'agent_silent';
}

export interface Step {
  state: SiteLiveState;
  change: StatusChange | null;
}

/**
 * The per-site state machine: `next(state, signal, thresholds)`.
 *
 * 1. Hearing the agent pushes its silence deadline out; its diagnosis (if
 *    any) sets the status; a silent site comes back `up`.
 * 2. A lost connection only sets a deadline (now + confirmation delay, or
 *    now when the broker's keepalive already proved the silence).
 * 3. At the deadline the site turns `down`/`agent_silent`, dated from when
 *    contact was lost.
 *
 * @example
 * next(s, { type: 'disconnected', at: 1000, silentAlready: false }, { confirmDelayMs: 5000 }).state.downAfter // 6000
 */
export function next(state: SiteLiveState, signal: Signal, thresholds: DetectorThresholds): Step {
  switch (signal.type) {
    case 'heard':
      return heard(state, signal);
    case 'disconnected': {
      const lostAt = signal.silentAlready ? (state.lastSeenAt ?? signal.at) : signal.at;
      const downAfter = signal.silentAlready ? signal.at : signal.at + thresholds.confirmDelayMs;
      return { state: { ...state, connected: false, lostAt, downAfter }, change: null };
    }
    case 'deadline':
      return deadline(state, signal.at);
  }
}

function heard(state: SiteLiveState, signal: Extract<Signal, { type: 'heard' }>): Step {
  const seen: SiteLiveState = {
    ...state,
    connected: true,
    lastSeenAt: Math.max(state.lastSeenAt ?? signal.at, signal.at),
    downAfter: signal.at + signal.silenceMs,
    lostAt: null,
  };
  let to: { status: SiteStatus; cause: Cause | null };
  if (signal.diagnosis) to = signal.diagnosis;
  else if (state.status === 'unknown' || state.cause === 'agent_silent') to = { status: 'up', cause: null };
  else to = { status: state.status, cause: state.cause };
  if (to.status === state.status && to.cause === state.cause) return { state: seen, change: null };
  const change: StatusChange = {
    from: state.status,
    to: to.status,
    fromCause: state.cause,
    cause: to.cause,
    at: signal.at,
    reason: signal.diagnosis ? 'agent_diagnosis' : 'agent_heard',
  };
  return { state: { ...seen, status: to.status, cause: to.cause, since: signal.at }, change };
}

function deadline(state: SiteLiveState, at: number): Step {
  if (state.downAfter === null || at < state.downAfter) return { state, change: null };
  if (state.status === 'down' && state.cause === 'agent_silent') {
    return { state: { ...state, downAfter: null }, change: null };
  }
  const since = state.lostAt ?? state.lastSeenAt ?? at;
  const change: StatusChange = {
    from: state.status,
    to: 'down',
    fromCause: state.cause,
    cause: 'agent_silent',
    at: since,
    reason: 'agent_silent',
  };
  return {
    state: { ...state, status: 'down', cause: 'agent_silent', since, downAfter: null, connected: false },
    change,
  };
}
