// SHA-256 through Web Crypto (globalThis.crypto.subtle): the same code in Node 20 and in a browser, no Node APIs.

function subtle(): SubtleCrypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c || !c.subtle) {
    // Browsers expose subtle only on secure origins (https, localhost); Node ≥ 20 always does.
    throw new Error('Web Crypto (crypto.subtle) is not available here: a secure context (https) or Node ≥ 20 is needed');
  }
  return c.subtle;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Lower-case hex SHA-256 of text (as UTF-8) or of bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await subtle().digest('SHA-256', bytes as unknown as ArrayBuffer);
  return toHex(new Uint8Array(digest));
}
