// Text from sources and questions put inside a regular expression, matched as written.

/** `text` with every character a regular expression treats as syntax escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
