// Helpers shared by the suites that run the envelope vectors (tests/vectors/envelopes).

/** A vector's body: text, bytes (bodyBase64), or generated (a prefix, a run repeated, a suffix). */
export function bodyOf(input) {
  if (input.body !== undefined) return input.body;
  if (input.bodyBase64 !== undefined) return new Uint8Array(Buffer.from(input.bodyBase64, 'base64'));
  if (input.bodyGenerate !== undefined) {
    const { prefix, repeat, count, suffix } = input.bodyGenerate;
    return prefix + repeat.repeat(count) + suffix;
  }
  return undefined;
}
