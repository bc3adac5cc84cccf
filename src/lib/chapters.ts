import { getCollection, type CollectionEntry } from 'astro:content';

export type Chapter = CollectionEntry<'chapters'>;

export interface ChapterLink {
  href: string;
  label: string;
  /** Chapter number, absent for the home and model pages at either end. */
  order?: number;
}

export const HOME_LINK: ChapterLink = { href: '/', label: 'What is an LLM?' };
export const MODEL_LINK: ChapterLink = { href: '/model/', label: 'About the model' };

/** Chapters sorted by `order`; throws at build time if two chapters share a number. */
export async function getChapters(): Promise<Chapter[]> {
  const all = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < all.length; i++) {
    if (all[i].data.order === all[i - 1].data.order) {
      throw new Error(`Chapters "${all[i - 1].id}" and "${all[i].id}" share order ${all[i].data.order}`);
    }
  }
  return all;
}

/** Trailing slash matches `trailingSlash: 'always'` in astro.config.mjs. */
export function chapterHref(chapter: Chapter): string {
  return `/${chapter.id}/`;
}

export function chapterLink(chapter: Chapter): ChapterLink {
  return { href: chapterHref(chapter), label: chapter.data.title, order: chapter.data.order };
}

/** The reading order runs home → chapters → model card; returns the neighbours of one chapter. */
export function neighbours(chapters: Chapter[], id: string): { prev: ChapterLink; next: ChapterLink } {
  const i = chapters.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(`Unknown chapter "${id}"`);
  return {
    prev: i === 0 ? HOME_LINK : chapterLink(chapters[i - 1]),
    next: i === chapters.length - 1 ? MODEL_LINK : chapterLink(chapters[i + 1]),
  };
}

/** Two-digit chapter number as printed in the nav and the chapter header. */
export function chapterNumber(order: number): string {
  return String(order).padStart(2, '0');
}
