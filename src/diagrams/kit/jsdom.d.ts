/**
 * The slice of jsdom's API that NextToken.astro uses to draw the example at build time.
 * jsdom ships no types and @types/jsdom is not a dependency; replace this file if it becomes one.
 */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    readonly window: Window & typeof globalThis;
  }
}
