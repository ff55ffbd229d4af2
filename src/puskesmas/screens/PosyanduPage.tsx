import { useState } from 'preact/hooks';
import { api, type Me } from '../api.ts';
import { t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';
import { AreaTab } from './AreaTab.tsx';
import { Dashboard } from './Dashboard.tsx';
import { DevicesTab } from './DevicesTab.tsx';
import { PersonsTab } from './PersonsTab.tsx';
import { WorkListTab } from './WorkListTab.tsx';

type Tab = 'work' | 'lists' | 'devices' | 'persons' | 'area';

export function PosyanduPage({ me, posyanduId }: { me: Me; posyanduId: string }) {
  const [tab, setTab] = useState<Tab>('work');
  const [list, reloadList] = useLoad(() => api.posyandus(), 'posyandus');
  const posyandu = list.state === 'ok' ? list.value.posyandus.find((p) => p.id === posyanduId) : undefined;
  const tabs: [Tab, string][] = [
    ['work', t('tabWorkList')],
    ['lists', t('tabLists')],
    ['devices', t('tabDevices')],
    ['persons', t('tabPersons')],
    ['area', t('tabArea')],
  ];
  return (
    <section>
      <a href="#/">{t('back')}</a>
      <h2>
        {posyandu?.name ?? ''} {posyandu?.desa ? <small>· {posyandu.desa}</small> : null}
      </h2>
      <div class="tabs" role="tablist">
        {tabs.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} onClick={() => setTab(key)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'work' && <WorkListTab posyanduId={posyanduId} canChange={me.staff.role !== 'read-only'} />}
      {tab === 'lists' && <Dashboard fixed={{ kind: 'posyandu', id: posyanduId }} />}
      {tab === 'devices' && <DevicesTab posyanduId={posyanduId} canChange={me.staff.role !== 'read-only'} />}
      {tab === 'persons' && <PersonsTab posyanduId={posyanduId} />}
      {tab === 'area' && <AreaTab posyanduId={posyanduId} role={me.staff.role} onSaved={reloadList} />}
    </section>
  );
}
