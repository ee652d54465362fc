import { createRoute, z } from '@hono/zod-openapi';
import {
  ApiError,
  HotlineReport,
  HotlineReportQuery,
  Incident,
  IncidentDetail,
  IncidentListQuery,
  IncidentNote,
  IncidentResolve,
  IncidentTicket,
  type User,
} from '@linewatch/shared';
import { hotlineReport } from '../../incidents/hotline-report.js';
import { hotlineReportInput } from '../../incidents/report-input.js';
import { incidentDetail, incidentView, repairClockView } from '../../incidents/views.js';
import type { IncidentRow } from '../../store/incidents.js';
import type { Api, ApiDeps } from '../context.js';
import { HttpError } from '../errors.js';
import { json } from '../openapi.js';
import { requireUser } from '../session.js';

const Params = z.object({ id: z.uuid() });
const errors = { 401: json(ApiError, 'Not logged in'), 404: json(ApiError, 'No such incident') };

/** Incidents: list, detail with timeline, the shop's actions on them, and the hotline report. */
export function incidentRoutes(app: Api, deps: ApiDeps): void {
  const { store } = deps;
  app.use('/api/v1/incidents', requireUser(deps));
  app.use('/api/v1/incidents/*', requireUser(deps));

  const find = (user: User, id: string): IncidentRow => {
    const row = store.incidents.get(id);
    if (!row || row.org_id !== user.orgId) throw new HttpError(404, 'not_found', 'No such incident.');
    return row;
  };

  /** Applies an action to an incident and, for an area incident, to its open sites; records who. */
  const act = (row: IncidentRow, fn: (target: IncidentRow) => void): Incident => {
    store.tx(() => {
      fn(row);
      if (row.kind === 'area') {
        for (const child of store.incidents.children(row.id)) if (child.resolved_at === null) fn(child);
      }
    });
    const after = store.incidents.get(row.id) as IncidentRow;
    deps.incidentChanged(after.id);
    return incidentView(store, after);
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/incidents',
      tags: ['incidents'],
      summary: 'Incidents, newest first: open (default), closed or all; optionally of one site',
      request: { query: IncidentListQuery },
      responses: { 200: json(z.array(Incident), 'The incidents'), 401: errors[401] },
    }),
    (c) => {
      const q = c.req.valid('query');
      const rows = store.incidents.list(c.get('user').orgId, {
        state: q.state,
        limit: q.limit,
        ...(q.siteId ? { siteId: q.siteId } : {}),
      });
      return c.json(
        rows.map((r) => incidentView(store, r)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/incidents/{id}',
      tags: ['incidents'],
      summary: 'One incident with its timeline, its sites (area incidents) and the § 58 TKG repair clock',
      request: { params: Params },
      responses: { 200: json(IncidentDetail, 'The incident'), ...errors },
    }),
    (c) => c.json(incidentDetail(store, find(c.get('user'), c.req.valid('param').id), deps.now()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/incidents/{id}/acknowledge',
      tags: ['incidents'],
      summary: 'Acknowledge: someone is on it (stops escalation)',
      request: { params: Params },
      responses: { 200: json(Incident, 'The incident'), ...errors },
    }),
    (c) => {
      const user = c.get('user');
      const now = deps.now();
      const row = find(user, c.req.valid('param').id);
      return c.json(
        act(row, (i) => {
          if (i.acknowledged_at !== null) return;
          store.incidents.update(i.id, { acknowledged_at: now, acknowledged_by: user.email }, now);
          store.incidents.addEvent(i.id, now, 'acknowledged', user.email);
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/incidents/{id}/notes',
      tags: ['incidents'],
      summary: 'Add a note to the timeline',
      request: { params: Params, body: { ...json(IncidentNote, 'The note'), required: true } },
      responses: { 200: json(Incident, 'The incident'), 400: json(ApiError, 'Empty or too long'), ...errors },
    }),
    (c) => {
      const user = c.get('user');
      const now = deps.now();
      const row = find(user, c.req.valid('param').id);
      const { text } = c.req.valid('json');
      store.incidents.addEvent(row.id, now, 'note', user.email, { text });
      deps.incidentChanged(row.id);
      return c.json(incidentView(store, row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/incidents/{id}/ticket',
      tags: ['incidents'],
      summary: 'Record the fault report to the carrier (its ticket number); starts the § 58 TKG repair clock',
      request: { params: Params, body: { ...json(IncidentTicket, 'The carrier ticket'), required: true } },
      responses: {
        200: json(Incident, 'The incident'),
        400: json(ApiError, 'A field is missing'),
        ...errors,
      },
    }),
    (c) => {
      const user = c.get('user');
      const now = deps.now();
      const row = find(user, c.req.valid('param').id);
      const body = c.req.valid('json');
      const reportedAt = body.reportedAt ? Date.parse(body.reportedAt) : now;
      if (reportedAt > now + 60_000)
        throw new HttpError(400, 'invalid', 'reportedAt: must not be in the future');
      return c.json(
        act(row, (i) => {
          store.incidents.update(
            i.id,
            {
              ticket_carrier: body.carrier,
              ticket_number: body.number,
              reported_at: reportedAt,
              reported_by: user.email,
            },
            now,
          );
          store.incidents.addEvent(i.id, now, 'reported', user.email, {
            carrier: body.carrier,
            number: body.number,
            reportedAt: new Date(reportedAt).toISOString(),
          });
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/incidents/{id}/resolve',
      tags: ['incidents'],
      summary: 'Resolve by hand (normally automatic once the line has been back and stable)',
      request: {
        params: Params,
        body: { ...json(IncidentResolve, 'An optional closing note'), required: false },
      },
      responses: { 200: json(Incident, 'The incident'), ...errors },
    }),
    (c) => {
      const user = c.get('user');
      const now = deps.now();
      const row = find(user, c.req.valid('param').id);
      const note = c.req.valid('json')?.note;
      return c.json(
        act(row, (i) => {
          if (i.resolved_at !== null) return;
          store.incidents.update(
            i.id,
            { resolved_at: now, resolved_by: user.email, recovered_at: i.recovered_at ?? now },
            now,
          );
          store.incidents.addEvent(i.id, now, 'resolved', user.email, note ? { note } : {});
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/incidents/{id}/report',
      tags: ['incidents'],
      summary:
        "The hotline report: what to tell the carrier's hotline (JSON, or plain text with format=text)",
      request: { params: Params, query: HotlineReportQuery },
      responses: {
        200: {
          content: {
            'application/json': { schema: HotlineReport },
            'text/plain': { schema: z.string() },
          },
          description: 'The report',
        },
        ...errors,
      },
    }),
    (c) => {
      const user = c.get('user');
      const now = deps.now();
      const row = find(user, c.req.valid('param').id);
      const query = c.req.valid('query');
      // An area incident is reported through its first site, with the others counted.
      const subject = row.kind === 'area' ? store.incidents.children(row.id)[0] : row;
      const site = subject?.site_id ? store.sites.getById(subject.site_id) : undefined;
      if (!subject || !site) throw new HttpError(404, 'not_found', 'This incident has no site to report.');
      const lang =
        query.lang ?? (c.req.header('accept-language')?.toLowerCase().startsWith('de') ? 'de' : 'en');
      const report = hotlineReport(
        hotlineReportInput(store, site, { ...subject, ...pickTicket(row) }, { lang, now }),
      );
      if (query.format === 'text') return c.text(report.text, 200);
      return c.json({ ...report, repairClock: repairClockView(store, row, now) }, 200);
    },
  );
}

/** An area incident's ticket applies to its sites' reports. */
function pickTicket(row: IncidentRow): Partial<IncidentRow> {
  return row.ticket_number === null
    ? {}
    : { ticket_carrier: row.ticket_carrier, ticket_number: row.ticket_number, reported_at: row.reported_at };
}
