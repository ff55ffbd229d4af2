import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { searchPeople } from '../../storage/index.ts';
import { Screen } from '../components/Screen.tsx';
import { useWatch } from '../hooks/use-watch.ts';
import { PersonRow } from './PersonRow.tsx';

/** Answers as she types: a prefix of any name word, of the NIK or of the family card number. */
export function SearchScreen() {
  const [query, setQuery] = useState('');
  const results = useWatch(() => (query.trim() ? searchPeople(query.trim(), 50) : Promise.resolve([])), [query]);
  return (
    <Screen title={t('searchTitle')} backTo="/">
      <input
        type="search"
        name="search"
        autoFocus
        placeholder={t('searchPlaceholder')}
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        class="search-input"
      />
      {query.trim() && results?.length === 0 && <p class="muted">{t('searchNoResult')}</p>}
      <ul class="list" data-testid="search-results">
        {(results ?? []).map((person) => (
          <li key={person.id}>
            <PersonRow person={person} />
          </li>
        ))}
      </ul>
    </Screen>
  );
}
