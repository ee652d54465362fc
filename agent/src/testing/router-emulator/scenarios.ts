/**
 * The emulated router's state per scenario. Values follow DOMAIN.md: the
 * telegraf fixture (`plugins/inputs/fritzbox/fritzbox_test.go`) for a
 * healthy DSL line, the SCPD allowed values for everything else, and the
 * German event-log strings of FRITZ!OS.
 */

export const scenarioNames = [
  'dsl_up',
  'dsl_training',
  'dsl_no_signal',
  'ppp_auth_failure',
  'low_snr',
  'rising_crc',
  'cable_box',
  'upnp_disabled',
  'tr064_disabled',
  'wrong_password',
  'slow',
  'garbage',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** `ppp`: Layer3Forwarding names `1.WANPPPConnection.1`; `ip`: `1.WANIPConnection.1`. */
export type WanConnectionType = 'ppp' | 'ip';

/** Everything the emulator answers; tests may change fields between reads. */
export interface RouterModel {
  modelName: string;
  /** `<systemVersion><Display>` and `NewSoftwareVersion`. */
  firmware: string;
  deviceUptimeSeconds: number;
  /** Event-log lines, newest first, `dd.mm.yy HH:MM:SS text`. */
  log: string[];
  accessType: string;
  physicalLinkStatus: string;
  layer1DownBps: number;
  layer1UpBps: number;
  connectionType: WanConnectionType;
  connection: { status: string; lastError: string; uptimeSeconds: number; externalIp: string };
  /** `WANDSLInterfaceConfig:GetInfo` arguments; null answers UPnP 401 Invalid Action (cable). */
  dslInfo: Record<string, string> | null;
  dslStats: Record<string, string>;
  /** Added to `NewCRCErrors` on every `GetStatisticsTotal`. */
  crcStepPerRead: number;
  bytes: { sent: number; received: number };
  /** AVM `GetAddonInfos` 64-bit Layer1 rates; '' as cable boxes send. */
  layer1Bps64: { down: string; up: string };
  igdEnabled: boolean;
  tr064Enabled: boolean;
  /** TR-064 actions the login lacks the right for: UPnP error 606 Action not authorized. */
  deniedActions: string[];
  /** Every login is refused, whatever the credentials. */
  refuseAllLogins: boolean;
  /** Delay before every HTTP answer, ms. */
  delayMs: number;
  /** Actions (e.g. `GetStatisticsTotal`) answered only after the `slow` delay: a router stalling mid-read. */
  slowActions: string[];
  /** Every HTTP answer is 200 with a non-XML body. */
  garbage: boolean;
}

const telegrafDslInfo = {
  NewEnable: '1',
  NewStatus: 'Up',
  NewDataPath: 'Interleaved',
  NewUpstreamCurrRate: '46719',
  NewDownstreamCurrRate: '236716',
  NewUpstreamMaxRate: '49741',
  NewDownstreamMaxRate: '240893',
  NewUpstreamNoiseMargin: '80',
  NewDownstreamNoiseMargin: '110',
  NewUpstreamAttenuation: '80',
  NewDownstreamAttenuation: '140',
  NewATURVendor: '41564d00',
  NewATURCountry: '0400',
  NewUpstreamPower: '498',
  NewDownstreamPower: '515',
};

const telegrafDslStats = {
  NewReceiveBlocks: '32915736',
  NewTransmitBlocks: '7276830',
  NewCellDelin: '0',
  NewLinkRetrain: '1',
  NewInitErrors: '0',
  NewInitTimeouts: '0',
  NewLossOfFraming: '0',
  NewErroredSecs: '4',
  NewSeverelyErroredSecs: '0',
  NewFECErrors: '0',
  NewATUCFECErrors: '0',
  NewHECErrors: '0',
  NewATUCHECErrors: '0',
  NewCRCErrors: '6',
  NewATUCCRCErrors: '1',
};

function healthy(connectionType: WanConnectionType): RouterModel {
  return {
    modelName: 'FRITZ!Box 7590',
    firmware: '154.07.57',
    deviceUptimeSeconds: 1_209_600,
    log: [
      '15.03.24 08:05:40 Internetverbindung wurde erfolgreich hergestellt. IP-Adresse: 203.0.113.77',
      '15.03.24 08:05:09 DSL ist verfügbar (DSL-Synchronisierung besteht mit 236716/46719 kbit/s).',
      '15.03.24 08:04:10 DSL-Synchronisierung beginnt (Training).',
    ],
    accessType: 'DSL',
    physicalLinkStatus: 'Up',
    layer1DownBps: 240_893_000,
    layer1UpBps: 49_741_000,
    connectionType,
    connection: {
      status: 'Connected',
      lastError: 'ERROR_NONE',
      uptimeSeconds: 755_581,
      externalIp: '203.0.113.77',
    },
    dslInfo: { ...telegrafDslInfo },
    dslStats: { ...telegrafDslStats },
    crcStepPerRead: 0,
    bytes: { sent: 30_680_066_212, received: 197_786_211_361 },
    layer1Bps64: { down: '240893000', up: '49741000' },
    igdEnabled: true,
    tr064Enabled: true,
    deniedActions: [],
    refuseAllLogins: false,
    delayMs: 0,
    slowActions: [],
    garbage: false,
  };
}

const lineDown = {
  NewUpstreamCurrRate: '0',
  NewDownstreamCurrRate: '0',
  NewUpstreamMaxRate: '0',
  NewDownstreamMaxRate: '0',
};
const noSession = {
  status: 'Disconnected',
  lastError: 'ERROR_NONE',
  uptimeSeconds: 0,
  externalIp: '0.0.0.0',
};

/** What each scenario changes from a healthy DSL line. */
const changes: Record<ScenarioName, (m: RouterModel, slowDelayMs: number) => void> = {
  dsl_up: () => {},
  dsl_training: (m) => {
    m.physicalLinkStatus = 'Initializing';
    m.dslInfo = { ...telegrafDslInfo, ...lineDown, NewStatus: 'Initializing' };
    m.connection = { ...noSession };
    m.layer1DownBps = 0;
    m.layer1UpBps = 0;
    m.log = [
      '15.03.24 09:12:03 DSL-Synchronisierung beginnt (Training).',
      '15.03.24 09:11:58 Internetverbindung wurde getrennt.',
      ...m.log,
    ];
  },
  dsl_no_signal: (m) => {
    m.physicalLinkStatus = 'Down';
    m.dslInfo = {
      ...telegrafDslInfo,
      ...lineDown,
      NewStatus: 'NoSignal',
      NewDownstreamNoiseMargin: '0',
      NewUpstreamNoiseMargin: '0',
    };
    m.connection = { ...noSession, lastError: 'ERROR_NO_CARRIER' };
    m.layer1DownBps = 0;
    m.layer1UpBps = 0;
    m.log = [
      '15.03.24 09:12:30 DSL antwortet nicht (Keine DSL-Synchronisierung).',
      '15.03.24 09:11:58 Internetverbindung wurde getrennt.',
      ...m.log,
    ];
  },
  ppp_auth_failure: (m) => {
    m.connection = { ...noSession, lastError: 'ERROR_AUTHENTICATION_FAILURE' };
    m.log = ['15.03.24 09:20:11 Anmeldung beim Internetanbieter ist fehlgeschlagen.', ...m.log];
  },
  low_snr: (m) => {
    m.dslInfo = {
      ...telegrafDslInfo,
      NewDownstreamCurrRate: '50112',
      NewUpstreamCurrRate: '9870',
      NewDownstreamNoiseMargin: '15',
      NewUpstreamNoiseMargin: '20',
    };
  },
  rising_crc: (m) => {
    m.crcStepPerRead = 5000;
  },
  cable_box: (m) => {
    m.modelName = 'FRITZ!Box 6591 Cable';
    m.firmware = '161.07.57';
    m.accessType = 'X_AVM-DE_Cable';
    m.connectionType = 'ip';
    m.layer1DownBps = 1_000_000_000;
    m.layer1UpBps = 50_000_000;
    m.layer1Bps64 = { down: '', up: '' };
    m.dslInfo = null;
    m.log = ['15.03.24 08:05:40 Internetverbindung wurde erfolgreich hergestellt. IP-Adresse: 203.0.113.77'];
  },
  upnp_disabled: (m) => {
    m.igdEnabled = false;
  },
  tr064_disabled: (m) => {
    m.tr064Enabled = false;
  },
  wrong_password: (m) => {
    m.refuseAllLogins = true;
  },
  slow: (m, slowDelayMs) => {
    m.delayMs = slowDelayMs;
  },
  garbage: (m) => {
    m.garbage = true;
  },
};

/**
 * A fresh model for a scenario.
 *
 * @example
 * modelFor('cable_box', 'ppp').dslInfo // null
 */
export function modelFor(
  name: ScenarioName,
  connectionType: WanConnectionType,
  slowDelayMs = 5000,
): RouterModel {
  const model = healthy(connectionType);
  changes[name](model, slowDelayMs);
  return model;
}
