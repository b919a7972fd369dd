// How every client names a document's outlet: its publisher, or plainly that no one is named.

/** Said instead of nothing when neither the document nor its text names who published it. */
export const UNKNOWN_OUTLET = 'unknown outlet';

export const outletName = (document: { publisher?: string }): string => document.publisher?.trim() || UNKNOWN_OUTLET;
