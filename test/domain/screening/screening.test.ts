import { describe, expect, it } from 'vitest';
import {
  BMI_KEMENKES_PGS,
  classifyAdultBmi,
  classifyBloodPressure,
  classifyRandomGlucose,
  hasCentralObesity,
  WAIST_TABLE,
} from '../../../src/domain/screening/adult-cut-offs.ts';
import {
  scoreBarthel,
  PUMA_ASIK,
  PUMA_ILP,
  scorePuma,
  scoreSkilas,
  scoreSrq20,
  scoreTbSymptoms,
} from '../../../src/domain/screening/questionnaires.ts';

describe('blood pressure', () => {
  it('grades at each boundary, the higher of systolic and diastolic winning', () => {
    const cat = (s: number, d: number) => classifyBloodPressure(s, d).category;
    expect(cat(119, 79)).toBe('optimal');
    expect(cat(120, 70)).toBe('normal');
    expect(cat(110, 80)).toBe('normal');
    expect(cat(129, 84)).toBe('normal');
    expect(cat(130, 70)).toBe('high_normal');
    expect(cat(110, 85)).toBe('high_normal');
    expect(cat(139, 89)).toBe('high_normal');
    expect(cat(140, 80)).toBe('hypertension_1');
    expect(cat(130, 90)).toBe('hypertension_1');
    expect(cat(159, 99)).toBe('hypertension_1');
    expect(cat(160, 85)).toBe('hypertension_2');
    expect(cat(150, 100)).toBe('hypertension_2');
    expect(cat(180, 80)).toBe('hypertension_3');
    expect(cat(120, 110)).toBe('hypertension_3');
  });

  it('refers from 140/90, flags isolated systolic and urgent from 180/110', () => {
    expect(classifyBloodPressure(139, 89).refer).toBe(false);
    expect(classifyBloodPressure(140, 85)).toMatchObject({ refer: true, isolatedSystolic: true, urgent: false });
    expect(classifyBloodPressure(135, 90)).toMatchObject({ refer: true, isolatedSystolic: false });
    expect(classifyBloodPressure(182, 95).urgent).toBe(true);
  });
});

describe('random blood glucose', () => {
  it('is normal below 140, recheck 140-199, suspected diabetes from 200', () => {
    expect(classifyRandomGlucose(139)).toBe('normal');
    expect(classifyRandomGlucose(140)).toBe('recheck');
    expect(classifyRandomGlucose(199)).toBe('recheck');
    expect(classifyRandomGlucose(200)).toBe('suspected_diabetes');
  });
});

describe('adult BMI', () => {
  // Height 200 cm makes BMI = weight / 4, so boundaries are exact.
  const asia = (weightKg: number) => classifyAdultBmi(weightKg, 200).category;
  const pgs = (weightKg: number) => classifyAdultBmi(weightKg, 200, BMI_KEMENKES_PGS).category;

  it('reads the Asia-Pacific (ASIK) table with exclusive upper bounds, on the BMI rounded to one decimal', () => {
    expect(asia(73.6)).toBe('underweight'); // 18.4
    expect(asia(73.9)).toBe('normal'); // 18.475 reads 18.5
    expect(asia(74)).toBe('normal'); // 18.5
    expect(asia(91.6)).toBe('normal'); // 22.9
    expect(asia(92)).toBe('overweight'); // 23.0
    expect(asia(99.6)).toBe('overweight'); // 24.9
    expect(asia(100)).toBe('obese_1'); // 25.0
    expect(asia(120)).toBe('obese_2'); // 30.0
  });

  it('reads the older Kemenkes table with 25.0 and 27.0 inclusive', () => {
    expect(pgs(67.6)).toBe('very_thin'); // 16.9
    expect(pgs(68)).toBe('thin'); // 17.0
    expect(pgs(74)).toBe('normal');
    expect(pgs(100)).toBe('normal'); // 25.0
    expect(pgs(100.1)).toBe('normal'); // 25.025 reads 25.0
    expect(pgs(100.4)).toBe('overweight'); // 25.1
    expect(pgs(108)).toBe('overweight'); // 27.0
    expect(pgs(108.4)).toBe('obese'); // 27.1
  });

  it('judges 64 kg at 160 cm as the 25.0 a kader reads, not the float 24.999…', () => {
    expect(classifyAdultBmi(64, 160)).toMatchObject({ bmi: 25, category: 'obese_1' });
    expect(classifyAdultBmi(64, 160, BMI_KEMENKES_PGS)).toMatchObject({ bmi: 25, category: 'normal' });
    expect(classifyAdultBmi(63.9, 160)).toMatchObject({ bmi: 25, category: 'obese_1' }); // 24.96 reads 25.0
    expect(classifyAdultBmi(63.7, 160)).toMatchObject({ bmi: 24.9, category: 'overweight' }); // 24.88
  });

  it('rounds the BMI for display and rejects impossible input', () => {
    expect(classifyAdultBmi(60, 160)).toMatchObject({ bmi: 23.4, category: 'overweight' });
    expect(() => classifyAdultBmi(60, 0)).toThrow(RangeError);
  });
});

describe('waist circumference', () => {
  it('flags central obesity above 90 cm for men and 80 cm for women, configurably', () => {
    expect(hasCentralObesity(90, 'male')).toBe(false);
    expect(hasCentralObesity(90.1, 'male')).toBe(true);
    expect(hasCentralObesity(80, 'female')).toBe(false);
    expect(hasCentralObesity(80.5, 'female')).toBe(true);
    expect(hasCentralObesity(80, 'female', { ...WAIST_TABLE, comparison: 'gte' })).toBe(true);
  });
});

describe('questionnaires', () => {
  const puma = {
    sex: 'male' as const,
    ageYears: 62,
    cigarettesPerDay: 20,
    yearsSmoked: 31,
    breathlessWalking: true,
    phlegm: true,
    cough: false,
    spirometryOffered: false,
  };

  it('scores PUMA and refers from 6 by the ILP guide, from 7 by the ASIK table', () => {
    // male 1 + age >= 60 2 + 31 pack-years 2 + 2 yes = 7
    expect(scorePuma(puma)).toMatchObject({
      score: 7,
      refer: true,
      result: 'suspected_copd',
      version: 'puma-ilp-2023/r1',
    });
    // 30 pack-years is the 20-30 band (1 point): 6, the ILP cut-off itself; ASIK does not refer at 6
    expect(scorePuma({ ...puma, yearsSmoked: 30 })).toMatchObject({ score: 6, refer: true });
    expect(scorePuma({ ...puma, yearsSmoked: 30 }, PUMA_ASIK)).toMatchObject({ score: 6, refer: false });
    expect(scorePuma(puma, PUMA_ASIK)).toMatchObject({ score: 7, refer: true, version: 'puma-asik/r1' });
    // one below the ILP cut-off
    expect(scorePuma({ ...puma, yearsSmoked: 30, phlegm: false })).toMatchObject({ score: 5, refer: false });
    expect(scorePuma({ ...puma, ageYears: 50, cigarettesPerDay: 10, yearsSmoked: 10 }).score).toBe(4);
    expect(() => scorePuma({ ...puma, ageYears: 39 })).toThrow(RangeError);
    expect(PUMA_ILP.askedOf).toBe('everyone');
    expect(PUMA_ASIK.askedOf).toBe('smokers');
  });

  it('scores SRQ-20 and refers from 6 yes, or at any score when item 17 is yes', () => {
    const answers = (yes: number) => Array.from({ length: 20 }, (_, i) => i < yes);
    expect(scoreSrq20(answers(5)).refer).toBe(false);
    expect(scoreSrq20(answers(6))).toMatchObject({ score: 6, refer: true, result: 'probable_disorder' });
    expect(scoreSrq20(answers(7)).refer).toBe(true);
    const only17 = Array.from({ length: 20 }, (_, i) => i === 16);
    expect(scoreSrq20(only17)).toMatchObject({ score: 1, refer: true, result: 'self_harm_thoughts' });
    const only16 = Array.from({ length: 20 }, (_, i) => i === 15);
    expect(scoreSrq20(only16).refer).toBe(false);
    expect(() => scoreSrq20(answers(6).slice(1))).toThrow(RangeError);
  });

  it('makes anyone with one TB symptom presumptive, and a contact without symptoms an evaluation', () => {
    expect(
      scoreTbSymptoms({ ageYears: 30, symptoms: [false, false, true, false], householdContact: false }),
    ).toMatchObject({
      instrument: 'tb_symptoms',
      result: 'presumptive_tb',
      refer: true,
    });
    expect(
      scoreTbSymptoms({ ageYears: 8, symptoms: [false, false, false, false], householdContact: true }),
    ).toMatchObject({
      instrument: 'tb_symptoms_child',
      result: 'contact_evaluate_latent',
    });
    expect(
      scoreTbSymptoms({ ageYears: 30, symptoms: [false, false, false, false], householdContact: false }).refer,
    ).toBe(false);
  });

  it('bands Barthel ADL 0-20 and reads SKILAS domains', () => {
    const items = (total: number) => Array.from({ length: 10 }, (_, i) => (i < total / 2 ? 2 : 0));
    expect(scoreBarthel(items(20)).result).toBe('independent');
    expect(scoreBarthel(items(12)).result).toBe('mild_dependence');
    expect(scoreBarthel(items(10)).result).toBe('moderate_dependence');
    expect(scoreBarthel([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]).result).toBe('severe_dependence');
    expect(scoreBarthel([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]).result).toBe('total_dependence');
    expect(scoreSkilas({ vision: true, hearing: false })).toMatchObject({ refer: true, positiveDomains: ['vision'] });
    expect(scoreSkilas({}).refer).toBe(false);
  });
});
