// The demo API's pupil CSV import: parses the upload and validates it the way seed 003's import
// pipeline reports problems — one ImportValidationErrorDto per (code, column), with the rows it
// applies to compacted as "2-5, 8". Row 1 is the header row, so the first pupil is row 2.

export const REQUIRED_COLUMNS = Object.freeze(['first_name', 'last_name', 'gender']);
export const GENDERS = Object.freeze(['MALE', 'FEMALE', 'OTHER']);
export const MAX_LENGTH = Object.freeze({ first_name: 50, last_name: 50 });
export const MAX_CSV_BYTES = 1 << 20;

/** RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF) -> array of rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** [2, 3, 4, 5, 8] -> "2-5, 8" (the seed's wire format; the UI localizes it via details()). */
export function compactRows(rowNumbers) {
  const sorted = [...new Set(rowNumbers)].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j += 1;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

const isBlank = (row) => row.every((cell) => cell.trim() === '');

/**
 * Validates an import. Returns { pupils, errors }: `errors` is seed 003's data.errors[] (empty
 * when the file is fine), `pupils` the rows as { firstName, lastName, gender } when it is.
 */
export function validatePupilCsv(text) {
  const rows = parseCsv(String(text).replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((name) => name.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    // Without the columns the rows cannot be read: report the header problem alone.
    return {
      pupils: [],
      errors: [{ code: 'HEADERS_MISSING', column: 'headers', rows: '1', params: missing, allowedValues: [...REQUIRED_COLUMNS] }],
    };
  }
  const index = Object.fromEntries(REQUIRED_COLUMNS.map((name) => [name, header.indexOf(name)]));
  const problems = new Map(); // "CODE column" -> { code, column, rows: [], allowedValues? }
  const note = (code, column, rowNumber, extra) => {
    const key = `${code} ${column}`;
    if (!problems.has(key)) problems.set(key, { code, column, rows: [], ...extra });
    problems.get(key).rows.push(rowNumber);
  };
  const pupils = [];
  rows.forEach((row, i) => {
    if (i === 0 || isBlank(row)) return;
    const rowNumber = i + 1;
    const value = (name) => (row[index[name]] ?? '').trim();
    let valid = true;
    for (const name of REQUIRED_COLUMNS) {
      const cell = value(name);
      if (cell === '') {
        note('FIELD_REQUIRED', name, rowNumber);
        valid = false;
      } else if (MAX_LENGTH[name] && [...cell].length > MAX_LENGTH[name]) {
        note('FIELD_MAX_LENGTH', name, rowNumber);
        valid = false;
      } else if (name === 'gender' && !GENDERS.includes(cell)) {
        note('FIELD_INVALID', name, rowNumber, { allowedValues: [...GENDERS] });
        valid = false;
      }
    }
    if (valid) pupils.push({ firstName: value('first_name'), lastName: value('last_name'), gender: value('gender') });
  });
  const errors = [...problems.values()]
    .sort((a, b) => a.rows[0] - b.rows[0] || REQUIRED_COLUMNS.indexOf(a.column) - REQUIRED_COLUMNS.indexOf(b.column))
    .map((problem) => ({ ...problem, rows: compactRows(problem.rows) }));
  return { pupils: errors.length > 0 ? [] : pupils, errors };
}
