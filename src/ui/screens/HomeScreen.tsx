import type { DeviceEnrollment } from '../../storage/index.ts';
import { getLocale, setLocale, t } from '../../i18n/index.ts';
import { Screen } from '../components/Screen.tsx';
import { StorageCard } from '../components/StorageCard.tsx';
import { SyncCard } from '../components/SyncCard.tsx';

export function HomeScreen({ enrollment, version }: { enrollment: DeviceEnrollment; version: string }) {
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
      <p class="muted" data-testid="app-version">
        {t('appVersion', { version })}
      </p>
    </Screen>
  );
}
