/**
 * Locks the app after IDLE_LOCK_MS without a touch or a key, and when it comes back to the screen after being
 * away longer than that (timers sleep in a background tab, so the check also runs on return).
 */
export const IDLE_LOCK_MS = 5 * 60_000;
/** How often the idle check runs while the app is in front. */
const CHECK_EVERY_MS = 5_000;

export function startIdleLock(lock: () => void, idleMs: number = IDLE_LOCK_MS): () => void {
  let lastActive = Date.now();
  const active = () => {
    lastActive = Date.now();
  };
  const check = () => {
    if (Date.now() - lastActive >= idleMs) lock();
  };
  const events = ['pointerdown', 'keydown', 'input', 'scroll'] as const;
  for (const name of events) window.addEventListener(name, active, { passive: true, capture: true });
  const onVisible = () => {
    if (document.visibilityState === 'visible') check();
  };
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(check, CHECK_EVERY_MS);
  return () => {
    for (const name of events) window.removeEventListener(name, active, { capture: true });
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
  };
}
