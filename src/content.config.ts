import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * Chapters are numbered MDX files (`01-next-token.mdx` …). The glob loader uses the
 * frontmatter `slug` as the entry id, so `entry.id` is the route segment (`next-token`).
 * `00-*.mdx` is excluded: the home page ("What is an LLM?") is a page, not a chapter.
 */
const chapters = defineCollection({
  loader: glob({ base: './src/content/chapters', pattern: ['[0-9][0-9]-*.mdx', '!00-*.mdx'] }),
  schema: z.object({
    title: z.string().min(1),
    description: z.string().min(1),
    order: z.number().int().min(1),
    // Routes are linked from courses and slides, so they must stay stable: lowercase kebab-case only.
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    nav: z.string().min(1).max(24),
  }),
});

export const collections = { chapters };
