import type { Ref } from 'preact';
import { t } from '../../i18n/index.ts';
import { formatNumber } from '../format.ts';

interface PinInputProps {
  inputRef: Ref<HTMLInputElement>;
  value: string;
  disabled: boolean;
  /** Receives digits only: whatever else the keyboard sends is dropped as it is typed. */
  onInput: (digits: string) => void;
}

/** The 6-digit PIN field of the lock and the recovery screens: the number pad, never remembered by the browser. */
export function PinInput({ inputRef, value, disabled, onInput }: PinInputProps) {
  return (
    <input
      ref={inputRef}
      name="pin"
      type="password"
      inputMode="numeric"
      pattern="[0-9]*"
      autocomplete="off"
      maxLength={6}
      class="pin-input"
      value={value}
      disabled={disabled}
      onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value.replace(/[^0-9]/g, ''))}
    />
  );
}

/** How long the wrong-PIN pause still lasts, as a banner. */
export function PinWait({ ms }: { ms: number }) {
  return (
    <p class="banner warn" role="alert" data-testid="pin-wait">
      {t('pinWait', { time: waitText(ms) })}
    </p>
  );
}

/** "30 detik" under two minutes, "4 menit" above: what a kader reads at a glance. */
function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1_000);
  if (seconds < 120) return t('pinWaitSeconds', { n: formatNumber(seconds, 0) });
  return t('pinWaitMinutes', { n: formatNumber(Math.ceil(seconds / 60), 0) });
}
