import { t } from '../../i18n/index.ts';

/** The refusal or failure of a save, in one place on every form; each field also says its own problem. */
export function FormBanner({ banner }: { banner: string | null }) {
  if (!banner) return null;
  return (
    <p class="banner bad" role="alert">
      {banner}
    </p>
  );
}

/** The values just saved, read back where the kader is looking. */
export function SavedEcho({ echo, testId }: { echo: string | null; testId?: string }) {
  if (!echo) return null;
  return (
    <p class="banner good" role="status" data-testid={testId}>
      {echo}
    </p>
  );
}

/** The submit button says while it saves, and cannot be tapped twice meanwhile. */
export function SaveButton({ saving, label }: { saving: boolean; label?: string }) {
  return (
    <button type="submit" disabled={saving}>
      {saving ? t('saving') : (label ?? t('save'))}
    </button>
  );
}
