/**
 * The in-context view's text alternative: one row per place in the copy, the token, its loss in
 * the first and the second copy, the drop, and the induction head's attention to the shifted token.
 */
import type { Selection } from 'd3';
import { dataTable } from '../kit/table';
import { percent, showToken } from '../kit/tokens';
import type { InContextBody } from './view';

const fixed = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));

export function table(base: Selection<HTMLElement, unknown, null, undefined>): (d: InContextBody) => void {
  const t = dataTable<InContextBody>(
    base,
    { cls: 'gb-ic-table', columns: ['Place', 'Token', 'Loss, copy 1 (nats)', 'Loss, copy 2 (nats)', 'Drop (nats)', 'Head attention to the shifted token'] },
    (d) => {
      const [a, b] = d.copies;
      const links = new Map(d.induction.map((l) => [l.index, l]));
      return {
        caption: `Loss on each token of the first and second copy, and the attention of layer ${d.head.layer}, head ${d.head.head} from the second copy to the token after each earlier occurrence`,
        rows: (a?.tokens ?? []).map((tok, i) => {
          const l1 = a.losses[i];
          const l2 = b?.losses[i] ?? null;
          const link = b ? links.get(b.start + i) : undefined;
          return {
            cells: [
              { text: i + 1, head: true },
              { text: showToken(tok.text) },
              { text: fixed(l1) },
              { text: fixed(l2) },
              { text: l1 == null || l2 == null ? '–' : (l1 - l2).toFixed(3) },
              { text: link ? percent(link.weight) : '–' },
            ],
          };
        }),
      };
    },
  );
  return (d) => t.update(d);
}
