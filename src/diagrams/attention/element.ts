/**
 * <glassbox-attention>: the live attention diagram. All the behaviour is shared with the matrix
 * view (live.ts); this file only picks the render module, loaded when the diagram nears the viewport.
 */
import attention from './entry';
import { AttentionElement, type RenderFn } from '../kit/attention/live';

export class GlassboxAttention extends AttentionElement {
  protected readonly entry = attention;
  protected async loadRender(): Promise<RenderFn> {
    return (await import('./render')).render;
  }
}

if (!customElements.get('glassbox-attention')) customElements.define('glassbox-attention', GlassboxAttention);
