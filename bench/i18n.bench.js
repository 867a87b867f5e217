// Translations, side by side with i18next in one process: the core's translate() against
// i18next's t(), and error lines (format/details) against the JS pipeline they replace.
//   npm run bench:i18n            (builds the WASM first if it is out of date)
import i18next from 'i18next';
import { init } from 'lms-errors';
import { median, measureInterleaved } from './support.js';

const resources = {
  'en-GB': {
    common: {
      'entity.student': 'student',
      'validation.maxLength_one': 'Must be at most {{count}} character',
      'validation.maxLength_other': 'Must be at most {{count}} characters',
      'import.FIELD_INVALID': 'The value must be one of: {{allowedValues}}',
      'details.field': '{{field}}: {{message}}',
      'details.import': '{{column}}, {{rows}}: {{message}}',
      'details.rows_one': 'row {{ranges}}',
      'details.rows_other': 'rows {{ranges}}',
      'details.listSeparator': ', ',
      'details.rangeSeparator': '–',
    },
    nestjs: { NOT_FOUND: '{{entity}} not found', NOT_FOUND_pupil: 'We could not find that {{entity}}' },
  },
  cy: {
    common: {
      'entity.student': 'myfyriwr',
      'details.rows_zero': 'dim rhesi {{ranges}}', 'details.rows_one': 'rhes {{ranges}}', 'details.rows_two': 'dwy res {{ranges}}',
      'details.rows_few': '{{count}} rhes {{ranges}}', 'details.rows_many': '{{count}} rhes {{ranges}}', 'details.rows_other': '{{count}} rhes {{ranges}}',
    },
    nestjs: { NOT_FOUND: "Heb ddod o hyd i'r {{entity}}" },
  },
};

const t = i18next.createInstance();
await t.init({ resources, lng: 'en-GB', fallbackLng: 'en-GB', keySeparator: false, ns: ['common', 'nestjs'], defaultNS: 'common', initAsync: false, showSupportNotice: false });
// format() and details() return plain text: their JS counterparts use an instance that does
// not HTML-escape (as an app rendering text would configure it).
const plain = i18next.createInstance();
await plain.init({ resources, lng: 'en-GB', fallbackLng: 'en-GB', keySeparator: false, ns: ['common', 'nestjs'], defaultNS: 'common', initAsync: false, showSupportNotice: false, interpolation: { escapeValue: false } });
const lms = await init();
for (const [locale, namespaces] of Object.entries(resources))
  for (const [ns, keys] of Object.entries(namespaces)) lms.addResources(locale, ns, keys);

const rows = [];
function compare(name, ours, theirs, iterations, goal) {
  const [a, b] = measureInterleaved([ours, theirs], iterations).map(median);
  rows.push({ name, lms: a, js: b, ratio: a / b, goal });
}

// 1. t('NOT_FOUND', {entity}) — the reference call.
let sink = '';
const check = (ours, theirs) => {
  if (ours !== theirs) throw new Error(`outputs differ: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
};
check(lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs' }), t.t('NOT_FOUND', { entity: 'student', ns: 'nestjs' }));
compare("translate('NOT_FOUND', {entity}) en-GB",
  () => { sink = lms.translate('NOT_FOUND', { entity: 'student' }, { ns: 'nestjs' }); },
  () => { sink = t.t('NOT_FOUND', { entity: 'student', ns: 'nestjs' }); }, 200000, 'translate ≤ 1 µs');
compare("translate('NOT_FOUND', {entity}) cy-GB, pupil context",
  () => { sink = lms.translate('NOT_FOUND', { entity: 'myfyriwr' }, { ns: 'nestjs', locale: 'cy-GB', context: 'pupil' }); },
  () => { sink = t.t('NOT_FOUND', { entity: 'myfyriwr', ns: 'nestjs', lng: 'cy-GB', context: 'pupil' }); }, 200000);
compare("translate('details.rows', {count, ranges}) cy plural",
  (i) => { sink = lms.translate('details.rows', { count: i % 7, ranges: '2–5, 8' }, { locale: 'cy' }); },
  (i) => { sink = t.t('details.rows', { count: i % 7, ranges: '2–5, 8', lng: 'cy' }); }, 200000);

// 2. format(err): one UI line; the JS side does what an app would: entity, t(), code.
const err = { dialect: 'nestjs', code: 'NOT_FOUND', status: 404, message: 'Student not found', known: true, params: { entity: 'student' }, fieldErrors: [], importErrors: [], retryAfterMs: null, rateLimit: null };
const jsFormat = (e, lng) => {
  const entity = plain.exists(`entity.${e.params.entity}`, { lng }) ? plain.t(`entity.${e.params.entity}`, { lng }) : e.params.entity;
  return `${plain.t(e.code, { ...e.params, entity, lng, ns: e.dialect })} [${e.code}]`;
};
check(lms.format(err, { locale: 'cy' }), jsFormat(err, 'cy'));
compare('format(err) cy vs i18next exists() + t() + code', () => { sink = lms.format(err, { locale: 'cy' }); }, () => { sink = jsFormat(err, 'cy'); }, 100000);

// 3. details() of a 10,000-error import report vs JSON-free i18next per item.
const importErrors = Array.from({ length: 10000 }, (_, k) => ({ code: 'FIELD_INVALID', column: `col${k % 17}`, rows: [[k + 2, k + 5], [k + 9, k + 9]], allowedValues: ['MALE', 'FEMALE'] }));
const big = { ...err, code: 'IMPORT_VALIDATION_FAILED', importErrors };
const jsDetails = (e, lng) => e.importErrors.map((item) => {
  const ranges = item.rows.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
  const count = item.rows.reduce((sum, [a, b]) => sum + b - a + 1, 0);
  const rows = plain.t('details.rows', { count, ranges, lng });
  const message = plain.t(`import.${item.code}`, { allowedValues: item.allowedValues.join(', '), lng });
  return plain.t('details.import', { column: item.column, rows, message, lng });
});
check(JSON.stringify(lms.details(big)), JSON.stringify(jsDetails(big, 'en-GB')));
compare('details(10,000 import errors) vs t() ×3 per error', () => { sink = lms.details(big); }, () => { sink = jsDetails(big, 'en-GB'); }, 5, 'details ≤ ½ JS');

const { readFile } = await import('node:fs/promises');
const i18nextVersion = JSON.parse(await readFile(new URL('../node_modules/i18next/package.json', import.meta.url), 'utf8')).version;
console.log(`node ${process.version}, i18next ${i18nextVersion}; median of 7 interleaved rounds`);
console.log('| case | lms-errors µs/op | i18next µs/op | ratio | goal |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const row of rows) {
  const digits = row.lms > 1000 ? 0 : 3;
  console.log(`| ${row.name} | ${row.lms.toFixed(digits)} | ${row.js.toFixed(digits)} | ${row.ratio.toFixed(2)} | ${row.goal ?? ''} |`);
}
if (sink === undefined) console.log(sink);
