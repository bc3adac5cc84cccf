/**
 * What every diagram's .astro wrapper does with its props before it draws: the state checked
 * against the registry schema (stateAtBuild: an invalid value fails the build, naming the
 * component), whether the page URL carries the state, and the prefix of the instance's element
 * ids. Also the view drawn at build time, so a wrapper's frontmatter is its own lines only.
 */
import type { DiagramProps } from '../components';
import { drawAtBuild, stateAtBuild, type BuiltView } from './build-time';
import { nextUid } from './ids';
import type { DiagramEntry, StateOf, StateSchema } from './schema';

/** The props every wrapper takes (the embed and gallery routes give them by registry id). */
export type Props = DiagramProps;

/**
 * A chapter view's props (the layers views): besides the generic ones, `syncUrl` (the chapter's
 * name for `urlState`) and one prop per state field, e.g. `<LogitLens lens={2} />`.
 */
export interface ViewProps extends DiagramProps {
  syncUrl?: boolean;
}

export interface Wrapped<S extends StateSchema> {
  state: StateOf<S>;
  urlState: boolean;
  uid: string;
  /** An element id of this instance: `${uid}-${part}`. */
  id(part: string): string;
}

type Entry<S extends StateSchema> = Pick<DiagramEntry<S>, 'id' | 'state'>;
/** What a wrapper was given for the state, checked against the schema by stateAtBuild. */
type Given<S extends StateSchema> = Partial<Record<keyof S, unknown>>;

function wrapped<S extends StateSchema>(state: StateOf<S>, urlState: boolean, uid: string): Wrapped<S> {
  return { state, urlState, uid, id: (part) => `${uid}-${part}` };
}

/**
 * A diagram that stands once on its page: the URL carries its state unless `urlState` is false,
 * and its ids start with the registry id unless `uid` is given. `own` holds state fields the
 * wrapper resolved from props of its own (they win over `state`).
 */
export function wrapper<S extends StateSchema>(component: string, props: Props, entry: Entry<S>, own: Record<string, unknown> = {}): Wrapped<S> {
  const { state: given = {}, urlState = true, uid = entry.id } = props;
  return wrapped(stateAtBuild(component, { ...given, ...own } as Given<S>, entry.state), urlState, uid);
}

/**
 * A chapter view, which may stand several times on one page: the props named in `fields` set
 * those state fields (winning over `state`); only `syncUrl` (or `urlState`) lets it read and
 * mirror the URL; without a `uid` each instance gets fresh ids.
 */
export function viewWrapper<S extends StateSchema>(
  component: string,
  props: ViewProps & Given<S>,
  entry: Entry<S>,
  fields: readonly (keyof S & string)[],
): Wrapped<S> {
  const own = Object.fromEntries(fields.flatMap((k) => (props[k] === undefined ? [] : [[k, props[k]]])));
  const uid = props.uid ?? nextUid(entry.id);
  const state = stateAtBuild(component, { ...props.state, ...own } as Given<S>, entry.state);
  return wrapped(state, props.syncUrl ?? props.urlState ?? false, uid);
}

/** The view as the page shows it before any script runs: its export and the chart's HTML. */
export function atBuild<D>(view: BuiltView<D>): { data: D; chartHtml: string } {
  return { data: view.data, chartHtml: drawAtBuild(view.draw) };
}
