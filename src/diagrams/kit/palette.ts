/**
 * The site's categorical palette: Okabe–Ito, colour-blind safe. Token boxes draw these as light
 * tints so labels keep WCAG AA contrast; lines and points use them as they are.
 * @see https://jfly.uni-koeln.de/color/
 */
export const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'] as const;

/** The same hues in the order a line chart wants them (strongest first), plus black. */
export const SERIES = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;
