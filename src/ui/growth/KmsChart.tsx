import { DAYS_PER_MONTH, ageInDays } from '../../domain/growth/age.ts';
import type { ChildMeasurement } from '../../domain/growth/child-measurement.ts';
import type { KbmTable } from '../../domain/growth/kbm-table.ts';
import {
  type ChartVariant,
  type ChildCurves,
  KMS_LAST_MONTH,
  chartPoints,
} from '../../domain/growth/kms-chart-data.ts';
import { KmsPlot } from '../../charts/KmsPlot.tsx';
import { t } from '../../i18n/index.ts';
import { formatDate, formatNumber } from '../format.ts';
import { latestStatusKeys } from './kms-status.ts';
import { adoptKmsChartStyles } from '../../charts/kms-chart-style.ts';

export interface KmsChartProps {
  /** WHO weight- and length/height-for-age for the child's sex (childCurves() picks them from the tables). */
  curves: ChildCurves;
  birthDate: string;
  measurements: readonly ChildMeasurement[];
  variant?: ChartVariant;
  /** The KBM table in use, when the app configured another than the default. */
  kbm?: KbmTable;
}

export function KmsChart({ curves, birthDate, measurements, variant = 'weight', kbm }: KmsChartProps) {
  adoptKmsChartStyles();
  const points = chartPoints(curves, birthDate, measurements, variant, kbm);
  const latest = points[points.length - 1];
  const latestMeasurement = [...measurements].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const olderThanKms =
    latestMeasurement !== undefined && ageInDays(birthDate, latestMeasurement.date) / DAYS_PER_MONTH >= KMS_LAST_MONTH;
  const statusKeys = olderThanKms
    ? (['chart_statusOlder'] as const)
    : latestStatusKeys(latest, variant, latest?.date === latestMeasurement?.date && latestMeasurement?.oedema === true);
  const title =
    variant === 'weight'
      ? t('chart_weightTitle')
      : variant === 'length'
        ? t('chart_lengthTitle')
        : t('chart_headTitle');
  const sexClass = curves.sex === 'male' ? 'boy' : 'girl';

  return (
    <figure class={`kms-chart ${sexClass}`}>
      <figcaption>
        {title} · {curves.sex === 'male' ? t('chart_boy') : t('chart_girl')}
      </figcaption>
      <KmsPlot
        curves={curves}
        variant={variant}
        points={points}
        labels={{
          title,
          ageAxis: t('chart_ageAxis'),
          valueAxis:
            variant === 'weight'
              ? `${t('chart_weightAxis')} · ${t('chart_legendN')} · ${t('chart_legendT')}`
              : variant === 'length'
                ? t('chart_lengthAxis')
                : t('chart_headAxis'),
        }}
        pointTitle={(p) => `${formatDate(p.date)}: ${formatNumber(p.value)}`}
      />
      <div class="kms-status" role="status">
        {statusKeys.map((key) => (
          <p
            key={key}
            class={
              key === 'chart_statusBgm' ||
              key === 'chart_status2T' ||
              key === 'chart_statusOedema' ||
              key === 'chart_headSmall' ||
              key === 'chart_headLarge'
                ? 'urgent'
                : ''
            }
          >
            {t(key)}
          </p>
        ))}
        {latest && (
          <p class="latest">
            {t(variant === 'head' ? 'chart_headLatest' : 'chart_latestMeasurement', {
              date: formatDate(latest.date),
              value: variant === 'weight' ? `${formatNumber(latest.value)} kg` : `${formatNumber(latest.value, 1)} cm`,
            })}
          </p>
        )}
      </div>
      <small class="attribution">{t('chart_attribution')}</small>
    </figure>
  );
}
