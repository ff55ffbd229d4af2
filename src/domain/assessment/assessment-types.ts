import type {
  Immunization,
  Measurement,
  Pregnancy,
  Referral,
  Screening,
  Service,
  Visit,
} from '../../../protocol/index.ts';
import type { BirthdayCheck } from '../ckg/birthday-check.ts';
import type { DailyPackage, PackageItem } from '../posyandu-day/daily-package.ts';
import type { FollowUpTask } from '../posyandu-day/follow-up-tasks.ts';
import type { LifeStage } from '../posyandu-day/life-stage.ts';

/**
 * What a judged value means for the kader: `normal` nothing to do; `attention` counsel and watch (a home visit
 * may follow); `refer` a routine referral; `urgent` an urgent referral today. The UI gives each a colour and words.
 */
export type JudgementLevel = 'normal' | 'attention' | 'refer' | 'urgent';

/** Where a referral goes in the ILP network: pustu in the village, the puskesmas, or straight to a hospital. */
export type ReferralDestination = 'pustu' | 'puskesmas' | 'hospital';

export interface ReferralAdvice {
  readonly urgency: 'urgent' | 'routine';
  readonly destination: ReferralDestination;
}

/** What one category of a rule asks the kader to do. */
export interface FindingAction {
  readonly level: JudgementLevel;
  readonly referral?: ReferralAdvice;
  /** The kader follows the person up at home (counselling, checking the referral was reached). */
  readonly homeVisit?: boolean;
}

export interface Judgement extends FindingAction {
  /** The rule that judged, e.g. 'child_muac'; with `code` it names the finding ('child_muac' + 'severe'). */
  readonly ruleId: string;
  readonly version: string;
  readonly source: string;
  readonly code: string;
  /** The date of the record judged. */
  readonly date: string;
  /** The value judged, in the unit of the record (cm, mmHg, mg/dL, kg/m², z-score, score). */
  readonly value?: number;
  /** Diastolic pressure, when `value` is the systolic. */
  readonly value2?: number;
}

export interface ProposedReferral extends ReferralAdvice {
  readonly ruleId: string;
  readonly code: string;
  readonly date: string;
  /** Put in Referral.reason so the record names the finding it answers (see referralTag). */
  readonly tag: string;
  /** A referral with this tag was recorded on or after the finding's date. */
  readonly recorded: boolean;
}

type Meta = { readonly id?: string; readonly supersedes?: string };

export type MeasurementRecord = Meta &
  Pick<Measurement, 'date'> &
  Partial<
    Pick<
      Measurement,
      | 'weightKg'
      | 'lengthHeightCm'
      | 'position'
      | 'headCircumferenceCm'
      | 'muacCm'
      | 'waistCm'
      | 'oedema'
      | 'systolicMmHg'
      | 'diastolicMmHg'
      | 'bloodGlucoseMgDl'
      | 'fastingGlucoseMgDl'
    >
  >;
export type PregnancyRecord = Meta &
  Pick<Pregnancy, 'estimatedDueDate'> &
  Partial<Pick<Pregnancy, 'lastMenstrualPeriod' | 'outcome' | 'outcomeDate'>> & { readonly id: string };
export type VisitRecord = Meta &
  Pick<Visit, 'date' | 'kind'> &
  Partial<Pick<Visit, 'taskKey' | 'taskKeys' | 'pregnancyId' | 'contactCode' | 'dangerSigns'>>;
export type ReferralRecord = Meta &
  Pick<Referral, 'date' | 'urgency' | 'reason'> &
  Partial<Pick<Referral, 'resultFor' | 'destination' | 'outcome'>> & { readonly id: string };
export type ScreeningRecord = Meta &
  Pick<Screening, 'date' | 'instrument' | 'answers'> &
  Partial<Pick<Screening, 'score' | 'result'>>;
export type ServiceRecord = Meta & Pick<Service, 'date' | 'service'> & Partial<Pick<Service, 'quantity'>>;
export type ImmunizationRecord = Meta & Pick<Immunization, 'vaccine' | 'date'>;

/** Everything known about one person: the records of the person's own history, nothing from the screen. */
export interface PersonRecords {
  readonly person: {
    readonly id: string;
    readonly birthDate: string;
    readonly sex: 'male' | 'female';
    readonly status?: 'active' | 'moved_out' | 'deceased';
  };
  readonly measurements: readonly MeasurementRecord[];
  readonly immunizations: readonly ImmunizationRecord[];
  readonly pregnancies: readonly PregnancyRecord[];
  /** Births this person gave (as mother) or was born in (as child); a mother's live births are also read here. */
  readonly deliveries?: readonly { readonly motherId: string; readonly childId?: string; readonly date: string }[];
  readonly visits: readonly VisitRecord[];
  readonly referrals: readonly ReferralRecord[];
  readonly screenings: readonly ScreeningRecord[];
  readonly services: readonly ServiceRecord[];
  /** Items left missing on past posyandu days (step 5); they become home-visit tasks too. */
  readonly packageMissing?: readonly { readonly date: string; readonly items: readonly PackageItem[] }[];
}

export interface Assessment {
  readonly personId: string;
  readonly date: string;
  readonly stage: LifeStage;
  readonly judgements: readonly Judgement[];
  /** Today's package: measurements, doses, services and screenings expected, done and missing. */
  readonly package: DailyPackage;
  /** Doses and services that can be given on the date. */
  readonly servicesDue: readonly PackageItem[];
  readonly referrals: readonly ProposedReferral[];
  readonly homeVisitTasks: readonly FollowUpTask[];
  /** The Cek Kesehatan Gratis birthday window open now or next; null at school ages (checked at school). */
  readonly birthdayCheck: BirthdayCheck | null;
}
