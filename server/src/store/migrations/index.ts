/**
 * Versioned schema migrations, applied in order at start-up inside one
 * transaction each. Never edit a released migration: add a new one.
 *
 * Times are integer milliseconds since the epoch (UTC) so deadlines and
 * ranges are indexed integer comparisons. Every row belongs to an org.
 */
import { migration as m1 } from './001-foundation.js';
import { migration as m2 } from './002-agent-commands.js';
import { migration as m3 } from './003-measurement-rollups.js';
import { migration as m4 } from './004-sample-times.js';
import { migration as m5 } from './005-ingest-gaps.js';
import { migration as m6 } from './006-incidents.js';
import { migration as m7 } from './007-trend-findings.js';
import { migration as m8 } from './008-alerts.js';
import { migration as m9 } from './009-contacts.js';
import { migration as m10 } from './010-line-figures.js';
import { migration as m11 } from './011-agent-backlog.js';
import { migration as m12 } from './012-site-area-index.js';
import { migration as m13 } from './013-crc-increases.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, oldest first. A new one is a new file here, never an edit of an old one. */
export const migrations: readonly Migration[] = [m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13];
