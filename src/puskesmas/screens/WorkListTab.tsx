import { api } from '../api.ts';
import { LoadedView } from '../components.tsx';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';
import { ReferralOutcomeForm } from './ReferralOutcomeForm.tsx';

export function WorkListTab({ posyanduId, canChange }: { posyanduId: string; canChange: boolean }) {
  const [loaded, reload] = useLoad(() => api.workList(posyanduId), `work:${posyanduId}`);
  return (
    <LoadedView loaded={loaded}>
      {(list) => (
        <>
          <h3>{t('workListTitle')}</h3>
          {list.tables === 'missing' ? (
            <p class="error" role="alert">
              {t('tablesMissing')}
            </p>
          ) : list.children.length === 0 ? (
            <p class="muted">{t('workListNone')}</p>
          ) : (
            <table class="list flagged">
              <thead>
                <tr>
                  <th>{t('colChild')}</th>
                  <th class="num">{t('colAge')}</th>
                  <th>{t('colMeasured')}</th>
                  <th>{t('colProblems')}</th>
                </tr>
              </thead>
              <tbody>
                {list.children.map((c) => (
                  <tr key={c.personId}>
                    <td>
                      <a href={`#/warga/${c.personId}`}>{c.name}</a>
                    </td>
                    <td class="num">{t('months', { n: c.ageMonths })}</td>
                    <td>{formatDate(c.measuredOn)}</td>
                    <td>
                      {c.flags.map((f) => (
                        <span key={f} class={`flag flag-${f}`}>
                          {t(`flag_${f}`)}
                        </span>
                      ))}
                      {c.implausible && <span class="flag">{t('implausible')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('referralsTitle')}</h3>
          {list.openReferrals.length === 0 ? (
            <p class="muted">{t('referralsNone')}</p>
          ) : (
            <table class="list referrals">
              <thead>
                <tr>
                  <th>{t('colName')}</th>
                  <th>{t('colDate')}</th>
                  <th>{t('colReason')}</th>
                  <th>{t('colUrgency')}</th>
                  {canChange && <th>{t('outcome')}</th>}
                </tr>
              </thead>
              <tbody>
                {list.openReferrals.map((r) => (
                  <tr key={r.referralId}>
                    <td>
                      <a href={`#/warga/${r.personId}`}>{r.name}</a>
                    </td>
                    <td>{formatDate(r.date)}</td>
                    <td>{r.reason}</td>
                    <td>{r.urgency === 'urgent' ? t('urgent') : t('routine')}</td>
                    {canChange && (
                      <td>
                        <ReferralOutcomeForm referralId={r.referralId} onRecorded={reload} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </LoadedView>
  );
}
