import { useEffect, useState } from 'preact/hooks';
import { KmsPlot } from '../../charts/KmsPlot.tsx';
import { adoptKmsChartStyles } from '../../charts/kms-chart-style.ts';
import type { ChildMeasurement } from '../../domain/growth/child-measurement.ts';
import { type ChartVariant, chartPoints, childCurves } from '../../domain/growth/kms-chart-data.ts';
import { type TablesResult, parseGrowthTables } from '../../domain/growth/who-tables.ts';
import { formatNumber } from '../list-words.ts';
import { formatDate, t } from '../strings/index.ts';

let loading: Promise<TablesResult> | null = null;
/** The same file the phones precache (/growth/who-tables.json), fetched once when a child's record first opens. */
function loadTables(): Promise<TablesResult> {
  loading ??= fetch('/growth/who-tables.json')
    .then((response) => (response.ok ? response.json() : null))
    .then((json: unknown) => parseGrowthTables(json))
    .catch(() => parseGrowthTables(null));
  return loading;
}

export interface StaffKmsChartProps {
  sex: 'male' | 'female';
  birthDate: string;
  measurements: readonly ChildMeasurement[];
}

/**
 * A child's KMS (weight and length for age) drawn by the wordless src/charts/KmsPlot with the staff catalogue's
 * words: the same bands and points the kader sees on her phone. In its own chunk with the WHO parser and zod,
 * loaded only when a child's record opens, so none of it weighs on the staff app's first screen.
 */
export default function StaffKmsChart({ sex, birthDate, measurements }: StaffKmsChartProps) {
  const [tables, setTables] = useState<TablesResult | undefined>(undefined);
  useEffect(() => {
    adoptKmsChartStyles();
    let live = true;
    void loadTables().then((result) => live && setTables(result));
    return () => {
      live = false;
    };
  }, []);
  if (!tables) return <p class="muted">{t('chartLoading')}</p>;
  if (!tables.ok) return <p class="error">{t('chartTablesMissing')}</p>;
  const curves = childCurves(tables.growthTables, sex);
  const variants: ChartVariant[] = ['weight', 'length'];
  return (
    <div class="kms-charts">
      {variants.map((variant) => {
        const points = chartPoints(curves, birthDate, measurements, variant);
        if (points.length === 0) return variant === 'weight' ? <p class="muted">{t('chartNone')}</p> : null;
        const title = variant === 'weight' ? t('chartWeightTitle') : t('chartLengthTitle');
        return (
          <figure key={variant} class={`kms-chart ${sex === 'male' ? 'boy' : 'girl'}`} data-variant={variant}>
            <figcaption>
              {title} · {sex === 'male' ? t('chartBoy') : t('chartGirl')}
            </figcaption>
            <KmsPlot
              curves={curves}
              variant={variant}
              points={points}
              labels={{
                title,
                ageAxis: t('chartAgeAxis'),
                valueAxis: variant === 'weight' ? t('chartWeightAxis') : t('chartLengthAxis'),
              }}
              pointTitle={(p) =>
                `${formatDate(p.date)}: ${formatNumber(p.value)} ${variant === 'weight' ? 'kg' : 'cm'}`
              }
            />
          </figure>
        );
      })}
    </div>
  );
}
