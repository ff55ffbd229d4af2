import { beforeAll, describe, expect, it } from 'vitest';
import type { ChildMeasurement } from '../../../src/domain/growth/child-measurement.ts';
import { type ChildCurves, chartPoints, childCurves, sdLines } from '../../../src/domain/growth/kms-chart-data.ts';
import { ID_STRINGS } from '../../../src/i18n/id.ts';
import { KmsChart, type KmsChartProps } from '../../../src/ui/growth/KmsChart.tsx';
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
