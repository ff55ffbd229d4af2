import { describe, expect, it } from 'vitest';
import { setLocale, t } from '../../../src/i18n/index.ts';
import { syncSummary } from '../../../src/ui/components/sync-summary.ts';

const read = (status: Parameters<typeof syncSummary>[0]) => {
  const { headline, detail } = syncSummary(status, () => '1 Des 08.00');
  return [t(headline.key, headline.params), detail ? t(detail.key, detail.params) : null];
};

describe('the sync card’s lines, as the kader reads them', () => {
  setLocale('id');
  const idle = { pending: 0, running: false, progress: null, lastSuccessAt: null };

  it('on a second phone fetching its posyandu for the first time, says so and nothing else', () => {
    expect(read({ ...idle, running: true })).toEqual(['Mengambil data posyandu dari puskesmas…', null]);
  });

  it('never says everything was sent beside never having been sent', () => {
    const [headline, detail] = read(idle);
    expect(headline).not.toBe('Semua data sudah terkirim');
    expect(detail).toBe('Belum pernah tersambung ke puskesmas');
  });

  it('says what waits, and when it last went through', () => {
    expect(read({ ...idle, pending: 3 })).toEqual(['3 data menunggu dikirim', 'Belum pernah tersambung ke puskesmas']);
    expect(read({ ...idle, lastSuccessAt: '2026-12-01T01:00:00Z' })).toEqual([
      'Semua data sudah terkirim',
      'Terakhir terkirim: 1 Des 08.00',
    ]);
  });

  it('says how many records came from the other kaders, on the same line', () => {
    const synced = { ...idle, lastSuccessAt: '2026-12-01T01:00:00Z' };
    expect(read({ ...synced, lastReceived: 12 })).toEqual([
      'Semua data sudah terkirim',
      'Terakhir tersambung: 1 Des 08.00. Diterima 12 catatan dari kader lain.',
    ]);
    expect(read({ ...synced, lastReceived: 0 })[1]).toBe('Terakhir terkirim: 1 Des 08.00');
  });
});
