import { useEffect, useState } from 'preact/hooks';
import { parseGrowthTables, type TablesResult } from '../../domain/growth/index.ts';

let loading: Promise<TablesResult> | null = null;

/**
 * WHO's tables are a precached static file generated at install (public/growth/), fetched once on first need so
 * they stay out of the initial bundle. Offline, the service worker answers from its cache.
 */
function loadGrowthTables(): Promise<TablesResult> {
  loading ??= fetch('/growth/who-tables.json')
    .then((response) => (response.ok ? response.json() : null))
    .then((json: unknown) => parseGrowthTables(json))
    .catch(() => parseGrowthTables(null));
  return loading;
}

/** undefined while loading; then the tables, or why they are missing. */
export function useGrowthTables(): TablesResult | undefined {
  const [result, setResult] = useState<TablesResult | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadGrowthTables().then((loaded) => {
      if (live) setResult(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return result;
}
