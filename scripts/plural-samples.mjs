// Reads CLDR's own sample numbers for the cardinal plural rules (cldr-core,
// supplemental/plurals.json): "@integer 0, 2~16, 100, 1c6, …  @decimal 0.0~1.5, …".
// Ranges "a~b" are expanded sparsely (both ends, their neighbours and the middle), keeping the
// fraction digits as written ("0.0~1.5" -> 0.0, 0.1, 0.7, 1.4, 1.5); "…" is dropped. Compact
// exponent samples ("1c6", "1.1c3") are kept: the core supports the c/e operand.
// Used by scripts/gen-plural-vectors.mjs and tests/node/i18n-plural.test.js.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

export function cldrPlurals() {
  const supplemental = require('cldr-core/supplemental/plurals.json').supplemental;
  return { version: supplemental.version._cldrVersion, rules: supplemental['plurals-type-cardinal'] };
}

// "12.50" -> { units: 1250n, scale: 2 }
function toScaled(text) {
  const [whole, fraction = ''] = text.split('.');
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function fromScaled(units, scale) {
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function expandRange(from, to) {
  if (/c|e/.test(from) || /c|e/.test(to)) return [from, to];
  const a = toScaled(from);
  const b = toScaled(to);
  const scale = Math.max(a.scale, b.scale);
  const lo = a.units * 10n ** BigInt(scale - a.scale);
  const hi = b.units * 10n ** BigInt(scale - b.scale);
  const picks = new Set([lo, lo + 1n, (lo + hi) / 2n, hi - 1n, hi].filter((u) => u >= lo && u <= hi));
  return [...picks].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).map((u) => fromScaled(u, scale));
}

/** { one: ['1', ...], other: [...] } for one locale's rule object. */
export function samplesOf(localeRules) {
  const result = {};
  for (const category of CATEGORIES) {
    const rule = localeRules[`pluralRule-count-${category}`];
    if (rule === undefined) continue;
    const samples = [];
    for (const part of rule.split('@').slice(1)) {
      const list = part.replace(/^(integer|decimal)/, '');
      for (let item of list.split(',')) {
        item = item.trim();
        if (!item || item === '…') continue;
        if (item.includes('~')) samples.push(...expandRange(...item.split('~')));
        else samples.push(item);
      }
    }
    result[category] = samples;
  }
  return result;
}
