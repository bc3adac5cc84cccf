/// <reference lib="webworker" />
/**
 * Tokenizes with the OpenAI encodings off the main thread, so a 100 kB text or a long run of
 * letters (BPE is quadratic in the length of one chunk) never blocks typing or scrolling.
 * Protocol: { id, name, text } → { id, ok: true, result: Tokenized } | { id, ok: false, error }.
 */
import { tiktokenize } from './tiktoken';
import type { OpenAiName } from './tokenizers';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (ev: MessageEvent<{ id: number; name: OpenAiName; text: string }>) => {
  const { id, name, text } = ev.data;
  try {
    self.postMessage({ id, ok: true, result: await tiktokenize(name, text) });
  } catch (e) {
    self.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
