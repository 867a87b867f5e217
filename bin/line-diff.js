// A unified diff of two texts by lines (longest common subsequence), for `codegen --check`:
// generated files are at most a few thousand lines, so the quadratic table stays small.

const CONTEXT = 3;
const MAX_CELLS = 25_000_000; // beyond this the changed middle is shown as one replacement

function lines(text) {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

// Edit script of a and b: ' ', '-' or '+' per line, in order.
function edits(a, b) {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const out = a.slice(0, start).map((line) => [' ', line]);
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) {
    for (let i = start; i < endA; i++) out.push(['-', a[i]]);
    for (let j = start; j < endB; j++) out.push(['+', b[j]]);
  } else {
    // lcs[i][j]: the common subsequence length of a[start+i..endA) and b[start+j..endB).
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) out.push([' ', a[start + i++]]), j++;
      else if (i < n && (j === m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) out.push(['-', a[start + i++]]);
      else out.push(['+', b[start + j++]]);
    }
  }
  for (let i = endA; i < a.length; i++) out.push([' ', a[i]]);
  return out;
}

/** "" when the texts are equal; else a unified diff from `a` (fromName) to `b` (toName). */
export function unifiedDiff(a, b, fromName, toName) {
  if (a === b) return '';
  const script = edits(lines(a), lines(b));
  let text = `--- ${fromName}\n+++ ${toName}\n`;
  let k = 0;
  while (k < script.length) {
    if (script[k][0] === ' ') {
      k++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
    // that is at most 2 * CONTEXT unchanged lines from the previous one.
    const first = Math.max(0, k - CONTEXT);
    let last = k;
    for (let probe = k; probe < script.length && probe <= last + 2 * CONTEXT; probe++) if (script[probe][0] !== ' ') last = probe;
    const end = Math.min(script.length, last + CONTEXT + 1);
    let lineA = 1;
    let lineB = 1;
    for (let p = 0; p < first; p++) {
      if (script[p][0] !== '+') lineA++;
      if (script[p][0] !== '-') lineB++;
    }
    const hunk = script.slice(first, end);
    const countA = hunk.filter(([op]) => op !== '+').length;
    const countB = hunk.filter(([op]) => op !== '-').length;
    text += `@@ -${countA ? lineA : lineA - 1},${countA} +${countB ? lineB : lineB - 1},${countB} @@\n`;
    for (const [op, line] of hunk) text += `${op}${line}\n`;
    k = end;
  }
  return text;
}
