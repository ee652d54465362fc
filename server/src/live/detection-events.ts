import { EventEmitter } from 'node:events';
import { type DetectionState, normalDetection } from '@linewatch/shared';

/**
 * Whether the server counts silent boxes as down or looks cut off itself,
 * and the live feeds' fan-out of its changes (`event: detection`). One state
 * for the whole server: its uplink is every shop's.
 *
 * @example
 * const detection = createDetectionEvents();
 * createSilenceHold({ …, onDetectionChange: detection.set });
 * const off = detection.subscribe((s) => send(s));
 */
export function createDetectionEvents() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let current: DetectionState = normalDetection;
  return {
    current: (): DetectionState => current,
    set(state: DetectionState): void {
      current = state;
      emitter.emit('change', state);
    },
    /** Returns the unsubscribe function. */
    subscribe(listener: (state: DetectionState) => void): () => void {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
  };
}
export type DetectionEvents = ReturnType<typeof createDetectionEvents>;
