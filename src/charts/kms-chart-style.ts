// The KMS chart's own styles, kept with the chart so both apps draw it alike on screen and on paper.
export const KMS_CHART_CSS = `
.kms-chart {
  margin: 0 0 16px;
  padding: 8px;
  border: 2px solid #60a5fa;
  border-radius: 8px;
  background: #fff;
}
.kms-chart.girl {
  border-color: #f472b6;
}
.kms-chart figcaption {
  font-weight: 700;
  font-size: 1rem;
  margin-bottom: 4px;
}
.kms-chart svg {
  display: block;
  width: 100%;
  height: auto;
  font-family: inherit;
}
.kms-chart .band-yellow {
  fill: #fde68a;
}
.kms-chart .band-green {
  fill: #bbf7d0;
}
.kms-chart .band-light {
  fill: #fef9c3;
}
.kms-chart .band-orange {
  fill: #fed7aa;
}
.kms-chart .grid line {
  stroke: #ffffff;
  stroke-opacity: 0.7;
  stroke-width: 0.6;
}
.kms-chart .grid text,
.kms-chart .sd-label {
  font-size: 10px;
  fill: #374151;
}
.kms-chart .sd-label.red {
  fill: #dc2626;
  font-weight: 700;
}
.kms-chart .axis-title {
  font-size: 11px;
  fill: #111827;
}
.kms-chart .sd {
  fill: none;
  stroke: #6b7280;
  stroke-width: 0.8;
}
.kms-chart .sd.median {
  stroke: #166534;
  stroke-width: 1.4;
}
.kms-chart .sd.red-line {
  stroke: #dc2626;
  stroke-width: 2;
}
.kms-chart .child line {
  stroke: #1e3a8a;
  stroke-width: 2;
}
.kms-chart .point circle {
  fill: #1e3a8a;
  stroke: #fff;
  stroke-width: 1;
}
.kms-chart .point text {
  font-size: 12px;
  font-weight: 700;
}
.kms-chart .mark-N text {
  fill: #166534;
}
.kms-chart .mark-T text,
.kms-chart .mark-T circle {
  fill: #b91c1c;
}
.kms-chart .kms-status p {
  margin: 6px 0 0;
  font-size: 1.05rem;
  line-height: 1.4;
}
.kms-chart .kms-status .urgent {
  color: #b91c1c;
  font-weight: 700;
}
.kms-chart .kms-status .latest {
  color: #4b5563;
  font-size: 0.95rem;
}
.kms-chart .attribution {
  display: block;
  margin-top: 6px;
  color: #6b7280;
  font-size: 0.75rem;
}

@media print {
  .kms-chart {
    break-inside: avoid;
    border-width: 1px;
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
  }
  .kms-chart svg {
    max-height: 16cm;
  }
}
`;

let adopted = false;

/**
 * Gives the page the chart's styles once, as a constructed stylesheet. Both apps are served with CSP
 * `style-src 'self'`, which refuses an inline <style> element (every band drew black); a CSSOM sheet is not
 * inline markup, so the policy lets it through without weakening it.
 */
export function adoptKmsChartStyles(): void {
  if (adopted || typeof document === 'undefined' || typeof CSSStyleSheet === 'undefined') return;
  if (!('adoptedStyleSheets' in document)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(KMS_CHART_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  adopted = true;
}
