import { useState } from 'preact/hooks';
import { ApiError, api, type ReferralOutcome } from '../api.ts';
import { errorText } from '../components.tsx';
import { t } from '../strings/index.ts';

const OUTCOMES: ReferralOutcome[] = ['arrived', 'examined', 'treated', 'referred_on', 'did_not_come'];

/** Today on this computer's calendar, not UTC's: a 06:30 WIB entry belongs to today. */
function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function ReferralOutcomeForm({ referralId, onRecorded }: { referralId: string; onRecorded: () => void }) {
  const [outcome, setOutcome] = useState<ReferralOutcome>('arrived');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState('');
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await api.recordOutcome(referralId, { outcome, date: localToday(), notes });
      onRecorded();
    } catch (error) {
      setProblem(error instanceof ApiError ? errorText(error) : String(error));
    }
  }
  return (
    <form class="outcome-form" onSubmit={(e) => void submit(e)}>
      <select
        name="outcome"
        aria-label={t('outcome')}
        value={outcome}
        onChange={(e) => setOutcome((e.currentTarget as HTMLSelectElement).value as ReferralOutcome)}
      >
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`outcome_${o}`)}
          </option>
        ))}
      </select>
      <input
        type="text"
        name="notes"
        placeholder={t('outcomeNotes')}
        value={notes}
        onInput={(e) => setNotes((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit">{t('recordOutcome')}</button>
      {problem && (
        <span class="error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
