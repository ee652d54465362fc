import { agentFactsReader } from './agent-facts.js';
import { agentsRepo } from './agents.js';
import { availabilityRepo } from './availability.js';
import { commandsRepo } from './commands.js';
import { contactsRepo } from './contacts.js';
import { type Db, openDb } from './db.js';
import { findingsRepo } from './findings.js';
import { gapsRepo } from './gaps.js';
import { incidentsRepo } from './incidents.js';
import { maintenanceRepo } from './maintenance.js';
import { measurementsRepo } from './measurements.js';
import { quarantineRepo } from './quarantine.js';
import { siteHistoryRepo } from './site-history.js';
import { sitesRepo } from './sites.js';
import { transitionsRepo } from './transitions.js';
import { usersRepo } from './users.js';

/**
 * The server's storage: one repository per concept over one SQLite
 * database. (PostgreSQL comes with the external-broker mode; the repos are
 * the seam it will implement.)
 *
 * @example
 * const store = createStore(openDb(':memory:'));
 */
export function createStore(db: Db) {
  return {
    db,
    users: usersRepo(db),
    sites: sitesRepo(db),
    agents: agentsRepo(db),
    /** A site's agent: version, uptime, outbox backlog, clock (see `agent-facts.ts`). */
    agentFacts: agentFactsReader(db),
    commands: commandsRepo(db),
    measurements: measurementsRepo(db),
    transitions: transitionsRepo(db),
    quarantine: quarantineRepo(db),
    gaps: gapsRepo(db),
    incidents: incidentsRepo(db),
    maintenance: maintenanceRepo(db),
    siteHistory: siteHistoryRepo(db),
    findings: findingsRepo(db),
    availability: availabilityRepo(db),
    contacts: contactsRepo(db),
    /** Runs `fn` in one transaction. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    close: () => db.close(),
  };
}
export type Store = ReturnType<typeof createStore>;

export { openDb };
