/**
 * What the form kit says back once a record is kept, in plain Indonesian.
 * Part of the catalogue (spread there); kept in its own file so each stays readable.
 */
export const FORM_STRINGS_ID = {
  tdRecorded: 'Td tanggal {date} sudah dicatat.',
  windowVisitRecorded: 'Kunjungan {code} sudah dicatat.',
  confirmHomeVisit: 'Sudah berkunjung ke {name} hari ini? Tugas kunjungannya ditutup.',
  confirmHomeVisitYes: 'Ya, sudah berkunjung',
  confirmCkg: 'Cek kesehatan {name} sudah dilakukan?',
  confirmCkgYes: 'Ya, sudah cek',
} as const;
