import type { DeviceEnrollment } from '../storage/index.ts';
import { ErrorBoundary } from '../ui/components/ErrorBoundary.tsx';
import { NotFoundScreen } from '../ui/components/LoadStates.tsx';
import { useRoute } from '../ui/router.ts';
import { EnrollScreen } from '../ui/screens/EnrollScreen.tsx';
import { HomeScreen } from '../ui/screens/HomeScreen.tsx';
import { lazyScreen } from '../ui/components/LazyScreen.tsx';
import { APP_VERSION } from './app-version.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';

// Screens past the first one load on demand: health rules, schedules and the chart stay out of the initial bundle.
// The everyday ones (the registry, search, "Perlu diperiksa") are preloaded while the first screen waits for the
// PIN (preloadEverydayScreens), so their first visit paints at once; the rest load on their first visit.
const HouseholdFormScreen = lazyScreen(() =>
  import('../ui/screens/HouseholdFormScreen.tsx').then((m) => m.HouseholdFormScreen),
);
const HouseholdListScreen = lazyScreen(() =>
  import('../ui/screens/HouseholdListScreen.tsx').then((m) => m.HouseholdListScreen),
);
const HouseholdScreen = lazyScreen(() => import('../ui/screens/HouseholdScreen.tsx').then((m) => m.HouseholdScreen));
const RejectedScreen = lazyScreen(() => import('../ui/screens/RejectedScreen.tsx').then((m) => m.RejectedScreen));
const SearchScreen = lazyScreen(() => import('../ui/screens/SearchScreen.tsx').then((m) => m.SearchScreen));
const PersonScreen = lazyScreen(() => import('../ui/screens/PersonScreen.tsx').then((m) => m.PersonScreen));
const DayScreen = lazyScreen(() => import('../ui/screens/day/DayScreen.tsx').then((m) => m.DayScreen));
const VisitorScreen = lazyScreen(() => import('../ui/screens/day/VisitorScreen.tsx').then((m) => m.VisitorScreen));
const ReportScreen = lazyScreen(() => import('../ui/screens/report/ReportScreen.tsx').then((m) => m.ReportScreen));
const FollowUpScreen = lazyScreen(() => import('../ui/screens/FollowUpScreen.tsx').then((m) => m.FollowUpScreen));
const CkgScreen = lazyScreen(() => import('../ui/screens/CkgScreen.tsx').then((m) => m.CkgScreen));
// Corrections are rare next to registering and weighing: they load on demand too.
const HouseholdEditScreen = lazyScreen(() =>
  import('../ui/screens/edit/HouseholdEditScreen.tsx').then((m) => m.HouseholdEditScreen),
);
const MemberAddScreen = lazyScreen(() =>
  import('../ui/screens/edit/MemberAddScreen.tsx').then((m) => m.MemberAddScreen),
);
const PersonEditScreen = lazyScreen(() =>
  import('../ui/screens/edit/PersonEditScreen.tsx').then((m) => m.PersonEditScreen),
);
const KiaDosesScreen = lazyScreen(() =>
  import('../ui/screens/person/KiaDosesScreen.tsx').then((m) => m.KiaDosesScreen),
);

/** Fetches the everyday screens' code ahead; a failure only means loading it on the first visit, as any lazy screen. */
export function preloadEverydayScreens(): Promise<unknown> {
  const everyday = [HouseholdFormScreen, HouseholdListScreen, HouseholdScreen, RejectedScreen, SearchScreen];
  return Promise.allSettled(everyday.map((screen) => screen.preload()));
}

/** Maps the address to a screen. An unenrolled phone sees only enrollment: records need a posyandu. */
export function App({ enrollment }: { enrollment: DeviceEnrollment | undefined }) {
  const [section, id, action] = useRoute();
  return (
    <>
      <ErrorBoundary resetKey={`${section ?? ''}/${id ?? ''}/${action ?? ''}`}>
        {route(section, id, enrollment, action)}
      </ErrorBoundary>
      <UpdatePrompt />
    </>
  );
}

function route(
  section: string | undefined,
  id: string | undefined,
  enrollment: DeviceEnrollment | undefined,
  action?: string,
) {
  if (section === 'daftar' || !enrollment) return <EnrollScreen initialCode={id} />;
  switch (section) {
    case undefined:
      return <HomeScreen enrollment={enrollment} version={APP_VERSION} />;
    case 'keluarga':
      if (id === 'baru') return <HouseholdFormScreen area={enrollment.area} />;
      if (id && action === 'ubah') return <HouseholdEditScreen householdId={id} area={enrollment.area} />;
      if (id && action === 'tambah') return <MemberAddScreen householdId={id} />;
      return id ? <HouseholdScreen householdId={id} /> : <HouseholdListScreen />;
    case 'warga':
      if (id && action === 'ubah') return <PersonEditScreen personId={id} />;
      if (id && action === 'buku-kia') return <KiaDosesScreen personId={id} />;
      return id ? <PersonScreen personId={id} /> : <SearchScreen />;
    case 'cari':
      return <SearchScreen />;
    case 'periksa':
      return <RejectedScreen />;
    case 'posyandu':
      return id ? <VisitorScreen personId={id} /> : <DayScreen />;
    case 'kunjungan':
      return <FollowUpScreen />;
    case 'laporan':
      return <ReportScreen />;
    case 'ckg':
      return <CkgScreen />;
    default:
      return <NotFoundScreen backTo="/" />;
  }
}
