import { completedMonths } from '../dates/calendar.ts';

/**
 * The Buku KIA development checklist ("Perkembangan anak"): for each age, a few things the child should be able
 * to do; the mother or the kader answers ya/tidak. One "tidak" on a milestone of the child's age is not a
 * diagnosis: it sends the child to the puskesmas for KPSP/SDIDTK (stimulasi, deteksi dan intervensi dini tumbuh
 * kembang). Versioned data: a puskesmas using another printing swaps this table (docs/schedules.md).
 */
export interface MilestoneBand {
  /** Completed months from which this band's list is asked (until the next band starts). */
  readonly fromMonths: number;
  /** Item codes; the words are in the i18n catalogues under `devitem_<code>`. */
  readonly items: readonly string[];
}

export interface MilestoneRules {
  readonly version: string;
  readonly source: string;
  /** Screening.instrument of a recorded checklist. */
  readonly instrument: string;
  /** After the last band's start, the checklist is asked up to this age (completed months, inclusive). */
  readonly toMonths: number;
  readonly bands: readonly MilestoneBand[];
  readonly unconfirmed: readonly string[];
}

export const BUKU_KIA_MILESTONES: MilestoneRules = {
  version: 'buku-kia-2023-perkembangan/r1',
  source:
    'Buku KIA (Kemenkes 2020/2023), pages "Perkembangan anak" by age: centang yang sudah bisa; bila ada yang ' +
    'belum bisa, bawa ke puskesmas untuk KPSP/SDIDTK (Permenkes 66/2014). Items paraphrased, not re-read verbatim.',
  instrument: 'development_kia',
  toMonths: 71,
  bands: [
    { fromMonths: 1, items: ['m1_look', 'm1_sound', 'm1_smile', 'm1_move'] },
    { fromMonths: 3, items: ['m3_head_up', 'm3_laugh', 'm3_turn_head', 'm3_babble'] },
    { fromMonths: 6, items: ['m6_roll', 'm6_reach', 'm6_grasp', 'm6_imitate_sound'] },
    { fromMonths: 9, items: ['m9_sit', 'm9_mama', 'm9_pick_small', 'm9_peekaboo'] },
    { fromMonths: 12, items: ['m12_stand_hold', 'm12_words', 'm12_point', 'm12_know_family'] },
    { fromMonths: 18, items: ['m18_walk', 'm18_words_6', 'm18_body_part', 'm18_cup'] },
    { fromMonths: 24, items: ['m24_run', 'm24_scribble', 'm24_two_words', 'm24_eat_self'] },
    { fromMonths: 36, items: ['m36_one_foot', 'm36_sentence', 'm36_colours', 'm36_dress'] },
    { fromMonths: 48, items: ['m48_hop', 'm48_circle', 'm48_count', 'm48_play_friends'] },
    { fromMonths: 60, items: ['m60_skip', 'm60_draw_person', 'm60_clear_speech', 'm60_dress_alone'] },
  ],
  unconfirmed: [
    'wording of every item (paraphrased from the Buku KIA, not copied from a fetched printing)',
    'band boundaries and the number of items per band',
    'how often the checklist is asked (posyandu package: every 3 months)',
  ],
};

/** The band asked at the child's age, or undefined before the first band or past `toMonths`. */
export function milestoneBandFor(
  birthDate: string,
  date: string,
  rules: MilestoneRules = BUKU_KIA_MILESTONES,
): MilestoneBand | undefined {
  const months = completedMonths(birthDate, date);
  if (months > rules.toMonths) return undefined;
  return [...rules.bands].reverse().find((band) => months >= band.fromMonths);
}

export type DevelopmentResult = 'on_track' | 'delay_suspected';

/** Answers are item code -> true (ya, sudah bisa) / false (tidak). An item not answered counts as not asked. */
export function scoreMilestones(
  band: MilestoneBand,
  answers: Readonly<Record<string, boolean>>,
): { readonly result: DevelopmentResult; readonly notYet: readonly string[] } {
  const notYet = band.items.filter((item) => answers[item] === false);
  return { result: notYet.length > 0 ? 'delay_suspected' : 'on_track', notYet };
}
