import type { Immunization, Measurement, Person } from '../../../../protocol/index.ts';
import { childCurves } from '../../../domain/growth/kms-chart-data.ts';
import { childImmunizationStatus, type DoseStatus } from '../../../domain/schedules/child-immunization-status.ts';
import { t } from '../../../i18n/index.ts';
import { formatDate, todayIsoDate } from '../../format.ts';
import { KmsChart } from '../../growth/KmsChart.tsx';
import { useGrowthTables } from '../../hooks/use-growth-tables.ts';
import { vaccineLabel } from '../../labels.ts';

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
  return (
    <section class="card" data-testid="immunization-status">
      <h3>{t('immunizationStatus')}</h3>
      <ul class="list">
        {status.doses
          .filter((dose) => dose.setting === 'posyandu')
          .map((dose) => (
            <li key={dose.code}>
              <div class="row">
                <span>
                  {vaccineLabel(dose.code)}
                  <br />
                  <span class="muted">{formatDate(dose.givenDate ?? dose.dueDate)}</span>
                </span>
                <span class={STATUS_BADGE[dose.status]}>{t(`dose_${dose.status}`)}</span>
              </div>
            </li>
          ))}
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
  return (
    <section class="card" data-testid="kms-chart">
      <h3>{t('growthChart')}</h3>
      <KmsChart curves={curves} birthDate={person.birthDate} measurements={weighings} />
      <KmsChart curves={curves} birthDate={person.birthDate} measurements={weighings} variant="length" />
    </section>
  );
}
