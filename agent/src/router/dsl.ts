import type { RouterDsl } from '@linewatch/shared';
import { tenthsToDb, toCount, toText } from './values.js';

/**
 * The shared {@link RouterDsl} from TR-064 `WANDSLInterfaceConfig:GetInfo`
 * and, when it answered, `GetStatisticsTotal`. Units (DOMAIN.md §2, gofritz
 * SCPD, openHAB channels): rates kbit/s as sent; noise margin and
 * attenuation in 0.1 dB, converted to dB. `NewUpstreamCurrRate` is an i4:
 * a negative value is nonsense and becomes null.
 *
 * @example
 * dslFromInfo({ NewStatus: 'Up', NewDownstreamCurrRate: '236716', NewDownstreamNoiseMargin: '110', … }, null)
 * // { status: 'Up', downCurrentKbps: 236716, downSnrMarginDb: 11, …, crcErrors: null, … }
 */
export function dslFromInfo(info: Record<string, string>, stats: Record<string, string> | null): RouterDsl {
  return {
    status: toText(info.NewStatus, 50),
    downCurrentKbps: toCount(info.NewDownstreamCurrRate),
    upCurrentKbps: toCount(info.NewUpstreamCurrRate),
    downMaxKbps: toCount(info.NewDownstreamMaxRate),
    upMaxKbps: toCount(info.NewUpstreamMaxRate),
    downSnrMarginDb: tenthsToDb(info.NewDownstreamNoiseMargin),
    upSnrMarginDb: tenthsToDb(info.NewUpstreamNoiseMargin),
    downAttenuationDb: tenthsToDb(info.NewDownstreamAttenuation),
    upAttenuationDb: tenthsToDb(info.NewUpstreamAttenuation),
    crcErrors: toCount(stats?.NewCRCErrors),
    fecErrors: toCount(stats?.NewFECErrors),
    linkRetrains: toCount(stats?.NewLinkRetrain),
    erroredSeconds: toCount(stats?.NewErroredSecs),
    severelyErroredSeconds: toCount(stats?.NewSeverelyErroredSecs),
  };
}
