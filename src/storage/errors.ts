import type { z } from 'zod';

/** One problem with the kader's input: where (dotted path, e.g. `members.1.birthDate`) and which message key. */
export interface ValidationIssue {
  path: string;
  /** A key of protocol VALIDATION_MESSAGES; `invalid_value` for shapes no form should produce. */
  key: string;
}

/** Thrown by every repository write whose input breaks the protocol schema or a cross-record rule. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly issues: ValidationIssue[]) {
    super(`invalid input: ${issues.map((i) => `${i.path || '(record)'}: ${i.key}`).join(', ')}`);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`${table} ${id} not found`);
  }
}

/** Records carry the posyandu and the kader: nothing can be saved before the phone is enrolled. */
export class NotEnrolledError extends Error {
  override readonly name = 'NotEnrolledError';
  constructor() {
    super('this device is not enrolled');
  }
}

/** Meta fields are filled by the repository; an issue on them is a bug, not a kader's mistake. */
export function issuesFromZod(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    key: /^[a-z][a-z0-9_]*$/.test(issue.message) ? issue.message : 'invalid_value',
  }));
}

/** The app is locked (a PIN is set and not entered since the last lock): no record can be read or written. */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor() {
    super('the app is locked');
  }
}

/** Signing out of this phone while records wait to be sent or a rejected one is unresolved (sign-out.ts). */
export class SignOutBlockedError extends Error {
  override readonly name = 'SignOutBlockedError';
  constructor(readonly waiting: number) {
    super(`${waiting} records still wait to be sent or checked`);
  }
}

/** Enrolling this phone for another kader or posyandu while records of the current one wait (enrollment-repo.ts). */
export class ReenrollBlockedError extends Error {
  override readonly name = 'ReenrollBlockedError';
  constructor(readonly waiting: number) {
    super(`${waiting} records still wait to be sent or checked`);
  }
}
