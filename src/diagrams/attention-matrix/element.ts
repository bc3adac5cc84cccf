/**
 * <glassbox-attention-matrix>: the live matrix view. The behaviour (state, URL, model, export)
 * is shared with the attention diagram (../kit/attention/live.ts on ../kit/trace-element.ts);
 * this file picks the render module.
 */
import { attentionView } from '../kit/attention/live';
import { traceElement } from '../kit/trace-element';
import entry from './entry';

export const GlassboxAttentionMatrix = traceElement(entry, attentionView(async () => (await import('./render')).render));

if (!customElements.get('glassbox-attention-matrix')) customElements.define('glassbox-attention-matrix', GlassboxAttentionMatrix);
