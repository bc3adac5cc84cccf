/**
 * Types for a diagram's state schema. Every field a reader can change is declared here with
 * its bounds, so the URL parser, the embed routes and the gallery all agree on one source.
 */

export interface StringField {
  kind: 'string';
  /** In UTF-16 code units, as `String.length` counts; longer values are cut. */
  maxLength: number;
  default: string;
  label: string;
}

export interface IntField {
  kind: 'int';
  min: number;
  max: number;
  default: number;
  label: string;
}

export interface NumberField {
  kind: 'number';
  min: number;
  max: number;
  /** Values snap to min + k·step, as an `<input type="range">` would. */
  step: number;
  default: number;
  label: string;
}

/**
 * A positive number spanning orders of magnitude (parameters, tokens, FLOPs). Its slider moves
 * in log10 space; values are kept to `digits` significant figures so a link such as N=7e10
 * stays exactly 7e10.
 */
export interface LogField {
  kind: 'log';
  /** > 0. */
  min: number;
  max: number;
  /** Significant figures kept; more are rounded away with a note. */
  digits: number;
  default: number;
  label: string;
}

export interface EnumField {
  kind: 'enum';
  values: readonly string[];
  default: string;
  label: string;
}

export type Field = StringField | IntField | NumberField | LogField | EnumField;

export type StateSchema = Readonly<Record<string, Field>>;

type ValueOf<F extends Field> = F extends EnumField
  ? F['values'][number]
  : F extends StringField
    ? string
    : number;

/** The plain state object a schema describes, e.g. `{ text: string }`. */
export type StateOf<S extends StateSchema> = { [K in keyof S]: ValueOf<S[K]> };

export interface DiagramEntry<S extends StateSchema = StateSchema> {
  /** kebab-case; also the folder `src/diagrams/<id>/`, the embed route `/embed/<id>/` and the root's `data-diagram`. */
  id: string;
  /** Place in the gallery and the tests' loops: chapter order, in steps of 10 so a new one fits between. */
  order: number;
  title: string;
  /** The chapter route that hosts the diagram, with a trailing slash (DESIGN.md §2). */
  chapter: string;
  description: string;
  state: S;
  /** Named states drawn on the gallery page; each must parse without notes. */
  fixtures: Readonly<Record<string, Partial<StateOf<S>>>>;
}

/** Identity helper for entry.ts files: keeps the entry's literal schema type while checking its shape. */
export function diagram<S extends StateSchema>(entry: DiagramEntry<S>): DiagramEntry<S> {
  return entry;
}
