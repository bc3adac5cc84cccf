/** What this attention view shows before any script runs (see ../kit/attention/build.ts). */
import type { BuiltView } from '../kit/build-time';
import { buildAttention } from '../kit/attention/build';
import type { AttentionExport, AttentionState } from '../kit/attention/source';
import { render } from './render';

export function buildView(state: AttentionState): BuiltView<AttentionExport> {
  return buildAttention(state, render);
}
