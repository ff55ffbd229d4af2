import { describe, expect, it } from 'vitest';
import type { ChildMeasurement } from '../../src/domain/growth/child-measurement.ts';
import { parseGrowthTables } from '../../src/domain/growth/who-tables.ts';
import { StaffGrowthCharts } from '../../src/puskesmas/screens/StaffGrowthCharts.tsx';
import { ID_STRINGS } from '../../src/puskesmas/strings/id.ts';
import { handMadeHcfaTables } from '../domain/growth/hand-made-hcfa-fixture.ts';
import { renderMarkup } from '../ui/growth/render-markup.ts';

// The hand-made LMS table (not WHO data): every row M 40 cm, S 0.05, so -2 SD is 36.0 cm and +2 SD 44.0 cm.
const babyBorn = '2026-02-12';
const history: ChildMeasurement[] = [
  { date: '2026-03-10', weightKg: 4.1, headCircumferenceCm: 38.2 },
  { date: '2026-04-10', weightKg: 5.0, headCircumferenceCm: 40.1 },
  { date: '2026-05-12', weightKg: 5.6, headCircumferenceCm: 35.9 },
];

const render = (withHead: boolean, measurements: ChildMeasurement[] = history) =>
  renderMarkup(
    StaffGrowthCharts({
      tables: { ok: true, growthTables: handMadeHcfaTables(withHead) },
      sex: 'male',
      birthDate: babyBorn,
      measurements,
    }),
  );

const headFigure = (markup: string) => /<figure[^>]*data-variant="head"[^>]*>.*?<\/figure>/s.exec(markup)?.[0] ?? '';

describe('the staff record’s LK/U chart', () => {
  it('draws the head chart beside the KMS, one dot a month, bands beyond ±2 SD, the latest head in words', () => {
    const markup = render(true);
    expect(markup).toContain('data-variant="weight"');
    const head = headFigure(markup);
    expect(head).toContain(ID_STRINGS.chartHeadTitle);
    expect(head.match(/<circle /g)).toHaveLength(3);
    expect(head.match(/class="band-orange"/g)).toHaveLength(2);
    expect(head).toContain(`<p class="urgent">${ID_STRINGS.chartHeadSmall}</p>`);
    expect(head).toContain('Pengukuran lingkar kepala terakhir 12 Mei 2026: 35,9 cm');
    expect(markup).not.toContain('staff-head-chart-missing');
  });

  it('judges the bounds as the rule does: 36.0 and 44.0 cm normal, 44.1 cm too large', () => {
    const at = (cm: number) => headFigure(render(true, [{ date: '2026-05-12', headCircumferenceCm: cm }]));
    expect(at(36.0)).toContain(`<p class="">${ID_STRINGS.chartHeadNormal}</p>`);
    expect(at(44.0)).toContain(ID_STRINGS.chartHeadNormal);
    expect(at(44.1)).toContain(`<p class="urgent">${ID_STRINGS.chartHeadLarge}</p>`);
    expect(at(35.9)).toContain(ID_STRINGS.chartHeadSmall);
  });

  it('says in plain words that WHO’s head table is not installed, and still draws the KMS', () => {
    const markup = render(false);
    expect(headFigure(markup)).toBe('');
    expect(markup).toContain(ID_STRINGS.chartHeadNoTable);
    expect(markup).toContain('data-variant="weight"');
  });

  it('says when no head was measured yet, and when no WHO table is installed at all', () => {
    expect(render(true, [{ date: '2026-03-10', weightKg: 4.1 }])).toContain(ID_STRINGS.chartHeadNone);
    const none = renderMarkup(
      StaffGrowthCharts({ tables: parseGrowthTables(null), sex: 'female', birthDate: babyBorn, measurements: history }),
    );
    expect(none).toContain(ID_STRINGS.chartTablesMissing);
  });
});
