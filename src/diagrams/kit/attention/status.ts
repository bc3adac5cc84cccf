/**
 * The status lines around an attention view: the shared ones (src/diagrams/status.ts) plus the
 * head's measured pattern. All text is set with textContent.
 */
import { ModelStatusLines } from '../status';

export class Status extends ModelStatusLines {
  /** `label` from heads.json; layer and head 1-based. */
  pattern(label: string | undefined, layer: number, head: number) {
    const el = this.get('pattern');
    el.hidden = !label;
    const what = label === 'mixed' ? 'mixed, no single pattern dominates' : label;
    el.textContent = label ? `Measured over many texts, the pattern of layer ${layer}, head ${head}: ${what}.` : '';
  }
}
