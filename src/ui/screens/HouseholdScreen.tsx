import { t } from '../../i18n/index.ts';
import { getHousehold, listMembers } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { useWatch } from '../hooks/use-watch.ts';
import { PersonRow } from './PersonRow.tsx';

export function HouseholdScreen({ householdId }: { householdId: string }) {
  const household = useWatch(() => getHousehold(householdId), [householdId]);
  const members = useWatch(() => listMembers(householdId), [householdId]);
  if (!household) return <Screen title={t('loading')} backTo="/keluarga" children={null} />;
  const { address } = household;
  return (
    <Screen title={household.headName} backTo="/keluarga">
      <section class="card">
        {household.familyCardNumber && <p>KK {household.familyCardNumber}</p>}
        <p class="muted">
          {[address.street, address.dusun, `RT ${address.rt}/RW ${address.rw}`].filter(Boolean).join(', ')}
        </p>
      </section>
      <h2>{t('membersTitle')}</h2>
      <ul class="list" data-testid="member-list">
        {(members ?? []).map((person) => (
          <li key={person.id}>
            <PersonRow person={person} />
          </li>
        ))}
      </ul>
    </Screen>
  );
}
