import type { Person } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { formatAge } from '../format.ts';

export function PersonRow({ person }: { person: Person }) {
  return (
    <a href={`#/warga/${person.id}`}>
      <span>
        <strong>{person.name}</strong>
        <br />
        <span class="muted">
          {t(`relation_${person.relationToHead}`)} · {person.sex === 'female' ? t('female') : t('male')} ·{' '}
          {formatAge(person.birthDate)}
        </span>
      </span>
      {person.status === 'moved_out' && <span class="badge warn">{t('personMovedOut')}</span>}
      {person.status === 'deceased' && <span class="badge bad">{t('personDeceased')}</span>}
    </a>
  );
}
