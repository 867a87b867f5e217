// What the pupil and teacher pages share: loading the core and the locale files, the locale
// switcher (?locale= in the URL, remembered in localStorage, <html lang dir>), the page's own
// strings (namespace `demo`), and forwarding the page's scripted fault to the demo API.
// The package's browser entry as it ships (the bundle scripts/bundle-web.mjs builds from web/).
import { init } from '../../dist/lms-errors.js';
import { setLms } from '../components/lms-error.js';

export const LOCALES = Object.freeze([
  { id: 'en-GB', name: 'English' },
  { id: 'cy', name: 'Cymraeg' },
  { id: 'pl', name: 'Polski' },
  { id: 'ar', name: 'العربية' },
]);
const SOURCE_LOCALE = 'en-GB';
const STORAGE_KEY = 'lms-errors-demo:locale';
// Two retries in the bank instead of the default one (capacity 5 at 5 per retry): the seed
// schedule's second retry is what gets a pupil past a 503 blip (`fault=503x2`) without a tap.
// The cost, from bench/RESULTS.md (10,000 tabs, 30 s outage): peak load 2.05x capacity, not 1.49x.
const RETRY_POLICY = { budget: { capacity: 10 } };
const FAULT_PARAMS = ['fault', 'faultOn', 'faultParams', 'faultMessage'];

// The namespaces each page can meet (its routes' conventions, network failures, the http
// fallback, common): a page downloads these for its locale and nothing else. The shipped
// locales are complete (`lms-errors lint`), so no en-GB copy is needed as a fallback.
const PAGE_NAMESPACES = {
  pupil: ['common', 'lms', 'network', 'http'],
  teacher: ['common', 'lms', 'nestjs', 'wrapped', 'okflag', 'network', 'http'],
};
const ALL_NAMESPACES = ['common', 'lms', 'wrapped', 'nestjs', 'okflag', 'problem', 'http', 'network'];

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) return null; // no demo strings for this locale: en-GB's are used
  return response.json();
}

/** One locale's files of `namespaces` into lms (a missing file rejects, as loadLocale does). */
async function loadNamespaces(lms, locale, namespaces) {
  await Promise.all(namespaces.map(async (ns) => {
    const response = await fetch(`/i18n/${locale}/${ns}.json`);
    if (!response.ok) throw new Error(`i18n/${locale}/${ns}.json: HTTP ${response.status}`);
    lms.addResources(locale, ns, await response.json());
  }));
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
 * called after the switcher changed the locale, to re-render dynamic content. `namespaces`:
 * the locale files the page needs (default: by the page's <body class>, pupil or teacher).
 */
export async function startPage({ onLocaleChange = () => {}, namespaces } = {}) {
  const pageKind = Object.keys(PAGE_NAMESPACES).find((kind) => document.body.classList.contains(kind));
  const needed = namespaces ?? PAGE_NAMESPACES[pageKind] ?? ALL_NAMESPACES;
  const lms = await init({ retry: RETRY_POLICY });
  setLms(lms);
  const loaded = new Map(); // locale -> Promise<'ltr' | 'rtl'>
  const load = (locale) => {
    if (!loaded.has(locale)) {
      // The package's locale files this page needs, plus this demo's own strings, with the
      // en-GB ones under them (the demo's strings are not linted: a new one may be English only).
      const demo = fetchJson(`/web/demo/i18n/${locale}.json`);
      const demoSource = locale === SOURCE_LOCALE ? null : fetchJson(`/web/demo/i18n/${SOURCE_LOCALE}.json`);
      // init() has en-GB already: it is inside the package's entry.
      const namespacesToLoad = locale === SOURCE_LOCALE ? [] : needed;
      loaded.set(
        locale,
        Promise.all([loadNamespaces(lms, locale, namespacesToLoad), demo, demoSource]).then(([, strings, source]) => {
          if (source) lms.addResources(SOURCE_LOCALE, 'demo', source);
          if (strings) lms.addResources(locale, 'demo', strings);
          return strings?.$meta?.direction === 'rtl' ? 'rtl' : 'ltr';
        }),
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
      const direction = await load(locale);
      page.locale = locale;
      document.documentElement.lang = locale;
      document.documentElement.dir = direction;
      for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = page.t(node.dataset.i18n, {}, { ns: node.dataset.i18nNs ?? 'demo' });
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

/** The normalized error and decision of whatever lms.fetch threw (an LmsError, or a bug). */
export function describeFailure(thrown) {
  if (thrown && typeof thrown === 'object' && thrown.error && typeof thrown.error === 'object') {
    return { error: thrown.error, decision: thrown.decision ?? null };
  }
  console.warn('lms-errors demo:', thrown);
  // No code: <lms-error> says ui.error.unknown.
  return { error: { dialect: '', code: '', status: 0, message: String(thrown?.message ?? thrown) }, decision: null };
}

/**
 * The <lms-error>s of one place on the page. Each load or send is a `source` ('question',
 * 'class', …); sources that fail with the same code share one element, whose retry (and wait)
 * button calls the `retry` of every one of them; other actions keep the element's defaults.
 * While any of them waits for an automatic retry, the element shows that countdown. The
 * slot's `data-fix-target` and `data-signin-url` become each element's `fix-target` and
 * `signin-url`.
 */
export function errorList(page, slot, audience) {
  const owners = new Map(); // source -> its element
  const render = (element) => {
    const states = [...element.states.values()];
    const { error, decision } = states.findLast((state) => state.decision?.retry) ?? states.at(-1);
    const retries = states.map((state) => state.retry).filter(Boolean);
    element.retry = retries.length > 0 ? () => retries.forEach((retry) => retry()) : null;
    element.show(error, decision);
  };
  const list = {
    show(source, error, decision, retry = null) {
      const shared = error.code ? [...slot.querySelectorAll('lms-error')].find((element) => element.dataset.code === error.code) : null;
      const element = shared ?? (owners.get(source)?.dataset.code === error.code ? owners.get(source) : null) ?? document.createElement('lms-error');
      if (owners.get(source) !== element) list.clear(source);
      if (!element.isConnected) {
        element.setAttribute('audience', audience);
        if (slot.dataset.fixTarget) element.setAttribute('fix-target', slot.dataset.fixTarget);
        if (slot.dataset.signinUrl) element.setAttribute('signin-url', slot.dataset.signinUrl);
        element.locale = page.locale;
        element.states = new Map(); // source -> { error, decision, retry }
        slot.append(element);
      }
      owners.set(source, element);
      element.states.delete(source); // the latest state last
      element.states.set(source, { error, decision, retry });
      render(element);
      return element;
    },
    clear(source) {
      const element = owners.get(source);
      if (!element) return;
      owners.delete(source);
      element.states.delete(source);
      if (element.states.size === 0) element.remove();
      else render(element);
    },
  };
  return list;
}
