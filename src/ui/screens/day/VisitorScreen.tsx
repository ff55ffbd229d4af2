import { useState } from 'preact/hooks';
import type { PackageItem } from '../../../domain/posyandu-day/daily-package.ts';
import type { MeasurementItem } from '../../../domain/posyandu-day/package-rules.ts';
import { t } from '../../../i18n/index.ts';
import { getPerson, listEventsForPerson, recordEvent } from '../../../storage/index.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { CheckboxField } from '../../components/Field.tsx';
import { Screen } from '../../components/Screen.tsx';
import { formatAge, todayIsoDate } from '../../format.ts';
import { useGrowthTables } from '../../hooks/use-growth-tables.ts';
import { FormBanner } from '../../forms/FormParts.tsx';
import { useSave } from '../../forms/use-save.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import { GrowthResult } from './GrowthResult.tsx';
import { itemLabel } from './item-label.ts';
import { KiaBookAsk } from './KiaBookAsk.tsx';
import { MeasurementForm } from './MeasurementForm.tsx';
import { PregnancyCard } from './PregnancyCard.tsx';
import { ScreeningForms } from './ScreeningForms.tsx';
import { addDays } from '../../../domain/dates/calendar.ts';
import { DangerSignChecklist } from './DangerSignChecklist.tsx';
import { DevelopmentChecklist } from './DevelopmentChecklist.tsx';
import { FindingsCard } from './FindingsCard.tsx';
import { assess, currentPregnancy, splitHistory } from './visitor-data.ts';

const CHILD_STAGES = new Set(['baby_toddler', 'preschool', 'school_adolescent']);
/** The neonatal period: the newborn danger signs are asked up to day 28. */
const NEWBORN_DAYS = 28;

/** One visitor on a posyandu day: measure, see the result, give what is due, and see what is still missing. */
export function VisitorScreen({ personId }: { personId: string }) {
  const today = todayIsoDate();
  const loaded = useLoadable(() => getPerson(personId), [personId]);
  const events = useWatch(() => listEventsForPerson(personId), [personId]);
  const tables = useGrowthTables();
  const save = useSave();
  // Told by the mother at the table; it only decides whether ORS and zinc are due today.
  const [hasDiarrhoea, setHasDiarrhoea] = useState(false);
  const [dangerSigns, setDangerSigns] = useState<string[]>([]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/posyandu" />;
  const person = loaded.value;
  if (!events) return <LoadState loadable={{ state: 'loading' }} backTo="/posyandu" />;

  const history = splitHistory(events);
  const growth = tables?.ok ? tables.growthTables : undefined;
  const assessment = assess(person, history, today, { hasDiarrhoea, ...(growth ? { growth } : {}) });
  const pkg = assessment.package;
  const isChild = CHILD_STAGES.has(pkg.stage);
  const pregnancy = currentPregnancy(history.pregnancies, today);
  const measurementItems = pkg.expected.filter((i) => i.kind === 'measurement').map((i) => i.code as MeasurementItem);
  // Random blood glucose is a screening recorded as a measurement field.
  if (pkg.expected.some((i) => i.kind === 'screening' && i.code === 'blood_glucose')) {
    measurementItems.push('bloodGlucoseMgDl');
  }
  const isDone = (item: PackageItem) => pkg.done.some((d) => d.kind === item.kind && d.code === item.code);

  // Once given, the package counts the item done and its row says "Sudah diberi" instead of the button.
  const give = (item: PackageItem) =>
    save.run<unknown>(() =>
      item.kind === 'immunization'
        ? recordEvent('immunizations', { personId, date: today, vaccine: item.code })
        : recordEvent('services', { personId, date: today, service: item.code }),
    );
  const givable = pkg.expected.filter((i) => i.kind === 'service' || i.kind === 'immunization');

  return (
    <Screen title={person.name} backTo="/posyandu">
      <p class="muted">
        {t(`stage_${pkg.stage}`)} · {formatAge(person.birthDate)}
      </p>
      {pregnancy && <PregnancyCard person={person} pregnancy={pregnancy} history={history} today={today} />}
      {(pkg.stage === 'postpartum' || addDays(person.birthDate, NEWBORN_DAYS) >= today) && (
        <DangerSignChecklist
          personId={person.id}
          context={pkg.stage === 'postpartum' ? 'postpartum' : 'newborn'}
          today={today}
          signs={dangerSigns}
          onChange={setDangerSigns}
        />
      )}

      <h2>{t('stepMeasure')}</h2>
      <KiaBookAsk person={person} today={today} />
      <MeasurementForm
        person={person}
        today={today}
        items={measurementItems.length > 0 ? measurementItems : ['weightKg']}
        previous={history.measurements}
        growth={tables?.ok ? tables.growthTables : undefined}
        isChild={isChild}
      />
      {isChild && <GrowthResult person={person} measurements={history.measurements} tables={tables} />}
      <FindingsCard person={person} assessment={assessment} today={today} since={today} />

      <ScreeningForms person={person} today={today} items={pkg.expected} isDone={isDone} />
      {pkg.expected.some((i) => i.kind === 'screening' && i.code === 'development_kia') && (
        <DevelopmentChecklist
          personId={person.id}
          birthDate={person.birthDate}
          today={today}
          done={isDone({ kind: 'screening', code: 'development_kia' })}
        />
      )}

      <h2>{t('stepServices')}</h2>
      {isChild && (
        <CheckboxField label={t('hasDiarrhoea')} name="diarrhoea" checked={hasDiarrhoea} onChange={setHasDiarrhoea} />
      )}
      {givable.length === 0 && <p class="muted">{t('servicesNone')}</p>}
      <FormBanner banner={save.banner} />
      <ul class="list" data-testid="services-due">
        {givable.map((item) => (
          <li key={`${item.kind}-${item.code}`}>
            <div class="row">
              <span>{itemLabel(item)}</span>
              {isDone(item) ? (
                <span class="badge">{t('given')}</span>
              ) : (
                <ConfirmButton
                  label={t('give')}
                  question={t('confirmGive', { item: itemLabel(item) })}
                  confirmLabel={t('confirmGiveYes')}
                  onConfirm={() => void give(item)}
                  testId={`give-${item.code}`}
                />
              )}
            </div>
          </li>
        ))}
      </ul>

      <h2>{t('stepValidate')}</h2>
      {pkg.missing.length === 0 ? (
        <p class="banner good">{t('missingNone')}</p>
      ) : (
        <section class="card" data-testid="missing">
          <p>
            <strong>{t('missingTitle')}</strong>
          </p>
          <ul>
            {pkg.missing.map((item) => (
              <li key={`${item.kind}-${item.code}`}>{itemLabel(item)}</li>
            ))}
          </ul>
          <p class="muted">{t('missingBecomesTask')}</p>
        </section>
      )}
    </Screen>
  );
}
