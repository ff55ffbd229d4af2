import { t } from '../../i18n/index.ts';
import { getPerson, listEventsForPerson, markPersonDeceased, markPersonMovedOut } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { formatAge, formatDate, todayIsoDate } from '../format.ts';
import { FormBanner } from '../forms/FormParts.tsx';
import { useSave } from '../forms/use-save.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { LoadState } from '../components/LoadStates.tsx';
import { useLoadable } from '../hooks/use-loadable.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { FindingsCard } from './day/FindingsCard.tsx';
import { describeTask } from './day/task-text.ts';
import { useGrowthTables } from '../hooks/use-growth-tables.ts';
import { GrowthChartCard, ImmunizationStatusCard } from './person/ChildCards.tsx';
import { AfterBirthCard } from './person/AfterBirthCard.tsx';
import { BirthForm } from './person/BirthForm.tsx';
import { PregnancyRegisterForm } from './person/PregnancyRegisterForm.tsx';
import { TdRecordForm } from './person/TdRecordForm.tsx';
import { Timeline } from './Timeline.tsx';
import { personView } from './person/person-view.ts';

export function PersonScreen({ personId }: { personId: string }) {
  const loaded = useLoadable(() => getPerson(personId), [personId]);
  const events = useWatch(() => listEventsForPerson(personId), [personId]);
  const save = useSave();
  const tables = useGrowthTables();
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/" />;
  const person = loaded.value;
  const today = todayIsoDate();
  const view = personView(person, events ?? [], today, tables?.ok ? tables.growthTables : undefined);
  const { assessment, history, openTasks, underFive, pregnancy, canBePregnant, recentBirth, newborn } = view;

  const mark = (action: typeof markPersonMovedOut) => save.run(() => action(person.id, todayIsoDate()));

  return (
    <Screen title={person.name} backTo={`/keluarga/${person.householdId}`}>
      <section class="card">
        <p>
          {person.sex === 'female' ? t('female') : t('male')} · {formatAge(person.birthDate)} ·{' '}
          {formatDate(person.birthDate)}
        </p>
        {person.nik && <p class="muted">NIK {person.nik}</p>}
        <p class="muted">{t(`relation_${person.relationToHead}`)}</p>
        {person.status !== 'active' && (
          <p class="banner warn">
            {person.status === 'moved_out' ? t('personMovedOut') : t('personDeceased')}
            {person.statusDate ? ` · ${formatDate(person.statusDate)}` : ''}
          </p>
        )}
        <a class="button secondary" href={`#/warga/${person.id}/ubah`} data-testid="person-edit-link">
          {t('personEdit')}
        </a>
      </section>
      {pregnancy && (
        <p class="banner">
          {t('pregnancyOngoing')} · {t('dueDate', { date: formatDate(pregnancy.estimatedDueDate) })}
        </p>
      )}
      {openTasks.length > 0 && (
        <section class="card" data-testid="person-tasks">
          <h3>{t('tasksOpenTitle')}</h3>
          <ul>
            {openTasks.map((task) => (
              <li key={task.taskKey}>
                {task.priority === 'urgent' && <span class="badge bad">{t('urgent')}</span>} {describeTask(task)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.ckgReminder && assessment.birthdayCheck && (
        <p class="banner warn" data-testid="ckg-reminder">
          {t('menuCkg')}:{' '}
          {assessment.birthdayCheck.status === 'open'
            ? t('ckgOpen', { date: formatDate(assessment.birthdayCheck.windowTo) })
            : t('ckgUpcoming', { date: formatDate(assessment.birthdayCheck.birthday) })}
        </p>
      )}
      {assessment.judgements.length > 0 && <FindingsCard person={person} assessment={assessment} today={today} />}
      {recentBirth && (
        <AfterBirthCard person={person} birthDate={recentBirth} kind="postpartum" visits={history.visits} />
      )}
      {newborn && (
        <AfterBirthCard person={person} birthDate={person.birthDate} kind="neonatal" visits={history.visits} />
      )}
      {canBePregnant && !pregnancy && <PregnancyRegisterForm person={person} />}
      {canBePregnant && <BirthForm mother={person} pregnancy={pregnancy} />}
      {view.tdForm && <TdRecordForm person={person} />}
      {underFive && <GrowthChartCard person={person} measurements={history.measurements} />}
      {underFive && <ImmunizationStatusCard person={person} given={history.immunizations} />}
      <h2>{t('timelineTitle')}</h2>
      <Timeline events={events ?? []} />
      <FormBanner banner={save.banner} />
      {person.status === 'active' && (
        <div class="actions">
          <ConfirmButton
            label={t('markMovedOut')}
            question={t('confirmMovedOut', { name: person.name })}
            confirmLabel={t('confirmMovedOutYes')}
            onConfirm={() => void mark(markPersonMovedOut)}
            variant="secondary"
            testId="mark-moved-out"
          />
          <ConfirmButton
            label={t('markDeceased')}
            question={t('confirmDeceased', { name: person.name })}
            confirmLabel={t('confirmDeceasedYes')}
            onConfirm={() => void mark(markPersonDeceased)}
            variant="danger"
            testId="mark-deceased"
          />
        </div>
      )}
    </Screen>
  );
}
