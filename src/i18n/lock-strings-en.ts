/**
 * The app lock, PIN recovery and signing out of the phone, in English.
 * Part of the catalogue (spread there); kept in its own file so each stays readable.
 */
export const LOCK_STRINGS_EN = {
  signOut: 'Sign out of this phone',
  signOutQuestion:
    'All of {posyandu}’s data will be removed from this phone. What was sent stays safe at the puskesmas. Go on?',
  signOutConfirm: 'Yes, sign out and remove it',
  signOutRefused:
    'Cannot sign out yet: {count} records are not sent or need checking. Send them first, or check "Needs checking".',

  // App lock (LockScreen, start.tsx) and the re-enrollment guard.
  pinSetTitle: 'Create a PIN',
  pinConfirmTitle: 'Repeat the PIN',
  pinUnlockTitle: 'Enter your PIN',
  pinSetIntro:
    'Create a 6-digit PIN to lock the app. The records on this phone are stored locked and open only with this PIN. Tell nobody.',
  pinUnlockIntro: 'The app is locked. {kader}, enter your PIN.',
  pinLabel: 'PIN (6 digits)',
  pinAgainLabel: 'Type the same PIN again',
  pinNext: 'Next',
  pinSave: 'Save PIN',
  pinUnlock: 'Open',
  pinBusy: 'One moment…',
  pinSixDigits: 'The PIN must be 6 digits.',
  pinMismatch: 'The two PINs differ. Create the PIN again from the start.',
  pinWrong: 'Wrong PIN. {left} more tries before a wait.',
  pinWait: 'Too many wrong PINs. Wait {time}, then try again.',
  pinWaitSeconds: '{n} seconds',
  pinWaitMinutes: '{n} minutes',
  pinSetFailed: 'The PIN was not saved. Try again.',
  pinForgotten:
    'Forgot the PIN? Do not delete the app or its data: records not yet sent are on this phone. Contact the puskesmas staff.',
  reenrollBlocked:
    'This phone still holds {count} records not yet sent or needing a check. Send and check them all before enrolling this phone for another kader or posyandu.',
  // Forgotten PIN: recovery with the code from the puskesmas (RecoveryScreen).
  recoveryOpen: 'Forgot the PIN?',
  recoveryTitle: 'Forgotten PIN',
  recoveryIntro:
    'Go to the puskesmas and ask for the recovery code of this phone. The staff check who you are and read the code out. Type it here. All data on this phone stays safe.',
  recoveryCodeLabel: 'Recovery code (16 letters and digits)',
  recoveryCodeShape: 'A recovery code has 16 letters and digits, for example 7KQ2-M9XD-4TNB-WC3E. Check it again.',
  recoveryWrong: 'Wrong recovery code. {left} more tries before a wait.',
  recoveryNewPinTitle: 'Make a new PIN',
  recoveryNewPinIntro:
    'The code is right. Now make a new 6-digit PIN. The recovery code stops working once the phone has synced.',
  recoveryCancel: 'Cancel, back to the PIN',
};
