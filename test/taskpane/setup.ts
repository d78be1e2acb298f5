// Browser APIs jsdom lacks, stubbed for the pane's tests (imported first by each test/taskpane/*.test.tsx).
import { webcrypto } from 'crypto';
import { TextDecoder, TextEncoder } from 'util';
import { deserialize, serialize } from 'v8';

const g = globalThis as Record<string, unknown>;

// Fluent's MessageBar measures itself for reflow.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof g.ResizeObserver === 'undefined') g.ResizeObserver = ResizeObserverStub;

if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

// jsdom's crypto has getRandomValues only; the stamps and template ids hash with Web Crypto (as browsers do on https).
const jsdomCrypto = g.crypto as { subtle?: unknown } | undefined;
if (jsdomCrypto && !jsdomCrypto.subtle) Object.defineProperty(jsdomCrypto, 'subtle', { configurable: true, value: webcrypto.subtle });
else if (!jsdomCrypto) g.crypto = webcrypto;

if (typeof g.TextDecoder === 'undefined') g.TextDecoder = TextDecoder;
if (typeof g.TextEncoder === 'undefined') g.TextEncoder = TextEncoder;
if (typeof g.structuredClone !== 'function') g.structuredClone = (v: unknown) => deserialize(serialize(v));

if (typeof Blob.prototype.arrayBuffer !== 'function') {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}

if (typeof Element.prototype.scrollIntoView !== 'function') Element.prototype.scrollIntoView = function scrollIntoView() {};

// This machine has two cores and Fluent renders a lot: give findBy*/waitFor time before they give up.
import { configure } from '@testing-library/react';
configure({ asyncUtilTimeout: 5000 });
