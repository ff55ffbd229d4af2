import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../../src/i18n/index.ts';
import type { Connectivity } from '../../../src/sync/index.ts';
import { ConnectionProblem } from '../../../src/ui/components/ConnectionProblem.tsx';
import { renderMarkup } from '../growth/render-markup.ts';

const shown = (connectivity: Connectivity) =>
  renderMarkup(h(ConnectionProblem, { connectivity, onRetry: () => undefined }));

describe('the sync card’s connection line, as the kader reads it', () => {
  setLocale('id');

  it('says nothing when all is well or nothing was tried yet', () => {
    expect(shown('connected')).toBe('');
    expect(shown('unknown')).toBe('');
  });

  it.each<[Connectivity, string, string | null]>([
    ['no-signal', 'Tanpa sinyal', null],
    ['server-unreachable', 'Server puskesmas tidak terjangkau', 'Coba lagi'],
    ['server-busy', 'sedang sibuk', null],
    ['update-app', 'Perbarui aplikasi dulu', 'Perbarui aplikasi'],
    ['enroll-again', 'perlu didaftarkan ulang', 'Daftarkan ulang'],
    ['batch-refused', 'menolak kiriman', 'Coba lagi'],
  ])('%s: its own sentence and action', (connectivity, sentence, action) => {
    const markup = shown(connectivity);
    expect(markup).toContain(sentence);
    expect(markup).toContain(`data-state="${connectivity}"`);
    if (action) expect(markup).toMatch(new RegExp(`<(button|a)[^>]*>${action}</(button|a)>`));
    else expect(markup).not.toMatch(/<button/);
  });
});
