/**
 * The question whether a child's family owns the paper Buku KIA / KMS (the K of SKDN), in English.
 * Part of the catalogue (spread there); kept in its own file so each stays readable.
 */
export const KIA_BOOK_STRINGS_EN = {
  kiaBookQuestion: 'Has a Buku KIA / KMS?',
  kiaBookYes: 'Yes, has one',
  kiaBookNo: 'Does not have one',
  kiaBookSaved: 'Saved: {answer}.',
  kiaBookSaveFailed: 'The answer is not saved yet. Tap again.',
} as const;
