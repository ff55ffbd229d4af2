import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { listHouseholds } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { useWatch } from '../hooks/use-watch.ts';

/** A page is what fits a few thumb scrolls; drawing thousands of rows at once would slow a cheap phone. */
const PAGE = 100;

export function HouseholdListScreen() {
  const households = useWatch(() => listHouseholds(), []);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const needle = query.trim().toLowerCase();
  const matching = (households ?? [])
    .filter(
      (h) => !needle || h.headName.toLowerCase().includes(needle) || h.address.dusun.toLowerCase().includes(needle),
    )
    .sort(
      (a, b) =>
        a.address.dusun.localeCompare(b.address.dusun) ||
        Number(a.address.rt) - Number(b.address.rt) ||
        a.headName.localeCompare(b.headName),
    );
  return (
    <Screen title={t('householdsTitle')} backTo="/">
      <a class="button" href="#/keluarga/baru" style={{ width: '100%' }}>
        + {t('householdAdd')}
      </a>
      {households !== undefined && households.length > PAGE && (
        <input
          type="search"
          name="household-filter"
          placeholder={t('householdFilter')}
          value={query}
          onInput={(e) => {
            setQuery((e.currentTarget as HTMLInputElement).value);
            setShown(PAGE);
          }}
          class="search-input"
          style={{ marginTop: '12px' }}
        />
      )}
      {households === undefined ? (
        <p>{t('loading')}</p>
      ) : households.length === 0 ? (
        <p class="muted">{t('householdsEmpty')}</p>
      ) : (
        <ul class="list" data-testid="household-list">
          {matching.slice(0, shown).map((household) => (
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
      {matching.length > shown && (
        <button type="button" class="secondary" style={{ width: '100%' }} onClick={() => setShown(shown + PAGE)}>
          {t('showMore', { count: matching.length - shown })}
        </button>
      )}
    </Screen>
  );
}
