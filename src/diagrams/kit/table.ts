/**
 * The one data-table builder for a diagram's text alternative: a closed `<details>` ("The
 * numbers as a table") holding a captioned table, optionally inside a scrolling wrapper. Cells are
 * set with `.text()`, so a token such as "</script>" stays text. A lazy table is filled on the
 * first draw (so the build-time HTML has it) and afterwards only while it is open: a closed table
 * of 256 rows would otherwise be rebuilt on every hover, for nobody to see.
 */
import type { Selection } from 'd3';

type Host = Selection<HTMLElement, unknown, null, undefined>;

export interface TableCell {
  text: string | number;
  cls?: string;
  /** A row heading: `<th scope="row">` rather than `<td>`. */
  head?: boolean;
}

export interface TableRow {
  cells: TableCell[];
  cls?: string;
}

export interface TableContent {
  caption: string;
  rows: TableRow[];
  /** Column headings that follow the data (e.g. one per token); fixed ones go in the options. */
  columns?: TableCell[];
}

export interface TableOptions {
  /** The `<details>` element's class. */
  cls: string;
  /** What the closed `<details>` says; default "The numbers as a table". */
  summary?: string;
  /** Fixed column headings. */
  columns?: readonly string[];
  /**
   * A wrapper that scrolls a wide table. Focusable (with a label, also a named group) so a keyboard
   * can scroll it; without a role it adds no landmark when several copies share a page.
   */
  scroll?: { cls: string; label?: string; focusable?: boolean };
  /** Fill only while open, after the first fill. */
  lazy?: boolean;
}

export interface DataTable<D> {
  update(d: D): void;
}

/** The empty frame: `<details>` with its summary, the optional scroller, and the table's caption, head row and body. */
function tableFrame(base: Host, opts: TableOptions) {
  const details = base.append('details').attr('class', opts.cls);
  details.append('summary').text(opts.summary ?? 'The numbers as a table');
  const scroll = opts.scroll ? details.append('div').attr('class', opts.scroll.cls) : null;
  if (scroll && (opts.scroll?.label || opts.scroll?.focusable)) scroll.attr('tabindex', 0);
  if (scroll && opts.scroll?.label) scroll.attr('role', 'group').attr('aria-label', opts.scroll.label);
  const table = (scroll ?? details).append('table');
  const caption = table.append('caption');
  const head = table.append('thead').append('tr');
  for (const h of opts.columns ?? []) head.append('th').attr('scope', 'col').text(h);
  const body = table.append('tbody');
  return { details, caption, head, body };
}

/** Append the table to `base`; `content` turns the view's data into caption, rows and headings. */
export function dataTable<D>(base: Host, opts: TableOptions, content: (d: D) => TableContent): DataTable<D> {
  const { details, caption, head, body } = tableFrame(base, opts);
  const doc = (base.node() as HTMLElement).ownerDocument;
  const open = () => (details.node() as HTMLDetailsElement).open;

  let filled = false;
  let pending: { d: D } | null = null;
  details.on('toggle', () => {
    if (pending && open()) fill(pending.d);
  });

  function fill(d: D) {
    filled = true;
    pending = null;
    const c = content(d);
    caption.text(c.caption);
    if (c.columns) {
      head
        .selectAll<HTMLTableCellElement, TableCell>('th')
        .data(c.columns)
        .join('th')
        .attr('scope', 'col')
        .attr('class', (h) => h.cls ?? null)
        .text((h) => h.text);
    }
    body
      .selectAll<HTMLTableRowElement, TableRow>('tr')
      .data(c.rows)
      .join('tr')
      .attr('class', (r) => r.cls ?? null)
      .selectAll<HTMLTableCellElement, TableCell>('th, td')
      .data((r) => r.cells)
      .join((enter) => enter.append((cell) => doc.createElement(cell.head ? 'th' : 'td')))
      .attr('scope', (cell) => (cell.head ? 'row' : null))
      .attr('class', (cell) => cell.cls ?? null)
      .text((cell) => cell.text);
  }

  return {
    update(d) {
      if (!opts.lazy || !filled || open()) fill(d);
      else pending = { d };
    },
  };
}
