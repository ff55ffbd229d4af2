import { useState } from 'preact/hooks';
import type { Person } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { updatePerson } from '../../../storage/index.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';
import { asksKiaBook, type KiaBookAnswer } from '../kia-book.ts';

/**
 * SKDN's K asked at the weighing table, once: a balita whose Buku KIA / KMS nobody noted yet gets the question
 * as two buttons, and one tap saves the answer (corrected later on the person's edit form). Once known, the
 * question is not shown again.
 */
export function KiaBookAsk({ person, today }: { person: Person; today: string }) {
  const [answered, setAnswered] = useState<KiaBookAnswer>('');
  const [failed, setFailed] = useState(false);
  const engine = useSyncEngine();
  // The answer just given is confirmed first: the screen's person may already be the saved one, with the book.
  if (answered) {
    return (
      <p class="banner good" role="status" data-testid="kia-book-saved">
        {t('kiaBookSaved', { answer: t(answered === 'yes' ? 'kiaBookYes' : 'kiaBookNo') })}
      </p>
    );
  }
  if (person.kiaBook !== undefined || !asksKiaBook(person.birthDate, today)) return null;

  const answer = async (value: 'yes' | 'no') => {
    setFailed(false);
    try {
      await updatePerson(person.id, { kiaBook: { owned: value === 'yes', notedOn: today } });
    } catch {
      setFailed(true);
      return;
    }
    setAnswered(value);
    engine?.notifyLocalWrite();
  };

  return (
    <fieldset class="field" data-testid="kia-book-ask">
      <legend>{t('kiaBookQuestion')}</legend>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void answer('yes')}>
          {t('kiaBookYes')}
        </button>
        <button type="button" class="secondary" onClick={() => void answer('no')}>
          {t('kiaBookNo')}
        </button>
      </div>
      {failed && (
        <small class="error" role="alert">
          {t('kiaBookSaveFailed')}
        </small>
      )}
    </fieldset>
  );
}
