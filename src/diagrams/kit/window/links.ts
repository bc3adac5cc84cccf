/**
 * Links that carry the reader's text to another chapter (`/tokenization/?text=…`,
 * `/next-token/?text=…`): the wrapper renders `<a data-text-link="/route/">` with the build-time
 * text, and the element calls `followText` as the reader types, so the link always opens the
 * text on screen.
 */

/** The site's base URL (Astro's BASE_URL), ending in one slash. */
export function siteBase(): string {
  return (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
}

/** `route` is a site route with slashes on both ends, such as "/tokenization/". */
export function textHref(base: string, route: string, text: string): string {
  return `${base.replace(/\/$/, '')}${route}?text=${encodeURIComponent(text)}`;
}

/** Point every `a[data-text-link]` inside `root` at its route with `text`. */
export function followText(root: Element, text: string): void {
  for (const a of root.querySelectorAll<HTMLAnchorElement>('a[data-text-link]')) {
    a.href = textHref(siteBase(), a.dataset.textLink ?? '/', text);
  }
}
