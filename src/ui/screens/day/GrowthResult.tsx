import type { Measurement, Person } from '../../../../protocol/index.ts';
import type { TablesResult } from '../../../domain/growth/index.ts';
import { t } from '../../../i18n/index.ts';
import { formatNumber } from '../../format.ts';
import { nutritionLabel } from '../../labels.ts';
import { formatLocalDay } from '../../relative-date.ts';
import { measurementLine } from '../measurement-line.ts';
import { growthSummary, kmsStatusOf } from './growth-summary.ts';

/** The result a kader reads out to the mother the moment the weighing is saved. */
export function GrowthResult({
  person,
  measurements,
  tables,
}: {
  person: Person;
  measurements: readonly Measurement[];
  tables: TablesResult | undefined;
}) {
  if (!tables) return null;
  if (!tables.ok) return <p class="banner warn">{t('growthNoTables')}</p>;
  if (measurements.length === 0) return null;
  const summary = growthSummary(person, measurements, tables.growthTables);
  const status = kmsStatusOf(summary.kms.at(-1));
  const latest = [...measurements].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  return (
    <section class="card" data-testid="growth-result">
      <h3>{t('growthResult')}</h3>
      {latest && (
        <p data-testid="growth-saved">
          {t('growthSaved', { date: formatLocalDay(latest.date), values: measurementLine(latest) })}
        </p>
      )}
      {status && (
        <p class={status === 'N' ? 'banner good' : status === 'B' || status === 'O' ? 'banner' : 'banner bad'}>
          {t(`kms_${status}`)}
        </p>
      )}
      <ul class="list">
        {summary.statuses.map((s) => (
          <li key={s.index}>
            <div class="row">
              <span>{t(`index_${s.index}`)}</span>
              <strong>
                {nutritionLabel(s.category.key)} <span class="muted">({formatNumber(s.z, 2)})</span>
              </strong>
            </div>
          </li>
        ))}
      </ul>
      <a class="button secondary" href={`#/warga/${encodeURIComponent(person.id)}`} data-testid="growth-kms-link">
        {t('growthOpenKms')}
      </a>
    </section>
  );
}
