// Country names in English from the runtime's own ICU data (Intl.DisplayNames: Node, Workers and browsers alike),
// so "which country" can be told apart from any other name without a list of our own.

let names: ReadonlySet<string> | undefined;

/** Lower-case one-word English country names, and the usual abbreviations ICU lists as codes (UK, US, EU). */
export function countryNames(): ReadonlySet<string> {
  if (names) return names;
  const found = new Set<string>();
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a < 91; a++) {
    for (let b = 65; b < 91; b++) {
      const code = String.fromCharCode(a, b);
      const name = display.of(code);
      if (!name || name === code) continue;
      if (!/\s/.test(name)) found.add(name.toLowerCase());
      // Codes people write as names: "UK", "US", "EU".
      if (['GB', 'US', 'EU', 'UK'].includes(code)) found.add(code === 'GB' ? 'uk' : code.toLowerCase());
    }
  }
  return (names = found);
}

/** The country a web address's country-code domain belongs to ("legislation.gov.uk" -> "uk"). */
export function countryOfAddress(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const host = new URL(url).hostname;
  const domain = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (!/^[a-z]{2}$/.test(domain)) return undefined;
  if (domain === 'uk' || domain === 'us' || domain === 'eu') return domain;
  const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(domain.toUpperCase());
  return name && !/\s/.test(name) ? name.toLowerCase() : undefined;
}
