// The wire contract shared by the app and the puskesmas server. Changes here are additive only.
export * from './enrollment.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './held-seqs.ts';
export * from './hlc.ts';
export * from './household.ts';
export * from './ids.ts';
export * from './nik.ts';
export * from './one-time-code.ts';
export * from './person.ts';
export * from './record-meta.ts';
export * from './recovery.ts';
export * from './relay.ts';
export * from './safe-json.ts';
export * from './sync.ts';
export * from './tables.ts';
export * from './validation-messages.ts';
