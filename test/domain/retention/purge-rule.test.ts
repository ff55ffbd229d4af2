import { describe, expect, it } from 'vitest';
import {
  selectPurgeable,
  type RetentionEvent,
  type RetentionPerson,
} from '../../../src/domain/retention/purge-rule.ts';

const TODAY = '2026-12-01';

function ids(persons: RetentionPerson[], events: RetentionEvent[], unsynced: string[] = []): string[] {
  return selectPurgeable({ today: TODAY, persons, events, unsynced: new Set(unsynced) })
    .map((t) => `${t.table}:${t.id}`)
    .sort();
}

const child = (id: string, birthDate: string, extra: Partial<RetentionPerson> = {}): RetentionPerson => ({
  id,
  birthDate,
  status: 'active',
  ...extra,
});

describe('the phone purge rule', () => {
  it('drops the weighings and services of the balita years once a child is five, keeping immunisations', () => {
    const persons = [child('rina', '2020-06-15'), child('dewi', '2022-06-15')];
    const events: RetentionEvent[] = [
      { table: 'measurements', id: 'm-old', personId: 'rina', date: '2021-03-02' },
      { table: 'services', id: 's-old', personId: 'rina', date: '2023-02-01' },
      { table: 'immunizations', id: 'i-old', personId: 'rina', date: '2020-08-15' },
      // After the fifth birthday: kept (school-age measurements are new needs).
      { table: 'measurements', id: 'm-after', personId: 'rina', date: '2025-07-01' },
      // Dewi is four: all of hers stay.
      { table: 'measurements', id: 'm-dewi', personId: 'dewi', date: '2023-01-05' },
    ];
    expect(ids(persons, events)).toEqual(['measurements:m-old', 'services:s-old']);
  });

  it('keeps anything dated in the last 400 days, which the monthly report looks back on', () => {
    const persons = [child('rina', '2021-01-10')];
    const events: RetentionEvent[] = [
      { table: 'measurements', id: 'm-recent', personId: 'rina', date: '2025-12-20' },
      { table: 'measurements', id: 'm-older', personId: 'rina', date: '2025-10-01' },
    ];
    expect(ids(persons, events)).toEqual(['measurements:m-older']);
  });

  it('drops a pregnancy that ended over a year ago, its whole chain and its antenatal and nifas visits', () => {
    const persons = [child('siti', '1990-08-17')];
    const events: RetentionEvent[] = [
      { table: 'pregnancies', id: 'p1', personId: 'siti', outcome: 'ongoing' },
      {
        table: 'pregnancies',
        id: 'p1-end',
        personId: 'siti',
        supersedes: 'p1',
        outcome: 'live_birth',
        outcomeDate: '2025-05-01',
      },
      { table: 'visits', id: 'anc', personId: 'siti', kind: 'antenatal', date: '2025-02-01' },
      { table: 'visits', id: 'kf', personId: 'siti', kind: 'postpartum', date: '2025-06-05' },
      { table: 'visits', id: 'home', personId: 'siti', kind: 'home', date: '2025-02-01' },
      // A pregnancy that ended eight months ago stays.
      { table: 'pregnancies', id: 'p2', personId: 'siti', outcome: 'miscarriage', outcomeDate: '2026-04-01' },
    ];
    expect(ids(persons, events)).toEqual(['pregnancies:p1', 'pregnancies:p1-end', 'visits:anc', 'visits:kf']);
  });

  it('keeps an ongoing pregnancy however old its record', () => {
    const persons = [child('siti', '1990-08-17')];
    const events: RetentionEvent[] = [{ table: 'pregnancies', id: 'p', personId: 'siti', outcome: 'ongoing' }];
    expect(ids(persons, events)).toEqual([]);
  });

  it('drops a person who moved out 90 days ago with all their records, not one who moved last month', () => {
    const persons = [
      child('budi', '1988-03-12', { status: 'moved_out', statusDate: '2026-08-01' }),
      child('ani', '1995-03-12', { status: 'moved_out', statusDate: '2026-11-10' }),
      child('tono', '1950-01-01', { status: 'deceased', statusDate: '2025-01-01' }),
    ];
    const events: RetentionEvent[] = [
      { table: 'screenings', id: 'scr', personId: 'budi', date: '2026-07-01' },
      { table: 'screenings', id: 'scr-ani', personId: 'ani', date: '2026-07-01' },
    ];
    expect(ids(persons, events)).toEqual(['persons:budi', 'screenings:scr']);
  });

  it('keeps a moved-out mother whose child the phone keeps', () => {
    const persons = [
      child('siti', '1990-08-17', { status: 'moved_out', statusDate: '2026-01-01' }),
      child('dewi', '2024-01-05', { motherId: 'siti' }),
    ];
    expect(ids(persons, [])).toEqual([]);
  });

  it('never drops an unsynced record, nor a moved-out person with one, nor a correction whose original stays', () => {
    const persons = [
      child('rina', '2020-06-15'),
      child('budi', '1988-03-12', { status: 'moved_out', statusDate: '2026-01-01' }),
    ];
    const events: RetentionEvent[] = [
      { table: 'measurements', id: 'm-unsynced', personId: 'rina', date: '2021-03-02' },
      { table: 'measurements', id: 'm-fix', personId: 'rina', date: '2021-03-02', supersedes: 'm-unsynced' },
      { table: 'measurements', id: 'm-plain', personId: 'rina', date: '2021-04-02' },
      { table: 'screenings', id: 'scr-unsynced', personId: 'budi', date: '2025-07-01' },
    ];
    expect(ids(persons, events, ['m-unsynced', 'scr-unsynced'])).toEqual(['measurements:m-plain']);
  });
});
