import { beforeAll, describe, expect, it } from 'vitest';
import type { ChildMeasurement } from '../../../src/domain/growth/child-measurement.ts';
import { type ChildCurves, chartPoints, childCurves, sdLines } from '../../../src/domain/growth/kms-chart-data.ts';
import { ID_STRINGS } from '../../../src/i18n/id.ts';
import { KmsChart, type KmsChartProps } from '../../../src/ui/growth/KmsChart.tsx';
import { handMadeHcfaTables } from '../../domain/growth/hand-made-hcfa-fixture.ts';
import { whoTables } from '../../domain/growth/who-tables-fixture.ts';
import { renderMarkup } from './render-markup.ts';

let girl: ChildCurves;
beforeAll(async () => {
  girl = childCurves((await whoTables()).growth, 'female');
});

const birthDate = '2024-01-15';
// B, N, T, 2T, (June missed), O, N: the same history as the KMS judgement test, for a girl.
const history: ChildMeasurement[] = [
  { date: '2024-02-10', weightKg: 3.6, lengthHeightCm: 52.5, position: 'lying' },
  { date: '2024-03-12', weightKg: 4.5 },
  { date: '2024-04-10', weightKg: 5.2 },
  { date: '2024-05-14', weightKg: 5.7 },
  { date: '2024-07-10', weightKg: 6.7, lengthHeightCm: 64.0, position: 'lying' },
  { date: '2024-08-12', weightKg: 7.2 },
];

const render = (props: Partial<KmsChartProps>) =>
  renderMarkup(KmsChart({ curves: girl, birthDate, measurements: history, ...props }));

describe('KMS chart data', () => {
  it('draws the seven SD lines -3..+3, ordered, over 0-24 months', () => {
    const lines = sdLines(girl, 'weight', 24);
    expect(lines.map((l) => l.sd)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    for (const [i, point] of (lines[0]?.points ?? []).entries()) {
      for (let k = 1; k < lines.length; k++) expect(lines[k]?.points[i]?.[1]).toBeGreaterThan(point[1]);
    }
    expect(lines[3]?.points[0]).toEqual([0, 3.2322]); // girls' median birth weight
  });

  it('joins points month by month only, and carries each month’s KMS judgement', () => {
    const points = chartPoints(girl, birthDate, history, 'weight');
    expect(points.map((p) => p.joined)).toEqual([false, true, true, true, false, true]);
    expect(points.map((p) => (p.kms?.twoT ? '2T' : p.kms?.code))).toEqual(['B', 'N', 'T', '2T', 'O', 'N']);
    expect(points.every((p) => p.z !== undefined)).toBe(true);
  });

  it('puts the length chart’s points on the table scale (0.7 cm rule)', () => {
    const points = chartPoints(
      girl,
      '2022-01-05',
      [{ date: '2024-01-10', lengthHeightCm: 85.4, position: 'lying' }],
      'length',
    );
    expect(points[0]?.value).toBeCloseTo(84.7, 10);
  });
});

describe('KmsChart', () => {
  it('is an SVG with a viewBox (scales to 360 px and to paper), the red line, and one dot per month', () => {
    const markup = render({});
    expect(markup).toMatch(/<svg viewBox="0 0 360 300"/);
    expect(markup.match(/class="sd red-line"/g)).toHaveLength(1);
    expect(markup.match(/<circle /g)).toHaveLength(6);
    expect(markup.match(/<line x1=[^>]*><\/line>/g)?.length).toBeGreaterThan(0);
  });

  it('marks N and T (2T for the second T in a row) next to the dots', () => {
    const markup = render({});
    expect(markup.match(/class="point mark-N"/g)).toHaveLength(2);
    expect(markup.match(/class="point mark-T"/g)).toHaveLength(2);
    expect(markup).toContain('>2T</text>');
  });

  it('tells the mother the latest status in plain words', () => {
    const markup = render({});
    expect(markup).toContain(ID_STRINGS.chart_statusN);
    expect(markup).toContain('Penimbangan terakhir 12/08/2024: 7,2 kg');
    const afterTwoT = render({ measurements: history.slice(0, 4) });
    expect(afterTwoT).toContain(ID_STRINGS.chart_status2T);
    expect(afterTwoT).toContain('class="urgent"');
  });

  it('says so when the child is below the red line', () => {
    const markup = render({ measurements: [{ date: '2024-07-10', weightKg: 4.4 }] });
    expect(markup).toContain(ID_STRINGS.chart_statusBgm);
    expect(markup).toContain(ID_STRINGS.chart_weightVeryLow);
  });

  it('draws the length chart with the length words, and an empty chart with a clear message', () => {
    expect(render({ variant: 'length' })).toContain(ID_STRINGS.chart_lengthTitle);
    expect(render({ variant: 'length' }).match(/<circle /g)).toHaveLength(2);
    expect(render({ measurements: [] })).toContain(ID_STRINGS.chart_noMeasurements);
  });
});

describe('the head-circumference (LK/U) chart, on a hand-made LMS table (M 40 cm, S 0.05: -2 SD 36, +2 SD 44)', () => {
  const withHead = childCurves(handMadeHcfaTables(true), 'male');
  const withoutHead = childCurves(handMadeHcfaTables(false), 'male');
  const babyBorn = '2026-02-12';
  const heads: ChildMeasurement[] = [
    { date: '2026-03-10', headCircumferenceCm: 38.2 },
    { date: '2026-04-10', headCircumferenceCm: 40.1 },
    { date: '2026-05-12', headCircumferenceCm: 35.9 },
  ];
  const renderHead = (measurements: ChildMeasurement[], curves = withHead) =>
    renderMarkup(KmsChart({ curves, birthDate: babyBorn, measurements, variant: 'head' }));

  it('takes the hcfa curves only when the table is installed', () => {
    expect(withHead.hcfa?.M[0]).toBe(40);
    expect(withoutHead.hcfa).toBeUndefined();
    expect(sdLines(withoutHead, 'head', 24)).toEqual([]);
  });

  it('draws the SD lines from the table: -2 SD at 36.0 cm and +2 SD at 44.0 cm at every age', () => {
    const lines = sdLines(withHead, 'head', 24);
    expect(lines.map((l) => l.sd)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    for (const [sd, cm] of [
      [-2, 36],
      [0, 40],
      [2, 44],
    ] as const) {
      for (const [, value] of lines.find((l) => l.sd === sd)?.points ?? []) expect(value).toBeCloseTo(cm, 10);
    }
  });

  it("puts one point a month with the head rule's z", () => {
    const points = chartPoints(withHead, babyBorn, heads, 'head');
    expect(points.map((p) => [p.value, p.z?.z])).toEqual([
      [38.2, -0.9],
      [40.1, 0.05],
      [35.9, -2.05],
    ]);
    expect(points.map((p) => p.joined)).toEqual([false, true, true]);
  });

  it('draws bands (orange beyond ±2 SD) and says in words what the latest head means', () => {
    const markup = renderHead(heads);
    expect(markup).toContain(ID_STRINGS.chart_headTitle);
    expect(markup.match(/<circle /g)).toHaveLength(3);
    expect(markup.match(/class="band-orange"/g)).toHaveLength(2);
    expect(markup).toContain(ID_STRINGS.chart_headSmall);
    expect(markup).toContain('class="urgent"');
    // The bounds themselves are normal, as the rule judges them.
    expect(renderHead([{ date: '2026-05-12', headCircumferenceCm: 36.0 }])).toContain(ID_STRINGS.chart_headNormal);
    expect(renderHead([{ date: '2026-05-12', headCircumferenceCm: 44.0 }])).toContain(ID_STRINGS.chart_headNormal);
    expect(renderHead([{ date: '2026-05-12', headCircumferenceCm: 44.1 }])).toContain(ID_STRINGS.chart_headLarge);
    expect(markup).toContain('Pengukuran lingkar kepala terakhir 12/05/2026: 35,9 cm');
  });
});
