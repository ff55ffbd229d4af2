import { useState } from 'preact/hooks';
import { ApiError, api, type DeviceSummary } from '../api.ts';
import { Field, LoadedView, errorText } from '../components.tsx';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';
import { EnrollDialog } from './EnrollDialog.tsx';
import { HealthCells } from './HealthCells.tsx';

export function DevicesTab({ posyanduId, canChange }: { posyanduId: string; canChange: boolean }) {
  const [loaded, reload] = useLoad(() => api.devices(posyanduId), `devices:${posyanduId}`);
  const [kaderName, setKaderName] = useState('');
  const [enrolled, setEnrolled] = useState<{ kaderName: string; code: string } | null>(null);
  const [confirming, setConfirming] = useState<DeviceSummary | null>(null);
  const [problem, setProblem] = useState('');

  const fail = (error: unknown) => setProblem(error instanceof ApiError ? errorText(error) : String(error));

  async function enroll(event: Event) {
    event.preventDefault();
    setProblem('');
    try {
      const created = await api.enroll(posyanduId, kaderName);
      setEnrolled({ kaderName, code: created.enrollmentCode });
      setKaderName('');
      reload();
    } catch (error) {
      fail(error);
    }
  }

  async function revoke(device: DeviceSummary) {
    setConfirming(null);
    try {
      await api.revoke(device.id);
      reload();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <section>
      {canChange && (
        <form class="inline-form" onSubmit={(e) => void enroll(e)}>
          <Field label={t('kaderName')} name="kaderName" value={kaderName} onInput={setKaderName} />
          <button type="submit" class="primary">
            {t('enrollPhone')}
          </button>
        </form>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <LoadedView loaded={loaded}>
        {({ devices }) =>
          devices.length === 0 ? (
            <p class="muted">{t('devicesNone')}</p>
          ) : (
            <table class="list devices">
              <thead>
                <tr>
                  <th>{t('colKader')}</th>
                  <th>{t('colEnrolled')}</th>
                  <th>{t('colLastSync')}</th>
                  <th class="num">{t('colWaiting')}</th>
                  <th class="num">{t('colRejected')}</th>
                  <th>{t('colAppVersion')}</th>
                  <th>{t('colStorage')}</th>
                  <th>{t('colStatus')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {devices.map((d) => (
                  <tr key={d.id} data-device-id={d.id}>
                    <td>{d.kaderName}</td>
                    <td>{formatDate(d.createdAt)}</td>
                    <td>{formatDate(d.lastSyncAt)}</td>
                    <HealthCells health={d.health ?? null} />
                    <td>{d.revokedAt ? t('revokedOn', { date: formatDate(d.revokedAt) }) : t('active')}</td>
                    <td>
                      {canChange && !d.revokedAt && (
                        <button type="button" class="danger" onClick={() => setConfirming(d)}>
                          {t('revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      {enrolled && (
        <EnrollDialog kaderName={enrolled.kaderName} code={enrolled.code} onClose={() => setEnrolled(null)} />
      )}
      {confirming && (
        <div class="dialog" role="alertdialog" aria-modal="true">
          <div class="card">
            <p>{t('revokeConfirm', { kader: confirming.kaderName })}</p>
            <div class="actions">
              <button type="button" class="danger" onClick={() => void revoke(confirming)}>
                {t('revokeYes')}
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
