import { t } from '../../../i18n/index.ts';
import type { SkdnResult } from '../../../domain/reports/index.ts';
import { SkdnBars } from '../../../charts/SkdnBars.tsx';

export function SkdnChart({ skdn }: { skdn: SkdnResult }) {
  return <SkdnBars skdn={skdn} label={t('reportSkdnChart')} />;
}
