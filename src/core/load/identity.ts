// Content-derived identity via Web Crypto (Node and Workers alike): equal text, equal id.

export interface Identity {
  id: string;
  hash: string;
}

export async function identify(text: string): Promise<Identity> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { id: `doc_${hash.slice(0, 16)}`, hash };
}
