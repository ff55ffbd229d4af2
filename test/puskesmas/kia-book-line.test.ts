import { describe, expect, it } from 'vitest';
import { KiaBookLine, kiaBookOf } from '../../src/puskesmas/screens/KiaBookLine.tsx';
import { ID_STRINGS } from '../../src/puskesmas/strings/id.ts';
import { renderMarkup } from '../ui/growth/render-markup.ts';

const TODAY = '2026-12-01';
const line = (data: Record<string, unknown>) => renderMarkup(KiaBookLine({ data, today: TODAY }));

describe('the Buku KIA / KMS answer on the staff person record', () => {
  it('says "punya" with the day the kader noted it', () => {
    const markup = line({ birthDate: '2025-03-04', kiaBook: { owned: true, notedOn: '2026-08-12' } });
    expect(markup).toContain('Buku KIA / KMS: punya (dicatat kader 12 Agu 2026).');
    expect(markup).toContain('class="kia-book"');
  });

  it('says "tidak punya", flagged, and what staff can do', () => {
    const markup = line({ birthDate: '2025-03-04', kiaBook: { owned: false, notedOn: '2026-11-03' } });
    expect(markup).toContain('Buku KIA / KMS: tidak punya (dicatat kader 3 Nov 2026). Bantu keluarga mendapatkannya.');
    expect(markup).toContain('class="kia-book flag urgent"');
  });

  it('an under-five nobody asked is "belum ditanyakan", never "tidak punya"; an older person without it, nothing', () => {
    expect(line({ birthDate: '2021-12-02' })).toContain(ID_STRINGS.kiaBookUnknown);
    // Five years old today (60 completed months): no longer asked, so nothing is said.
    expect(line({ birthDate: '2021-12-01' })).toBe('');
    expect(line({ birthDate: '1990-01-01' })).toBe('');
    // An adult who has an answer anyway (a record edited by hand): the answer is still shown.
    expect(line({ birthDate: '1990-01-01', kiaBook: { owned: true, notedOn: '2026-08-12' } })).toContain('punya');
  });

  it('reads anything malformed as not asked, not as an answer', () => {
    for (const kiaBook of [
      null,
      'yes',
      { owned: 'yes', notedOn: '2026-08-12' },
      { owned: true },
      { owned: true, notedOn: '12/08/2026' },
    ]) {
      expect(kiaBookOf({ kiaBook })).toBeUndefined();
      expect(line({ birthDate: '2025-03-04', kiaBook })).toContain(ID_STRINGS.kiaBookUnknown);
    }
  });
});
