/**
 * Registry id → Astro component, for the routes that render any diagram by id (embed, gallery).
 * Each folder's wrapper is the `.astro` file named for its id in PascalCase
 * (`next-token/NextToken.astro`), so a new folder needs no edit here. Every wrapper takes the
 * same props; a missing one fails the build in getStaticPaths.
 */
export interface DiagramProps {
  /** Initial state; validated against the registry schema by the component. */
  state?: Record<string, unknown>;
  /** Read and mirror the state in the page URL. */
  urlState?: boolean;
  /** Prefix for element ids, unique per instance on a page. */
  uid?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Astro components are typed as (props) => any
type DiagramComponent = (props: DiagramProps) => any;

const wrappers = import.meta.glob<{ default: DiagramComponent }>('./*/*.astro', { eager: true });

/** "next-token" → "NextToken". */
export function wrapperName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

export const components: Readonly<Record<string, DiagramComponent>> = Object.fromEntries(
  Object.entries(wrappers).flatMap(([path, m]) => {
    const [, id, file] = path.split('/');
    return file === `${wrapperName(id)}.astro` ? [[id, m.default]] : [];
  }),
);
