import type { DetectionState } from '@linewatch/shared';
import { Notice } from '../components/Notice';
import { useI18n } from '../i18n/context';

/**
 * Says so when the server itself looks cut off: silent boxes are then not
 * reported as outages, and the shop should not read the board's quiet as
 * "all is well" nor its silence as "all are down".
 */
export function CutOffBanner({ detection }: { detection: DetectionState | null }) {
  const { t, dateTime } = useI18n();
  if (detection?.state !== 'cut_off') return null;
  const since = detection.since ? dateTime(detection.since) : '';
  const probes = detection.reason === 'uplink_probes_failing';
  return (
    <Notice tone="warn">
      <strong>{t(probes ? 'cutOff.probesTitle' : 'cutOff.massTitle', { since })}</strong>{' '}
      {t(probes ? 'cutOff.probesText' : 'cutOff.massText')}
    </Notice>
  );
}
