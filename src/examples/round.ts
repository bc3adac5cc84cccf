/** Example numbers are rounded to 6 decimals: far below what a diagram shows, and short JSON. */
export const round6 = (x: number) => Number(x.toFixed(6));
