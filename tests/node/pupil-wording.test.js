// Pupil wording (ages 5-11), checked against what <lms-error> shows beside it: the message and
// the action button agree (a "Try again" sentence never sits beside "Start again"), the title
// is not repeated by the message ("Oops! Oops!"), and no message blames the child or borrows
// another error's words (a sign-in "Too many tries!" on a question).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { init } from 'lms-errors';

const LOCALES = ['en-GB', 'cy', 'pl', 'ar'];
const DIALECTS = ['lms', 'wrapped', 'nestjs', 'okflag', 'problem', 'http', 'network'];
const file = async (locale, ns) => JSON.parse(await readFile(new URL(`../../i18n/${locale}/${ns}.json`, import.meta.url), 'utf8'));

// en-GB: what a pupil message says to do, per action of its catalogue entry. The words of the
// button (common ui.action.<action>_pupil) or the same request in other words.
const SAYS = {
  retry: /try again|we'll (try|send)/i,
  wait: /break|wait|in a moment|try again/i,
  refresh: /sign in/i,
  login: /sign in/i,
  reload: /start again/i,
  fix: /check|choose|type|shorter/i,
  contact: /ask (your teacher|a grown-up)/i,
  none: /carry on/i,
};
// Words that tell the pupil to do what another action's button does.
const CONTRADICTS = {
  reload: /try again|ask your teacher/i,
  refresh: /try again|ask your teacher/i,
  login: /try again|ask your teacher/i,
  contact: /try again|start again|(please )?sign in (again|to)/i,
  fix: /start again|ask your teacher/i,
  none: /try again|ask your teacher/i,
};
const BLAMES = /too many tries|you (did|made|broke)|your fault|wrong!|naughty|stop (it|that)/i;

test('en-GB: every pupil message says what its button does, and nothing else', async () => {
  const lms = await init({ locales: ['en-GB'] });
  const problems = [];
  for (const dialect of DIALECTS) {
    const texts = await file('en-GB', dialect);
    for (const entry of lms.entries(dialect)) {
      const text = texts[`${entry.code}_pupil`];
      if (text === undefined) continue;
      if (!SAYS[entry.action]?.test(text)) problems.push(`${dialect} ${entry.code} (${entry.action}): "${text}" does not say ${SAYS[entry.action]}`);
      if (CONTRADICTS[entry.action]?.test(text)) problems.push(`${dialect} ${entry.code} (${entry.action}): "${text}" asks for another action`);
      if (BLAMES.test(text)) problems.push(`${dialect} ${entry.code}: "${text}" blames the child`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the pupil buttons say what the messages were checked for; refresh is "sign in" everywhere', async () => {
  const lms = await init({ locales: LOCALES });
  for (const [action, words] of Object.entries(SAYS)) {
    if (action === 'none') continue; // "OK"
    const label = lms.translate(`ui.action.${action}`, {}, { locale: 'en-GB', context: 'pupil' });
    assert.match(label, words, `${action}: "${label}"`);
  }
  // refresh and login both end at the sign-in page: in no locale does the button say "Try again".
  for (const locale of LOCALES) {
    const label = (action) => lms.translate(`ui.action.${action}`, {}, { locale, context: 'pupil' });
    assert.notEqual(label('refresh'), label('retry'), locale);
    assert.notEqual(lms.translate('ui.action.refresh', {}, { locale }), lms.translate('ui.action.retry', {}, { locale }), locale);
  }
});

test('every locale: no pupil message repeats the title it is shown under ("Oops! Oops!")', async () => {
  const lms = await init({ locales: LOCALES });
  const problems = [];
  for (const locale of LOCALES) {
    const title = lms.translate('ui.error.title', {}, { locale, context: 'pupil' }).replace(/[!.¡]+$/u, '');
    for (const ns of [...DIALECTS, 'common']) {
      for (const [key, text] of Object.entries(await file(locale, ns))) {
        if (key === 'ui.error.title_pupil' || !key.includes('_pupil') || typeof text !== 'string') continue;
        if (text.toLocaleLowerCase(locale).startsWith(title.toLocaleLowerCase(locale))) problems.push(`${locale}/${ns}.json ${key}: "${text}"`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
