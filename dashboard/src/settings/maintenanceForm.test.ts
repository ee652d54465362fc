import { describe, expect, it } from 'vitest';
import { validateMaintenance } from './maintenanceForm';

const values = {
  scope: 'carrier' as const,
  value: 'Telekom',
  startsAt: '2025-06-15T22:00',
  endsAt: '2025-06-16T02:00',
  reason: ' ',
};

describe('validateMaintenance', () => {
  it('turns shop wall-clock times into instants', () => {
    expect(validateMaintenance(values, 'Europe/Berlin')).toEqual({
      ok: true,
      body: {
        scope: 'carrier',
        value: 'Telekom',
        startsAt: '2025-06-15T20:00:00.000Z',
        endsAt: '2025-06-16T00:00:00.000Z',
      },
    });
  });

  it('names missing fields and an end before the start', () => {
    expect(validateMaintenance({ ...values, value: '', startsAt: '' }, 'Europe/Berlin')).toEqual({
      ok: false,
      problems: { value: 'form.required', startsAt: 'form.required' },
    });
    expect(validateMaintenance({ ...values, endsAt: '2025-06-15T21:00' }, 'Europe/Berlin')).toEqual({
      ok: false,
      problems: { endsAt: 'maintenance.endBeforeStart' },
    });
  });
});
