import type { PackageItem } from '../../domain/posyandu-day/daily-package.ts';
import type { FollowUpTask } from '../../domain/posyandu-day/follow-up-tasks.ts';
import { t } from '../../i18n/index.ts';
import { useState } from 'preact/hooks';
import { listHouseholds, recordEvent } from '../../storage/index.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { CheckboxField, ChoiceField } from '../components/Field.tsx';
import { dusunOnList, filterHouses, housesToVisit, personTasks, type HouseFilter } from './follow-up-houses.ts';
import { Screen } from '../components/Screen.tsx';
import { formatDate, todayIsoDate } from '../format.ts';
import { useGrowthTables } from '../hooks/use-growth-tables.ts';
import { FormBanner } from '../forms/FormParts.tsx';
import { useSave } from '../forms/use-save.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { deliveries, packageMissing } from './day/follow-up-input.ts';
import { historyFor, loadPosyanduSnapshot } from './day/posyandu-snapshot.ts';
import { describeTask } from './day/task-text.ts';
import { assess } from './day/visitor-data.ts';

const ALL = '__all';

/**
 * Who to visit at home, house by house in walking order: overdue doses, missed weighings, 2T/BGM, missed antenatal checks, open referrals, findings
 * that ask for a visit (gizi buruk, hypertension in pregnancy…), pregnancies past their due date, vitamin A sweeping.
 */
export function FollowUpScreen() {
  const today = todayIsoDate();
  const snapshot = useWatch(() => loadPosyanduSnapshot(), []);
  const tables = useGrowthTables();
  const save = useSave();
  const households = useWatch(() => listHouseholds(), []);
  const [filter, setFilter] = useState<HouseFilter>({ dusun: '', urgentOnly: false });
  if (!snapshot || !tables || !households)
    return <Screen title={t('followUpTitle')} backTo="/" children={<p>{t('loading')}</p>} />;

  const growth = tables.ok ? tables.growthTables : undefined;
  const births = deliveries(snapshot);
  const missing = new Map<string, { date: string; items: PackageItem[] }[]>();
  for (const m of packageMissing(snapshot, today)) {
    missing.set(m.personId, [...(missing.get(m.personId) ?? []), { date: m.date, items: [...m.items] }]);
  }
  // Each person's tasks come from the one assessment that also drives the posyandu day and the person page.
  const tasks = snapshot.people.flatMap((person) => {
    const own = births.filter((d) => d.motherId === person.id || d.childId === person.id);
    return assess(person, historyFor(snapshot, person.id), today, {
      ...(growth ? { growth } : {}),
      deliveries: own,
      packageMissing: missing.get(person.id) ?? [],
    }).homeVisitTasks;
  });

  // One house per entry, in walking order: a kader walks to a house once, whatever the number of reasons.
  const houses = housesToVisit(personTasks(tasks), (id) => snapshot.byId.get(id)?.householdId, households);
  const shown = filterHouses(houses, filter);
  const dusun = dusunOnList(houses);

  // Once recorded the tasks close, and the row says "Sudah dikunjungi" instead of the button.
  const recordVisit = (personId: string, open: readonly FollowUpTask[]) =>
    save.run(() =>
      recordEvent('visits', { personId, date: today, kind: 'home', taskKeys: open.map((task) => task.taskKey) }),
    );

  return (
    <Screen title={t('followUpTitle')} backTo="/">
      {houses.length === 0 && <p class="muted">{t('followUpEmpty')}</p>}
      <FormBanner banner={save.banner} />
      {houses.length > 0 && (
        <section class="card" data-testid="follow-up-filter">
          {dusun.length > 1 && (
            <ChoiceField
              label={t('followUpDusun')}
              name="follow-up-dusun"
              value={filter.dusun === '' ? ALL : filter.dusun}
              options={[{ value: ALL, label: t('followUpAllDusun') }, ...dusun.map((d) => ({ value: d, label: d }))]}
              onChange={(v) => setFilter({ ...filter, dusun: v === ALL ? '' : v })}
            />
          )}
          <CheckboxField
            label={t('followUpUrgentOnly')}
            name="follow-up-urgent"
            checked={filter.urgentOnly}
            onChange={(urgentOnly) => setFilter({ ...filter, urgentOnly })}
          />
          <p class="muted">{t('followUpHouseCount', { shown: shown.length, total: houses.length })}</p>
        </section>
      )}
      <ul class="list" data-testid="follow-up-list">
        {shown.map((house) => (
          <li key={house.householdId} data-testid="follow-up-house">
            <h3 class="house-title">
              {house.headName ? t('followUpHouse', { name: house.headName }) : t('followUpNoHouse')}{' '}
              {house.urgent && <span class="badge bad">{t('urgent')}</span>}
            </h3>
            {house.dusun !== '' && (
              <p class="muted">
                {[house.street, house.dusun, t('rtRwValue', { rt: house.rt, rw: house.rw })].filter(Boolean).join(', ')}
              </p>
            )}
            <ul class="list">
              {house.people.map(({ personId, open, closed, urgent }) => (
                <li key={personId} data-testid="follow-up-person">
                  <div class="row">
                    <span>
                      <a class="inline-link" href={`#/warga/${personId}`}>
                        <strong>{snapshot.byId.get(personId)?.name ?? '?'}</strong>
                      </a>{' '}
                      {urgent && <span class="badge bad">{t('urgent')}</span>}
                      <br />
                      {open.map((task) => (
                        <span class="muted" key={task.taskKey} style={{ display: 'block' }}>
                          • {describeTask(task)}
                        </span>
                      ))}
                      {closed.map((task) => (
                        <span
                          class="muted"
                          key={task.taskKey}
                          style={{ display: 'block', textDecoration: 'line-through' }}
                        >
                          • {describeTask(task)}
                        </span>
                      ))}
                    </span>
                    {open.length > 0 ? (
                      // Recording closes the person's tasks: a thumb on the next row's button asks first.
                      <ConfirmButton
                        label={t('followUpRecord')}
                        question={t('confirmHomeVisit', { name: snapshot.byId.get(personId)?.name ?? '?' })}
                        confirmLabel={t('confirmHomeVisitYes')}
                        onConfirm={() => void recordVisit(personId, open)}
                        variant="secondary"
                        testId={`record-visit-${personId}`}
                      />
                    ) : (
                      <span class="badge">{t('followUpDone', { date: formatDate(closed[0]?.closedOn ?? today) })}</span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
