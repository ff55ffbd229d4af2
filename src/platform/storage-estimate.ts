/** How much this origin stores, and whether the browser promised not to evict it. */
export interface StorageEstimate {
  usedBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

/**
 * Asks the browser not to evict our data under storage pressure. Chrome decides silently, Firefox asks the
 * user; either way the answer may be false, and the app keeps working.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return false;
  if (storage.persisted && (await storage.persisted())) return true;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

export async function estimateStorage(): Promise<StorageEstimate> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return { usedBytes: 0, quotaBytes: 0, persisted: false };
  const [estimate, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted ? storage.persisted().catch(() => false) : Promise.resolve(false),
  ]);
  return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted };
}
