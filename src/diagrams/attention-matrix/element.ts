/**
 * <glassbox-attention-matrix>: the live matrix view. The behaviour (state, URL, model, export)
 * is shared with the attention diagram (../attention/live.ts); this file picks the render module.
 */
import { AttentionElement, type RenderFn } from '../kit/attention/live';
import attentionMatrix from './entry';

export class GlassboxAttentionMatrix extends AttentionElement {
  protected readonly entry = attentionMatrix;
  protected async loadRender(): Promise<RenderFn> {
    return (await import('./render')).render;
  }
}

if (!customElements.get('glassbox-attention-matrix')) customElements.define('glassbox-attention-matrix', GlassboxAttentionMatrix);
