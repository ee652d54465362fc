/**
 * IGD and TR-064 `GetTotalBytesSent/Received` are ui4 and wrap at 4 GiB
 * (about every 2 minutes at 250 Mbit/s); AVM's `GetAddonInfos` also has
 * 64-bit counters that need no help. These helpers carry a counter across
 * probe rounds so the agent reports a growing total.
 */

/** One counter reading and what the agent made of it. */
export interface CounterSample {
  /** The value the router sent. */
  raw: number;
  /** The value with the wraps seen so far added back. */
  unwrapped: number;
  /** The uptime the counter restarts with, s; null when unknown. */
  uptimeSeconds: number | null;
  /** Counter width in bits: 32 for ui4, 64 for AVM's `…64` counters. */
  bits: 32 | 64;
}

const range32 = 2 ** 32;

/**
 * The next sample of a counter (pure). Steps:
 * 1. No previous sample, a 64-bit counter, or a change of width: take the raw value.
 * 2. The uptime went down: the router (or its WAN session) restarted, so
 *    the counter restarted from zero: take the raw value.
 * 3. The raw value went down while the uptime kept rising: one wrap at 2³².
 * 4. Uptime unknown and the value went down: a wrap if going forward
 *    through 2³² is the shorter way (under 2 GiB), else a reset.
 * 5. Otherwise add the difference.
 *
 * @param uptimeSeconds the uptime of whatever resets the counter: the device
 *   uptime (TR-064 `DeviceInfo:GetInfo NewUpTime`) when known, else the WAN
 *   connection's `NewUptime`.
 * @example
 * const a = unwrapCounter(null, 4_294_967_000, 100);         // unwrapped 4294967000
 * unwrapCounter(a, 704, 160).unwrapped                        // 4294968000: wrapped once
 * unwrapCounter(a, 704, 20).unwrapped                         // 704: rebooted
 */
export function unwrapCounter(
  previous: CounterSample | null,
  raw: number,
  uptimeSeconds: number | null,
  bits: 32 | 64 = 32,
): CounterSample {
  const fresh: CounterSample = { raw, unwrapped: raw, uptimeSeconds, bits };
  if (previous === null || bits === 64 || previous.bits !== bits) return fresh;
  const uptimeKnown = uptimeSeconds !== null && previous.uptimeSeconds !== null;
  if (uptimeSeconds !== null && previous.uptimeSeconds !== null && uptimeSeconds < previous.uptimeSeconds) {
    return fresh;
  }
  let delta = raw - previous.raw;
  if (delta < 0) {
    const forward = delta + range32;
    if (!uptimeKnown && forward >= range32 / 2) return fresh;
    delta = forward;
  }
  return { raw, unwrapped: previous.unwrapped + delta, uptimeSeconds, bits };
}

/**
 * What the agent keeps between rounds for one router. Pass the same object
 * to every `readRouter` call; a new one starts from the raw values.
 */
export interface ByteCounterMemory {
  sent: CounterSample | null;
  received: CounterSample | null;
}

/** An empty {@link ByteCounterMemory}. */
export function createByteCounterMemory(): ByteCounterMemory {
  return { sent: null, received: null };
}
