import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

interface ConfirmButtonProps {
  /** The button as first shown, e.g. "Tandai meninggal". */
  label: string;
  /** The question asked before acting, in the kader's words: "Yakin …?". */
  question: string;
  /** The button that acts, saying what it does: "Ya, tandai meninggal". */
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  variant?: 'danger' | 'secondary' | undefined;
  testId?: string | undefined;
}

/**
 * A tap that cannot be taken back asks once, in place: the question and "Batal" next to the action, so a thumb
 * that slipped onto the wrong button changes nothing.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, variant, testId }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class={variant} onClick={() => setAsking(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <div class="confirm" role="group" data-testid={testId ? `${testId}-confirm` : 'confirm'}>
      <p>{question}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
        <button
          type="button"
          class={variant === 'danger' ? 'danger' : undefined}
          onClick={() => {
            setAsking(false);
            void onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}
