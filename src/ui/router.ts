import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routing (`#/keluarga/123`): every address is served by the one cached index.html, so deep links and
 * reloads work offline without server help.
 */
export function currentPath(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(path: string): void {
  location.hash = path.startsWith('#') ? path : `#${path}`;
}

export function useRoute(): string[] {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => {
      const next = currentPath();
      setPath((shown) => (shown.join('/') === next.join('/') ? shown : next));
    };
    addEventListener('hashchange', onChange);
    // The path was read at render. The app mounts after the database and the locale are ready, so a link
    // followed in between (a notification, a test, a quick tap) changed the hash with nobody listening: read it
    // again now, or the screen stays on the old address for good.
    onChange();
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return path;
}
