import type { ChildMeasurement } from '../../domain/growth/child-measurement.ts';
import type { Position } from '../../domain/growth/index.ts';
import { api, type StoredRecordView } from '../api.ts';
import { LoadedView } from '../components.tsx';
import { formatDate, t } from '../strings/index.ts';
import { useLoad } from '../use-load.ts';
import { KiaBookLine } from './KiaBookLine.tsx';
import { LazyKmsChart } from './LazyKmsChart.tsx';

/** The KMS covers 0-59 months; a child a little older still has those years' points to show. */
const KMS_AGE_MS = 6 * 365.25 * 24 * 3600 * 1000;

/** The measurements the KMS and LK/U charts can draw: weight, length or head, not superseded by a correction. */
function childMeasurements(events: readonly StoredRecordView[]): ChildMeasurement[] {
  const measurements = events.filter((e) => e.table === 'measurements');
  const replaced = new Set(measurements.map((e) => e.data.supersedes).filter((id) => typeof id === 'string'));
  return measurements
    .filter((e) => !replaced.has(e.id))
    .map((e) => e.data)
    .filter(
      (d) =>
        typeof d.weightKg === 'number' ||
        typeof d.lengthHeightCm === 'number' ||
        typeof d.headCircumferenceCm === 'number',
    )
    .map((d) => ({
      date: String(d.date),
      ...(typeof d.weightKg === 'number' ? { weightKg: d.weightKg } : {}),
      ...(typeof d.lengthHeightCm === 'number' ? { lengthHeightCm: d.lengthHeightCm } : {}),
      ...(typeof d.headCircumferenceCm === 'number' ? { headCircumferenceCm: d.headCircumferenceCm } : {}),
      ...(d.position === 'lying' || d.position === 'standing' ? { position: d.position as Position } : {}),
      ...(d.oedema === true ? { oedema: true } : {}),
    }));
}

/** Today on this computer's calendar, not UTC's (the under-five age of the Buku KIA question). */
function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** One line per event: the measured values, the vaccine, the referral's reason; the raw kind otherwise. */
function summary(record: StoredRecordView): string {
  const d = record.data;
  const parts: string[] = [];
  if (d.weightKg !== undefined) parts.push(`BB ${text(d.weightKg)} kg`);
  if (d.lengthHeightCm !== undefined) parts.push(`PB/TB ${text(d.lengthHeightCm)} cm`);
  if (d.headCircumferenceCm !== undefined) parts.push(`LK ${text(d.headCircumferenceCm)} cm`);
  if (d.muacCm !== undefined) parts.push(`LiLA ${text(d.muacCm)} cm`);
  if (d.vaccine !== undefined) parts.push(text(d.vaccine));
  if (d.service !== undefined) parts.push(text(d.service));
  if (d.reason !== undefined) parts.push(text(d.reason));
  if (d.result !== undefined) parts.push(text(d.result));
  return parts.join(' · ');
}

export function PersonRecord({ personId }: { personId: string }) {
  const [loaded] = useLoad(() => api.person(personId), `person:${personId}`);
  return (
    <section>
      <a href="#/" onClick={(e) => (history.length > 1 ? (e.preventDefault(), history.back()) : undefined)}>
        {t('back')}
      </a>
      <LoadedView loaded={loaded}>
        {(record) => {
          const p = record.person.data;
          const events = [...record.events].sort((a, b) => text(b.data.date).localeCompare(text(a.data.date)));
          return (
            <>
              <h2 class="person-name">{text(p.name)}</h2>
              <p>
                {p.sex === 'male' ? t('male') : t('female')} · {formatDate(text(p.birthDate))}
                {record.household ? ` · ${t('household')}: ${text(record.household.data.headName)}` : ''}
              </p>
              <KiaBookLine data={p} today={localToday()} />
              {(p.sex === 'male' || p.sex === 'female') && Date.now() - Date.parse(text(p.birthDate)) < KMS_AGE_MS && (
                <LazyKmsChart
                  sex={p.sex}
                  birthDate={text(p.birthDate)}
                  measurements={childMeasurements(record.events)}
                />
              )}
              <h3>{t('events')}</h3>
              {events.length === 0 ? (
                <p class="muted">{t('eventsNone')}</p>
              ) : (
                <ul class="events">
                  {events.map((e) => (
                    <li key={e.id} data-table={e.table}>
                      <strong>{formatDate(text(e.data.date))}</strong> {e.table}: {summary(e)}
                    </li>
                  ))}
                </ul>
              )}
              <h3>{t('versions')}</h3>
              <ul class="history">
                {record.history.map((v, i) => (
                  <li key={i}>
                    {t('versionBy', {
                      line: t('versionLine', {
                        when: formatDate(v.receivedAt),
                        what: v.fields ? t('versionFields', { fields: v.fields.join(', ') }) : t('versionCreated'),
                      }),
                      kader: v.kaderName ?? v.deviceId ?? '?',
                    })}
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
