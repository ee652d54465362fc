import { describe, expect, it } from 'vitest';
import { areaFollowsLines } from './area-follows-lines.js';

const area = { cause: 'agent_silent' as const, power_cut: 0, recovered_at: null };
const line = (cause: string | null, recovered_at: number | null = null) =>
  ({ cause, recovered_at }) as { cause: never; recovered_at: number | null };

describe('an area incident follows its lines', () => {
  const cases = [
    {
      name: 'takes the cause most lines recorded once their backlogs are in',
      area,
      lines: [line('line_sync_lost'), line('line_sync_lost'), line('agent_silent'), line('isp_session_down')],
      want: { cause: 'line_sync_lost', recoveredAt: null },
    },
    {
      name: 'stays silent while every box is still silent',
      area,
      lines: [line('agent_silent'), line('agent_silent')],
      want: { cause: 'agent_silent', recoveredAt: null },
    },
    {
      name: 'keeps a suspected power cut, and is back when the last line is back',
      area: { cause: 'power_or_device' as const, power_cut: 1, recovered_at: null },
      lines: [line('line_sync_lost', 1000), line('router_unreachable', 3000)],
      want: { cause: 'power_or_device', recoveredAt: 3000 },
    },
    {
      name: 'is not back while one line is still down',
      area: { ...area, cause: 'line_sync_lost' as const, recovered_at: 2000 },
      lines: [line('line_sync_lost', 2000), line('line_sync_lost')],
      want: { cause: 'line_sync_lost', recoveredAt: null },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(areaFollowsLines(c.area, c.lines)).toEqual(c.want));
  }
});
