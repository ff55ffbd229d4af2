import type { Immunization, Measurement, Person } from '../../../../protocol/index.ts';
import { childCurves } from '../../../domain/growth/kms-chart-data.ts';
import { childImmunizationStatus, type DoseStatus } from '../../../domain/schedules/child-immunization-status.ts';
import { t } from '../../../i18n/index.ts';
import { formatDate, todayIsoDate } from '../../format.ts';
import { KmsChart } from '../../growth/KmsChart.tsx';
import { useGrowthTables } from '../../hooks/use-growth-tables.ts';
import { vaccineLabel } from '../../labels.ts';
import { doseLine } from './dose-line.ts';
import { givenElsewhereCodes } from './kia-doses.ts';

const STATUS_BADGE: Record<DoseStatus, string> = {
  done: 'badge',
  due: 'badge warn',
  overdue: 'badge bad',
  upcoming: 'badge muted',
  too_late: 'badge muted',
  not_needed: 'badge muted',
};

export function ImmunizationStatusCard({ person, given }: { person: Person; given: readonly Immunization[] }) {
  const today = todayIsoDate();
  const status = childImmunizationStatus({ birthDate: person.birthDate, sex: person.sex }, given, today);
  const elsewhere = givenElsewhereCodes(given);
  const doses = status.doses.filter((dose) => dose.setting === 'posyandu');
  const open = doses.some((dose) => dose.status === 'due' || dose.status === 'overdue' || dose.status === 'too_late');
  return (
    <section class="card" data-testid="immunization-status">
      <h3>{t('immunizationStatus')}</h3>
      {open && (
        <p>
          <a class="button secondary" href={`#/warga/${person.id}/buku-kia`} data-testid="kia-link">
            {t('kiaLink')}
          </a>
        </p>
      )}
      <ul class="list">
        {doses.map((dose) => {
          const line = doseLine(dose, elsewhere.has(dose.code));
          return (
            <li key={dose.code} data-dose={dose.code} data-status={dose.status}>
              <div class="row">
                <span>
                  {dose.status === 'done' ? <strong>{vaccineLabel(dose.code)}</strong> : vaccineLabel(dose.code)}
                  {line && (
                    <>
                      <br />
                      <span class={dose.status === 'done' ? undefined : 'muted'}>
                        {t(line.key, { date: formatDate(line.date) })}
                      </span>
                    </>
                  )}
                </span>
                <span class={STATUS_BADGE[dose.status]}>
                  {dose.status === 'done' ? '✓ ' : ''}
                  {t(`dose_${dose.status}`)}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function GrowthChartCard({ person, measurements }: { person: Person; measurements: readonly Measurement[] }) {
  const tables = useGrowthTables();
  if (!tables) return null;
  if (!tables.ok) return <p class="banner warn">{t('growthNoTables')}</p>;
  const curves = childCurves(tables.growthTables, person.sex);
  const weighings = measurements.filter((m) => m.weightKg !== undefined || m.lengthHeightCm !== undefined);
  const heads = measurements.filter((m) => m.headCircumferenceCm !== undefined);
  return (
    <section class="card" data-testid="kms-chart">
      <h3>{t('growthChart')}</h3>
      <KmsChart curves={curves} birthDate={person.birthDate} measurements={weighings} />
      <KmsChart curves={curves} birthDate={person.birthDate} measurements={weighings} variant="length" />
      {/* WHO's hcfa table is optional (docs/growth.md): without it the page says so instead of a blank chart. */}
      {curves.hcfa ? (
        <KmsChart curves={curves} birthDate={person.birthDate} measurements={heads} variant="head" />
      ) : (
        <p class="muted" data-testid="head-chart-missing">
          {t('chart_headNoTable')}
        </p>
      )}
    </section>
  );
}
