import { t } from '../../i18n/index.ts';
import { getHousehold, listMembers } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { LoadState } from '../components/LoadStates.tsx';
import { useLoadable } from '../hooks/use-loadable.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { PersonRow } from './PersonRow.tsx';

export function HouseholdScreen({ householdId }: { householdId: string }) {
  const loaded = useLoadable(() => getHousehold(householdId), [householdId]);
  const members = useWatch(() => listMembers(householdId), [householdId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/keluarga" />;
  const household = loaded.value;
  const { address } = household;
  return (
    <Screen title={household.headName} backTo="/keluarga">
      <section class="card">
        {household.familyCardNumber && <p>KK {household.familyCardNumber}</p>}
        <p class="muted">
          {[address.street, address.dusun, `RT ${address.rt}/RW ${address.rw}`].filter(Boolean).join(', ')}
        </p>
        <a class="button secondary" href={`#/keluarga/${household.id}/ubah`} data-testid="household-edit-link">
          {t('householdEdit')}
        </a>
      </section>
      <h2>{t('membersTitle')}</h2>
      <ul class="list" data-testid="member-list">
        {(members ?? []).map((person) => (
          <li key={person.id}>
            <PersonRow person={person} />
          </li>
        ))}
      </ul>
      <div class="actions">
        <a class="button secondary" href={`#/keluarga/${household.id}/tambah`} data-testid="member-add-link">
          + {t('memberAdd')}
        </a>
      </div>
    </Screen>
  );
}
