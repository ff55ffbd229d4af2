import { useEffect, useState } from 'preact/hooks';
import { ApiError, LIST_NAMES, api, rememberCsrfToken, type ListName, type ListScope, type Me } from './api.ts';
import { Dashboard } from './screens/Dashboard.tsx';
import { ListPage } from './screens/ListPage.tsx';
import { PersonRecord } from './screens/PersonRecord.tsx';
import { PosyanduList } from './screens/PosyanduList.tsx';
import { PosyanduPage } from './screens/PosyanduPage.tsx';
import { ReportPage } from './screens/ReportPage.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { setStaffLocale, staffLocale, t } from './strings/index.ts';

type Route =
  | { name: 'home' }
  | { name: 'posyandu'; id: string }
  | { name: 'person'; id: string }
  | { name: 'list'; list: ListName; scope: ListScope }
  | { name: 'report' };

const isListName = (value: string | undefined): value is ListName => LIST_NAMES.some((n) => n === value);

/**
 * Hash routes, like the kader app: #/, #/posyandu/<id>, #/warga/<id>, #/laporan,
 * #/daftar/<list>[/desa/<code>|/posyandu/<id>].
 */
function parseRoute(hash: string): Route {
  const [, first, id, kind, key] = hash.replace(/^#/, '').split('/');
  if (first === 'daftar' && isListName(id)) {
    if (kind === 'desa' && key) return { name: 'list', list: id, scope: { kind: 'desa', villageCode: key } };
    if (kind === 'posyandu' && key) return { name: 'list', list: id, scope: { kind: 'posyandu', id: key } };
    return { name: 'list', list: id, scope: { kind: 'puskesmas' } };
  }
  if (first === 'posyandu' && id) return { name: 'posyandu', id };
  if (first === 'warga' && id) return { name: 'person', id };
  if (first === 'laporan') return { name: 'report' };
  return { name: 'home' };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

const ROLE_LABEL = { admin: 'roleAdmin', staff: 'roleStaff', 'read-only': 'roleReadOnly' } as const;

export function StaffApp() {
  const [me, setMe] = useState<Me | null | 'checking'>('checking');
  const [, setLocaleRound] = useState(0);
  const route = useRoute();

  useEffect(() => {
    api.me().then(
      (found) => {
        rememberCsrfToken(found.csrfToken);
        setMe(found);
      },
      (error: unknown) => setMe(error instanceof ApiError && error.status === 401 ? null : null),
    );
  }, []);

  if (me === 'checking') return <p class="muted">{t('loading')}</p>;
  if (me === null) {
    return (
      <SignIn
        onSignedIn={(signedIn) => {
          rememberCsrfToken(signedIn.csrfToken);
          setMe(signedIn);
        }}
      />
    );
  }

  async function signOut() {
    await api.signOut().catch(() => undefined);
    setMe(null);
  }

  return (
    <div class="shell">
      <header>
        <a href="#/" class="brand">
          {t('appName')}
        </a>
        <a href="#/laporan" class="nav">
          {t('repNav')}
        </a>
        <span class="who">
          {me.staff.name} · {t(ROLE_LABEL[me.staff.role])}
        </span>
        <button
          type="button"
          onClick={() => {
            setStaffLocale(staffLocale() === 'id' ? 'en' : 'id');
            document.documentElement.lang = staffLocale();
            setLocaleRound((n) => n + 1);
          }}
        >
          {t('language')}
        </button>
        <button type="button" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      <main>
        {route.name === 'home' && (
          <>
            <Dashboard />
            <PosyanduList me={me} />
          </>
        )}
        {route.name === 'list' && <ListPage list={route.list} scope={route.scope} />}
        {route.name === 'posyandu' && <PosyanduPage me={me} posyanduId={route.id} />}
        {route.name === 'person' && <PersonRecord personId={route.id} />}
        {route.name === 'report' && <ReportPage me={me} />}
      </main>
    </div>
  );
}
