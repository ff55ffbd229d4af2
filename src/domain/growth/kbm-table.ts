import { z } from 'zod';

/**
 * KBM, "Kenaikan Berat Badan Minimal": the least monthly weight gain, by the child's age in completed months at
 * the current weighing, for the KMS N/T judgement. Data, not code: the month boundaries of the last three values
 * are not confirmed (docs/growth.md), so the app can load another table of this shape.
 */
export const KbmTableSchema = z
  .object({
    version: z.string().min(1),
    source: z.string().min(1),
    /** What is not confirmed about this table, shown to whoever maintains it. */
    uncertainty: z.string().optional(),
    rows: z
      .array(
        z.object({
          fromMonth: z.number().int().min(0),
          toMonth: z.number().int().min(0),
          minGainGrams: z.number().int().positive(),
        }),
      )
      .min(1),
  })
  .superRefine((table, ctx) => {
    let expected = 0;
    for (const [i, row] of table.rows.entries()) {
      if (row.fromMonth !== expected || row.toMonth < row.fromMonth) {
        ctx.addIssue({ code: 'custom', path: ['rows', i], message: `rows must run on from month ${expected}` });
        return;
      }
      expected = row.toMonth + 1;
    }
  });

export type KbmTable = z.infer<typeof KbmTableSchema>;

const KMS_SOURCES =
  'Buku KIA 2023, halaman KMS (baris KBM "800 900 800 600 500 400 300 200"); Permenkes 155/Menkes/Per/I/2010 ' +
  'tentang Penggunaan KMS bagi Balita; Juknis Penggunaan KMS Balita, Kemenkes 2021';

/**
 * Default: the 2010 KMS reading (6-7 months 400 g, 8-10 months 300 g, from 11 months 200 g). The first row also
 * covers a weighing before the first completed month, which gains in the same first month of life.
 */
export const KBM_KMS_2010: KbmTable = {
  version: 'kbm-kms-2010',
  source: KMS_SOURCES,
  uncertainty:
    'Batas bulan untuk 400/300/200 g belum dipastikan dari Buku KIA cetak atau Juknis KMS 2021 (sumber lain: ' +
    '6 bln 400 g, 7-10 bln 300 g).',
  rows: [
    { fromMonth: 0, toMonth: 1, minGainGrams: 800 },
    { fromMonth: 2, toMonth: 2, minGainGrams: 900 },
    { fromMonth: 3, toMonth: 3, minGainGrams: 800 },
    { fromMonth: 4, toMonth: 4, minGainGrams: 600 },
    { fromMonth: 5, toMonth: 5, minGainGrams: 500 },
    { fromMonth: 6, toMonth: 7, minGainGrams: 400 },
    { fromMonth: 8, toMonth: 10, minGainGrams: 300 },
    { fromMonth: 11, toMonth: 60, minGainGrams: 200 },
  ],
};

/** The other reading some sources give: 6 months 400 g, 7-10 months 300 g. */
export const KBM_ALTERNATIVE_7_TO_10: KbmTable = {
  ...KBM_KMS_2010,
  version: 'kbm-alt-7-10',
  rows: [
    ...KBM_KMS_2010.rows.slice(0, 5),
    { fromMonth: 6, toMonth: 6, minGainGrams: 400 },
    { fromMonth: 7, toMonth: 10, minGainGrams: 300 },
    { fromMonth: 11, toMonth: 60, minGainGrams: 200 },
  ],
};

/** The minimum gain in grams at this age, or undefined beyond the table (the KMS ends at 60 months). */
export function minimumGainGrams(table: KbmTable, completedMonths: number): number | undefined {
  return table.rows.find((row) => completedMonths >= row.fromMonth && completedMonths <= row.toMonth)?.minGainGrams;
}
