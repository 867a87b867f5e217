// What the pupil and teacher pages share: loading the core and the locale files, the locale
// switcher (?locale= in the URL, remembered in localStorage, <html lang dir>), the page's own
// strings (namespace `demo`), and forwarding the page's scripted fault to the demo API.
import { init } from '../index.js';
import { setLms } from '../components/lms-error.js';

export const LOCALES = Object.freeze([
  { id: 'en-GB', name: 'English' },
  { id: 'cy', name: 'Cymraeg' },
  { id: 'pl', name: 'Polski' },
  { id: 'ar', name: 'العربية' },
]);
const NAMESPACES = ['common', 'lms', 'wrapped', 'nestjs', 'okflag', 'problem', 'http', 'network'];
const SOURCE_LOCALE = 'en-GB';
const STORAGE_KEY = 'lms-errors-demo:locale';
const FAULT_PARAMS = ['fault', 'faultOn', 'faultParams', 'faultMessage'];

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) return null; // a locale without this file falls back to en-GB in the core
  return response.json();
}

function chooseLocale(wanted) {
  for (const candidate of wanted) {
    if (!candidate) continue;
    const exact = LOCALES.find((locale) => locale.id.toLowerCase() === candidate.toLowerCase());
    if (exact) return exact.id;
    const language = LOCALES.find((locale) => locale.id.split('-')[0] === candidate.toLowerCase().split('-')[0]);
    if (language) return language.id;
  }
  return SOURCE_LOCALE;
}

function storedLocale() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled
  }
}

/**
 * Starts a page: resolves to { lms, locale, t, api, setLocale }. `onLocaleChange(locale)` is
 * called after the switcher changed the locale, to re-render dynamic content.
 */
export async function startPage({ onLocaleChange = () => {} } = {}) {
  const lms = await init();
  setLms(lms);
  const loaded = new Map(); // locale -> Promise<direction>
  const load = (locale) => {
    if (!loaded.has(locale)) {
      loaded.set(
        locale,
        (async () => {
          const [demo, ...files] = await Promise.all([
            fetchJson(`/web/demo/i18n/${locale}.json`),
            ...NAMESPACES.map((ns) => fetchJson(`/i18n/${locale}/${ns}.json`)),
          ]);
          files.forEach((resources, i) => resources && lms.addResources(locale, NAMESPACES[i], resources));
          if (demo) lms.addResources(locale, 'demo', demo);
          return files[0]?.$meta?.direction === 'rtl' || demo?.$meta?.direction === 'rtl' ? 'rtl' : 'ltr';
        })(),
      );
    }
    return loaded.get(locale);
  };

  const params = new URLSearchParams(location.search);
  const run = crypto.randomUUID(); // this page load's id for "the next n calls" faults
  const page = {
    lms,
    locale: chooseLocale([params.get('locale'), storedLocale(), ...(navigator.languages ?? [])]),
    /** A string of the page (namespace `demo`). */
    t(key, values = {}, options = {}) {
      return lms.translate(key, values, { locale: page.locale, ns: 'demo', ...options });
    },
    /** An API URL carrying this page's scripted fault (?fault=…), if any. */
    api(path) {
      const url = new URL(path, location.origin);
      if (params.has('fault')) {
        for (const name of FAULT_PARAMS) if (params.has(name)) url.searchParams.set(name, params.get(name));
        url.searchParams.set('run', run);
      }
      return url.pathname + url.search;
    },
    async setLocale(locale) {
      const [direction] = await Promise.all([load(locale), load(SOURCE_LOCALE)]);
      page.locale = locale;
      document.documentElement.lang = locale;
      document.documentElement.dir = direction;
      for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = page.t(node.dataset.i18n);
      for (const node of document.querySelectorAll('lms-error')) node.locale = locale;
      const select = document.getElementById('locale');
      if (select) select.value = locale;
    },
  };

  const select = document.getElementById('locale');
  if (select) {
    for (const { id, name } of LOCALES) {
      const option = new Option(name, id);
      option.lang = id;
      select.add(option);
    }
    select.addEventListener('change', async () => {
      const locale = select.value;
      const url = new URL(location.href);
      url.searchParams.set('locale', locale);
      history.replaceState(history.state, '', url);
      try {
        localStorage.setItem(STORAGE_KEY, locale);
      } catch {
        // storage disabled: the URL still carries the choice
      }
      await page.setLocale(locale);
      onLocaleChange(locale);
    });
  }
  await page.setLocale(page.locale);
  return page;
}

/** Creates an <lms-error> for this page's audience and locale. */
export function errorElement(page, audience) {
  const element = document.createElement('lms-error');
  element.setAttribute('audience', audience);
  element.locale = page.locale;
  return element;
}
