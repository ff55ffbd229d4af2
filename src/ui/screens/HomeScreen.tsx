import { useState } from 'preact/hooks';
import { SignOutBlockedError, signOutPhone, type DeviceEnrollment } from '../../storage/index.ts';
import { getLocale, setLocale, t } from '../../i18n/index.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { Screen } from '../components/Screen.tsx';
import { StorageCard } from '../components/StorageCard.tsx';
import { SyncCard } from '../components/SyncCard.tsx';

export function HomeScreen({ enrollment, version }: { enrollment: DeviceEnrollment; version: string }) {
  const [signOutRefused, setSignOutRefused] = useState<number | null>(null);
  const signOut = async () => {
    try {
      await signOutPhone();
    } catch (failure) {
      if (!(failure instanceof SignOutBlockedError)) throw failure;
      setSignOutRefused(failure.waiting);
      return;
    }
    location.hash = '#/';
    location.reload();
  };
  const switchLanguage = () => {
    setLocale(getLocale() === 'id' ? 'en' : 'id');
    location.reload();
  };
  return (
    <Screen title={enrollment.posyanduName}>
      <p class="muted">{t('enrolledAs', { kader: enrollment.kaderName, posyandu: enrollment.posyanduName })}</p>
      <nav class="menu">
        <a href="#/keluarga">{t('menuHouseholds')}</a>
        <a href="#/cari">{t('menuSearch')}</a>
        <a href="#/posyandu">{t('menuPosyanduDay')}</a>
        <a href="#/kunjungan">{t('menuFollowUp')}</a>
        <a href="#/laporan">{t('menuReport')}</a>
        <a href="#/ckg">{t('menuCkg')}</a>
        <a href="#/periksa">{t('menuRejected')}</a>
      </nav>
      <div style={{ height: '12px' }} />
      <SyncCard />
      <StorageCard />
      <button type="button" class="secondary" onClick={switchLanguage}>
        {t('languageLabel')}: {getLocale() === 'id' ? 'English' : 'Bahasa Indonesia'}
      </button>
      {signOutRefused !== null && (
        <p class="banner bad" role="alert" data-testid="sign-out-refused">
          {t('signOutRefused', { count: signOutRefused })}
        </p>
      )}
      <ConfirmButton
        label={t('signOut')}
        question={t('signOutQuestion', { posyandu: enrollment.posyanduName })}
        confirmLabel={t('signOutConfirm')}
        onConfirm={signOut}
        variant="secondary"
        testId="sign-out"
      />
      <p class="muted" data-testid="app-version">
        {t('appVersion', { version })}
      </p>
    </Screen>
  );
}
