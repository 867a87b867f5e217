// The locales the package ships (i18n/<locale>/), for the browser entry. Only static imports and
// import() of literal paths: every bundler (Vite, webpack, Next.js, Rollup, esbuild) and every
// browser follows them without configuration, where a URL to the i18n/ folder is lost or
// rewritten. en-GB, the fallback, is imported (so it is in the entry itself); the others are
// separate chunks, downloaded when asked for.
import enGB from './locales/en-GB.js';

export const SHIPPED_LOCALES = Object.freeze({
  'en-GB': () => Promise.resolve(enGB),
  ar: () => import('./locales/ar.js').then((module) => module.default),
  cy: () => import('./locales/cy.js').then((module) => module.default),
  pl: () => import('./locales/pl.js').then((module) => module.default),
});
