/**
 * Number formats shared by the scaling-laws chapter's diagrams, so a value reads the same in a
 * slider's output, a summary and a table. Pure; tested in tests/unit/diagrams/calc-format.test.ts.
 */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 5.88e23 → "5.88 × 10²³" (3 significant figures). */
export function sci(v: number, digits = 3): string {
  if (v === 0) return '0';
  const [m, e] = v.toExponential(digits - 1).split('e');
  const mantissa = String(Number(m));
  const exp = String(Number(e))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return exp === '⁰' ? mantissa : `${mantissa} × 10${exp}`;
}

const UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 7e10 → "70 B", 1.4e12 → "1.4 T", 4.3e6 → "4.3 M": counts as papers write them (B = 10⁹). */
export function count(v: number, digits = 3): string {
  for (const [size, unit] of UNITS) {
    if (Math.abs(v) >= size) return `${Number((v / size).toPrecision(digits))} ${unit}`;
  }
  return String(Number(v.toPrecision(digits)));
}

/** Bytes in decimal units, as vendors and the article count them: 14e9 → "14 GB". */
export function bytes(v: number, digits = 3): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(v) >= size) return `${Number((v / size).toPrecision(digits))} ${unit}`;
  }
  return `${Number(v.toPrecision(digits))} B`;
}

/** A plain number with thousands separators and at most `digits` significant figures. */
export function plain(v: number, digits = 3): string {
  return Number(v.toPrecision(digits)).toLocaleString('en-US');
}
