import { useMemo } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { t } from '../strings/index.ts';

/** The link the kader's phone opens (the kader app's enrollment route), as a QR code and as text. */
export function EnrollDialog({ kaderName, code, onClose }: { kaderName: string; code: string; onClose: () => void }) {
  const link = `${location.origin}/#/daftar/${code}`;
  // Error correction M: the link is long, and a screen (not paper) does not get dirty.
  const svg = useMemo(() => renderSVG(link, { ecc: 'M', border: 2 }), [link]);
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="enroll-title">
      <div class="card">
        <h2 id="enroll-title">
          {t('enrollPhone')}: {kaderName}
        </h2>
        <p>{t('enrollScan')}</p>
        <div class="qr" data-link={link} dangerouslySetInnerHTML={{ __html: svg }} />
        <p>
          <a href={link} class="enroll-link">
            {link}
          </a>
        </p>
        <p>{t('enrollCode')}</p>
        <code class="enroll-code">{code}</code>
        <div class="actions">
          <button type="button" class="primary" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </div>
  );
}
