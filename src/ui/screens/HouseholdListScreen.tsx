import { t } from '../../i18n/index.ts';
import { listHouseholds } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { useWatch } from '../hooks/use-watch.ts';

export function HouseholdListScreen() {
  const households = useWatch(() => listHouseholds(), []);
  return (
    <Screen title={t('householdsTitle')} backTo="/">
      <a class="button" href="#/keluarga/baru" style={{ width: '100%' }}>
        + {t('householdAdd')}
      </a>
      {households === undefined ? (
        <p>{t('loading')}</p>
      ) : households.length === 0 ? (
        <p class="muted">{t('householdsEmpty')}</p>
      ) : (
        <ul class="list" data-testid="household-list">
          {households.map((household) => (
            <li key={household.id}>
              <a href={`#/keluarga/${household.id}`}>
                <span>
                  <strong>{household.headName}</strong>
                  <br />
                  <span class="muted">
                    {[household.address.dusun, `RT ${household.address.rt}/RW ${household.address.rw}`]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </span>
                <span aria-hidden="true">›</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
