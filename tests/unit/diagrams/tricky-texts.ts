/**
 * Strings that break naive tokenizer views, shared by the unit tests (encoders against the
 * reference) and the embed acceptance test (tests/e2e/tokenizer.spec.ts).
 */
export const TRICKY_TEXTS: Record<string, string> = {
  article: 'ChatGPT is amazing',
  code: 'def f(x):\n    return {"a": x ** 2}  # square\n\tif x != 0: print(x)',
  numbers: 'Pi ≈ 3.14159265358979; 1,000,000 > 999999; 2024-11-29T03:50Z; 0x1F',
  spaces: 'a  b   c    d\n\n\n  e\t\t f        ',
  emoji: 'Family 👩‍👩‍👧‍👦, flags 🇫🇷🇯🇵, thumbs 👍🏽, heart ❤️',
  cjk: '東京は日本の首都です。中文也可以。한국어도요.',
  rtl: 'שלום עולם! مرحبا بالعالم 123',
  controls: 'bell\u0007 esc\u001b[31m del\u007f nbsp\u00a0zwsp\u200bend',
  rare: 'antidisestablishmentarianism, strawberrry, Glassbox, naïve café',
};
