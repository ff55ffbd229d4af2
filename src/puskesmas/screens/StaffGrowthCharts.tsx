import { KmsPlot } from '../../charts/KmsPlot.tsx';
import type { ChildMeasurement } from '../../domain/growth/child-measurement.ts';
import { HEAD_CIRCUMFERENCE_RULES } from '../../domain/growth/head-circumference.ts';
import { type ChartVariant, type ChildCurves, chartPoints, childCurves } from '../../domain/growth/kms-chart-data.ts';
import type { TablesResult } from '../../domain/growth/who-tables.ts';
import { formatNumber } from '../list-words.ts';
import { type StaffStringKey, formatDate, t } from '../strings/index.ts';

export interface StaffGrowthChartsProps {
  tables: TablesResult;
  sex: 'male' | 'female';
  birthDate: string;
  measurements: readonly ChildMeasurement[];
}

const TITLES: Record<ChartVariant, StaffStringKey> = {
  weight: 'chartWeightTitle',
  length: 'chartLengthTitle',
  head: 'chartHeadTitle',
};
const AXES: Record<ChartVariant, StaffStringKey> = {
  weight: 'chartWeightAxis',
  length: 'chartLengthAxis',
  head: 'chartHeadAxis',
};

/**
 * The words under the LK/U chart, from the head rule's own cut-offs (both bounds normal) as the kader app's chart
 * does (src/ui/growth/kms-status.ts), so the record, the phone and the judgement never disagree.
 */
function headWords(z: number): StaffStringKey {
  if (z < HEAD_CIRCUMFERENCE_RULES.microBelowZ) return 'chartHeadSmall';
  if (z > HEAD_CIRCUMFERENCE_RULES.macroAboveZ) return 'chartHeadLarge';
  return 'chartHeadNormal';
}

function Chart(props: {
  curves: ChildCurves;
  variant: ChartVariant;
  birthDate: string;
  measurements: readonly ChildMeasurement[];
}) {
  const { curves, variant } = props;
  const points = chartPoints(curves, props.birthDate, props.measurements, variant);
  if (points.length === 0) {
    if (variant === 'weight') return <p class="muted">{t('chartNone')}</p>;
    return variant === 'head' ? <p class="muted">{t('chartHeadNone')}</p> : null;
  }
  const title = t(TITLES[variant]);
  const unit = variant === 'weight' ? 'kg' : 'cm';
  const latest = points[points.length - 1];
  const words = variant === 'head' && latest?.z ? headWords(latest.z.z) : undefined;
  return (
    <figure class={`kms-chart ${curves.sex === 'male' ? 'boy' : 'girl'}`} data-variant={variant}>
      <figcaption>
        {title} · {curves.sex === 'male' ? t('chartBoy') : t('chartGirl')}
      </figcaption>
      <KmsPlot
        curves={curves}
        variant={variant}
        points={points}
        labels={{ title, ageAxis: t('chartAgeAxis'), valueAxis: t(AXES[variant]) }}
        pointTitle={(p) => `${formatDate(p.date)}: ${formatNumber(p.value)} ${unit}`}
      />
      {variant === 'head' && latest && (
        <div class="kms-status" role="status">
          {words && <p class={words === 'chartHeadNormal' ? '' : 'urgent'}>{t(words)}</p>}
          <p class="latest">
            {t('chartHeadLatest', { date: formatDate(latest.date), value: `${formatNumber(latest.value)} cm` })}
          </p>
        </div>
      )}
    </figure>
  );
}

/**
 * A child's KMS (weight and length for age) and LK/U (head circumference for age) on the staff record: the same
 * curves, bands and points the kader sees on her phone, with the staff catalogue's words. WHO's hcfa table is
 * optional (docs/growth.md): without it the record says so in plain words where the LK/U chart would be.
 */
export function StaffGrowthCharts({ tables, sex, birthDate, measurements }: StaffGrowthChartsProps) {
  if (!tables.ok) return <p class="error">{t('chartTablesMissing')}</p>;
  const curves = childCurves(tables.growthTables, sex);
  const weighings = measurements.filter((m) => m.weightKg !== undefined || m.lengthHeightCm !== undefined);
  const heads = measurements.filter((m) => m.headCircumferenceCm !== undefined);
  return (
    <div class="kms-charts">
      <Chart curves={curves} variant="weight" birthDate={birthDate} measurements={weighings} />
      <Chart curves={curves} variant="length" birthDate={birthDate} measurements={weighings} />
      {curves.hcfa ? (
        <Chart curves={curves} variant="head" birthDate={birthDate} measurements={heads} />
      ) : (
        <p class="muted" data-testid="staff-head-chart-missing">
          {t('chartHeadNoTable')}
        </p>
      )}
    </div>
  );
}
