// The closed lists of values the wire contract allows, without zod: the first screens (the household form's
// relations and PIS-PK questions) need the lists, not the schemas built from them (person.ts, household.ts).

/** The 12 PIS-PK Keluarga Sehat indicators (Permenkes 39/2016), in the official order. */
export const PIS_PK_INDICATORS = [
  'familyPlanning',
  'facilityBirth',
  'completeInfantImmunization',
  'exclusiveBreastfeeding',
  'growthMonitored',
  'tuberculosisTreated',
  'hypertensionTreated',
  'mentalIllnessTreated',
  'noSmoker',
  'jknMember',
  'cleanWater',
  'healthyLatrine',
] as const;

export type PisPkIndicator = (typeof PIS_PK_INDICATORS)[number];

/** Relation to the head of family, as printed on the Kartu Keluarga. */
export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'child_in_law',
  'grandchild',
  'parent',
  'parent_in_law',
  'other_relative',
  'housemaid',
  'other',
] as const;

export type Relation = (typeof RELATIONS)[number];

export const PERSON_STATUSES = ['active', 'moved_out', 'deceased'] as const;
