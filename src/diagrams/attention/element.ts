/**
 * <glassbox-attention>: the live attention diagram. All the behaviour is shared with the matrix
 * view (../kit/attention/live.ts on ../kit/trace-element.ts); this file only picks the render
 * module, loaded when the diagram nears the viewport.
 */
import { attentionView } from '../kit/attention/live';
import { traceElement } from '../kit/trace-element';
import entry from './entry';

export const GlassboxAttention = traceElement(entry, attentionView(async () => (await import('./render')).render));

if (!customElements.get('glassbox-attention')) customElements.define('glassbox-attention', GlassboxAttention);
