/**
 * Shared set-up of the tab tests, imported by each test file (so it works without a jest
 * setupFiles entry): jest-dom matchers, and the browser APIs jsdom lacks that Fluent uses.
 */
import '@testing-library/jest-dom';

if (!('ResizeObserver' in window)) {
  class NoopResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(window, { ResizeObserver: NoopResizeObserver });
}
if (!window.matchMedia) {
  Object.assign(window, {
    matchMedia: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    }),
  });
}
if (!globalThis.crypto?.randomUUID) {
  let n = 0;
  Object.assign(globalThis, { crypto: { ...globalThis.crypto, randomUUID: () => `uuid-${++n}` } });
}

// jsdom has no layout, so every box measures 0 and a virtualized list would render no row.
// A fixed client box (a typical tab viewport) lets it render the window it would in a browser.
for (const [prop, value] of [['clientHeight', 560], ['clientWidth', 800]] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
}
