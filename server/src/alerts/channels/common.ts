import { type ChannelDeps, defaultTimeoutMs } from '../channel.js';
import { ChannelError } from '../errors.js';

/** What every channel needs from its deps, with the defaults filled in. */
export interface Resolved {
  timeoutMs: number;
  now: () => number;
}

export function resolveDeps(deps: ChannelDeps): Resolved {
  return { timeoutMs: deps.timeoutMs ?? defaultTimeoutMs, now: deps.now ?? Date.now };
}

/**
 * Refuses a target the channel does not have. Permanent: it is a mistake in
 * the caller (or settings changed under a queued notification), and retrying
 * cannot fix it.
 */
export function checkTarget(targets: readonly string[], target: string): void {
  if (!targets.includes(target)) {
    throw new ChannelError(`"${target}" is not a target of this channel`, { permanent: true });
  }
}

/** The API root: the override for tests and emulators, or the provider's, without a trailing slash. */
export function apiRoot(deps: ChannelDeps, real: string): string {
  return (deps.baseUrl ?? real).replace(/\/+$/, '');
}

/** The host of a URL: a target label that does not show the secret path of a webhook URL. */
export function hostOf(url: string): string {
  return new URL(url).host;
}
