/**
 * The question whether a child's family owns the paper Buku KIA / KMS (the K of SKDN), in the kader's words.
 * Part of the catalogue (spread there); kept in its own file so each stays readable.
 */
export const KIA_BOOK_STRINGS_ID = {
  kiaBookQuestion: 'Punya Buku KIA / KMS?',
  kiaBookYes: 'Ya, punya',
  kiaBookNo: 'Tidak punya',
  kiaBookSaved: 'Tersimpan: {answer}.',
  kiaBookSaveFailed: 'Jawaban belum tersimpan. Coba tekan lagi.',
} as const;
