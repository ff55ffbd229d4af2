/**
 * The wire contract's schemas, loaded on first use. zod and the schemas built with it were a fifth of the phone's
 * first download, and nothing before the first save, enrollment or pull validates anything (the PIN screen and
 * the enrolled home only read). The phone loads them from the service worker's precache like any lazy chunk, so
 * this works offline from a cold start. The server imports the schemas directly and never goes through here.
 */
import type * as Schemas from './index.ts';

export type WireSchemas = typeof Schemas;

let loaded: WireSchemas | undefined;
let loading: Promise<WireSchemas> | undefined;

export function loadWireSchemas(): Promise<WireSchemas> {
  loading ??= import('./index.ts').then(
    (schemas) => (loaded = schemas),
    (error: unknown) => {
      // A failed chunk load (an update replaced the files) may succeed on the next attempt: do not keep it.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The schemas, for synchronous code that runs only after an awaited loadWireSchemas(). */
export function wireSchemas(): WireSchemas {
  if (!loaded) throw new Error('wire schemas used before loadWireSchemas() resolved');
  return loaded;
}
