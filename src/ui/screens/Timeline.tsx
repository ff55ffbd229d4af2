import { t } from '../../i18n/index.ts';
import { screeningLabel, screeningResultLabel, serviceLabel, vaccineLabel, visitKindLabel } from '../labels.ts';
import { formatLocalDay, formatRelativeDay } from '../relative-date.ts';
import { measurementLine } from './measurement-line.ts';

export interface TimelineEntry {
  table: string;
  record: { id: string; date?: string; recordedAt: string } & Record<string, unknown>;
}

/** Everything recorded for a person, newest first, one plain line each. */
export function Timeline({ events }: { events: ReadonlyArray<TimelineEntry> }) {
  if (events.length === 0) return <p class="muted">{t('timelineEmpty')}</p>;
  return (
    <ul class="list" data-testid="timeline">
      {events.map(({ table, record }) => (
        <li key={record.id}>
          <div class="row">
            <span>{summarise(table, record)}</span>
            <span class="muted" title={formatRelativeDay(record.date ?? record.recordedAt)}>
              {formatLocalDay(record.date ?? record.recordedAt)} · {formatRelativeDay(record.date ?? record.recordedAt)}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function summarise(table: string, record: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  switch (table) {
    case 'measurements':
      return measurementLine(record);
    case 'immunizations':
      return t('tl_immunization', { vaccine: vaccineLabel(text(record.vaccine)) });
    case 'services':
      return serviceLabel(text(record.service));
    case 'visits':
      return t('tl_visit', { kind: record.contactCode ? text(record.contactCode) : visitKindLabel(text(record.kind)) });
    case 'pregnancies':
      return t('tl_pregnancy', { date: formatLocalDay(text(record.estimatedDueDate)) });
    case 'referrals':
      // A result (often the puskesmas's own, pulled from the server) says what happened, not the reason again; the
      // finding tag at the end of a reason is for the app (assessment/referralTag), not for the kader.
      return record.resultFor
        ? t('tl_referral_result', { result: text(record.result) })
        : t('tl_referral', { reason: text(record.reason).replace(/\s*\[[a-z0-9_:]+\]$/, '') });
    case 'screenings':
      return t('tl_screening', {
        instrument: screeningLabel(text(record.instrument)),
        result: screeningResultLabel(text(record.result)),
      });
    default:
      return table;
  }
}
