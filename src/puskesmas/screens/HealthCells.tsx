import type { DeviceHealthView } from '../api.ts';
import { formatNumber } from '../list-words.ts';
import { formatDate, t } from '../strings/index.ts';

/** Bytes as the kader app says them: '52,4 MB', '8,0 GB'. */
function bytes(value: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = value;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${formatNumber(v, i === 0 ? 0 : 1)} ${units[i] ?? ''}`;
}

/**
 * The four cells of a phone's own last report (records waiting, rejected, app version, storage). A phone that
 * never reported (an older app) shows one cell saying so, not zeros that would look like good news.
 */
export function HealthCells({ health }: { health: DeviceHealthView | null }) {
  if (!health) {
    return (
      <td colSpan={4} class="muted">
        {t('healthNone')}
      </td>
    );
  }
  const storage =
    health.storageUsedBytes !== null && health.storageQuotaBytes !== null
      ? t('storageValue', { used: bytes(health.storageUsedBytes), quota: bytes(health.storageQuotaBytes) })
      : '';
  return (
    <>
      <td class={health.pendingChanges ? 'num busy' : 'num'}>{health.pendingChanges ?? ''}</td>
      <td class={health.rejectedChanges ? 'num urgent' : 'num'}>{health.rejectedChanges ?? ''}</td>
      <td>
        {health.appVersion ?? ''}
        <small class="muted"> {t('healthReported', { date: formatDate(health.reportedAt) })}</small>
      </td>
      <td>{storage}</td>
    </>
  );
}
