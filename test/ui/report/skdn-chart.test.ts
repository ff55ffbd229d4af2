import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../../src/i18n/index.ts';
import type { SkdnResult } from '../../../src/domain/reports/index.ts';
import { SkdnChart } from '../../../src/ui/screens/report/SkdnChart.tsx';
import { renderMarkup } from '../growth/render-markup.ts';

const counts = { S: 40, K: 40, D: 30, N: 20, T: 5, O: 3, B: 2, '2T': 1, BGM: 0 };

describe('the SKDN bar chart', () => {
  setLocale('id');
  const markup = renderMarkup(h(SkdnChart, { skdn: { total: counts } as unknown as SkdnResult }));

  it('draws S, K, D and N as bars proportional to their counts, each labelled with its number', () => {
    const heights = [...markup.matchAll(/<rect[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toEqual([160, 160, 120, 80]);
    for (const label of ['S', 'K', 'D', 'N', '40', '30', '20']) expect(markup).toContain(`>${label}</text>`);
  });

  it('keeps every count inside the picture (none above the top edge)', () => {
    const ys = [...markup.matchAll(/<text[^>]*y="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeGreaterThan(0);
    expect(markup).toContain('aria-label="Balok SKDN"');
  });
});
