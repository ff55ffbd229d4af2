import { followUpTasks, type FollowUpTask } from '../../domain/posyandu-day/follow-up-tasks.ts';
import { t } from '../../i18n/index.ts';
import { recordEvent } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { formatDate, todayIsoDate } from '../format.ts';
import { useGrowthTables } from '../hooks/use-growth-tables.ts';
import { useSyncEngine } from '../hooks/use-sync.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { deliveries, packageMissing } from './day/follow-up-input.ts';
import { itemLabel } from './day/item-label.ts';
import type { PackageItemKind } from '../../domain/posyandu-day/daily-package.ts';
import { kmsJudgements, loadPosyanduSnapshot } from './day/posyandu-snapshot.ts';

/** Who to visit at home: overdue doses, missed weighings, 2T/BGM, missed antenatal checks, open referrals. */
export function FollowUpScreen() {
  const today = todayIsoDate();
  const snapshot = useWatch(() => loadPosyanduSnapshot(), []);
  const tables = useGrowthTables();
  const engine = useSyncEngine();
  if (!snapshot || !tables) return <Screen title={t('followUpTitle')} backTo="/" children={<p>{t('loading')}</p>} />;

  const { flat } = snapshot;
  const tasks = followUpTasks({
    today,
    persons: snapshot.people,
    immunizations: flat.immunizations,
    measurements: flat.measurements,
    kmsJudgements: kmsJudgements(snapshot, tables.ok ? tables.growthTables : undefined),
    pregnancies: flat.pregnancies,
    visits: flat.visits,
    referrals: snapshot.referrals,
    deliveries: deliveries(snapshot),
    packageMissing: packageMissing(snapshot, today),
  });

  // One row per person: a kader walks to a house once, whatever the number of reasons.
  const people = new Map<string, FollowUpTask[]>();
  for (const task of tasks) people.set(task.personId, [...(people.get(task.personId) ?? []), task]);
  const rows = [...people.entries()].map(([personId, list]) => ({
    personId,
    open: list.filter((task) => !task.closed),
    closed: list.filter((task) => task.closed),
    urgent: list.some((task) => !task.closed && task.priority === 'urgent'),
  }));
  rows.sort((a, b) => Number(a.open.length === 0) - Number(b.open.length === 0) || Number(b.urgent) - Number(a.urgent));

  const recordVisit = async (personId: string, open: readonly FollowUpTask[]) => {
    await recordEvent('visits', { personId, date: today, kind: 'home', taskKeys: open.map((task) => task.taskKey) });
    engine?.notifyLocalWrite();
  };

  return (
    <Screen title={t('followUpTitle')} backTo="/">
      {rows.length === 0 && <p class="muted">{t('followUpEmpty')}</p>}
      <ul class="list" data-testid="follow-up-list">
        {rows.map(({ personId, open, closed, urgent }) => (
          <li key={personId}>
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
                  <span class="muted" key={task.taskKey} style={{ display: 'block', textDecoration: 'line-through' }}>
                    • {describeTask(task)}
                  </span>
                ))}
              </span>
              {open.length > 0 ? (
                <button type="button" class="secondary" onClick={() => void recordVisit(personId, open)}>
                  {t('followUpRecord')}
                </button>
              ) : (
                <span class="badge">{t('followUpDone', { date: formatDate(closed[0]?.closedOn ?? today) })}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Screen>
  );
}

function describeTask(task: FollowUpTask): string {
  let subject = task.subject ?? '';
  if (task.kind === 'package_missing') {
    // taskKey is `package:<person>:<date>:<kind>:<code>`: the kind says which catalogue names the item.
    const kind = task.taskKey.split(':')[3] as PackageItemKind;
    subject = itemLabel({ kind, code: subject });
  } else if (task.kind === 'overdue_dose') {
    subject = itemLabel({ kind: 'immunization', code: subject });
  }
  return t(`task_${task.kind}`, { subject });
}
