/**
 * The app lock, PIN recovery and signing out of the phone, in plain Indonesian.
 * Part of the catalogue (spread there); kept in its own file so each stays readable.
 */
export const LOCK_STRINGS_ID = {
  signOut: 'Keluar dari HP ini',
  signOutQuestion:
    'Semua data {posyandu} akan dihapus dari HP ini. Yang sudah terkirim tetap aman di puskesmas. Lanjutkan?',
  signOutConfirm: 'Ya, keluar dan hapus dari HP',
  signOutRefused:
    'Belum bisa keluar: {count} catatan belum terkirim atau perlu diperiksa. Kirim dulu, atau periksa di "Perlu diperiksa".',

  // App lock (LockScreen, start.tsx) and the re-enrollment guard.
  pinSetTitle: 'Buat PIN',
  pinConfirmTitle: 'Ulangi PIN',
  pinUnlockTitle: 'Masukkan PIN',
  pinSetIntro:
    'Buat PIN 6 angka untuk mengunci aplikasi. Data warga di HP ini disimpan terkunci dan hanya terbuka dengan PIN ini. Jangan beri tahu siapa pun.',
  pinUnlockIntro: 'Aplikasi terkunci. {kader}, masukkan PIN Anda.',
  pinLabel: 'PIN (6 angka)',
  pinAgainLabel: 'Ketik PIN yang sama sekali lagi',
  pinNext: 'Lanjut',
  pinSave: 'Simpan PIN',
  pinUnlock: 'Buka',
  pinBusy: 'Sebentar…',
  pinSixDigits: 'PIN harus 6 angka.',
  pinMismatch: 'Kedua PIN tidak sama. Buat PIN lagi dari awal.',
  pinWrong: 'PIN salah. Masih bisa mencoba {left} kali lagi sebelum harus menunggu.',
  pinWait: 'Terlalu sering salah PIN. Tunggu {time}, lalu coba lagi.',
  pinWaitSeconds: '{n} detik',
  pinWaitMinutes: '{n} menit',
  pinSetFailed: 'PIN belum tersimpan. Coba lagi.',
  pinForgotten:
    'Lupa PIN? Jangan hapus aplikasi atau datanya: catatan yang belum terkirim ada di HP ini. Hubungi petugas puskesmas.',
  reenrollBlocked:
    'HP ini masih menyimpan {count} catatan yang belum terkirim atau perlu diperiksa. Kirim dan periksa dulu semuanya sebelum mendaftarkan HP ini untuk kader atau posyandu lain.',
  // Lupa PIN: recovery with the code from the puskesmas (RecoveryScreen).
  recoveryOpen: 'Lupa PIN?',
  recoveryTitle: 'Lupa PIN',
  recoveryIntro:
    'Datang ke puskesmas dan minta kode pemulihan untuk HP ini. Petugas akan memeriksa identitas Anda lalu membacakan kodenya. Ketik kode itu di sini. Semua data di HP ini tetap aman.',
  recoveryCodeLabel: 'Kode pemulihan (16 huruf dan angka)',
  recoveryCodeShape: 'Kode pemulihan terdiri dari 16 huruf dan angka, misalnya 7KQ2-M9XD-4TNB-WC3E. Periksa lagi.',
  recoveryWrong: 'Kode pemulihan salah. Masih bisa mencoba {left} kali lagi sebelum harus menunggu.',
  recoveryNewPinTitle: 'Buat PIN baru',
  recoveryNewPinIntro:
    'Kode benar. Sekarang buat PIN baru 6 angka. Kode pemulihan tadi tidak berlaku lagi setelah HP ini tersambung ke puskesmas.',
  recoveryCancel: 'Batal, kembali ke PIN',
};
