/** Element-id prefixes for attention views rendered without a `uid`, unique within a build. */
let n = 0;

export function nextUid(prefix: string): string {
  n += 1;
  return `${prefix}-${n}`;
}
