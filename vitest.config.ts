import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The model adapter tests run the real ONNX model in Node: give them room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
