declare const __APP_VERSION__: string;

/** The app's version, set at build time from package.json (vite.config.ts `define`). */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
