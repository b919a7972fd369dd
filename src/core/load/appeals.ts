// Donation and subscription appeals: scored by the density of fund-raising phrases, not by matching known outlets.

const APPEAL_CUES: RegExp[] = [
  /\byour (?:support|donation|contribution|subscription|generosity)\b/gi,
  /\bdonat(?:e|es|ed|ing|ion|ions)\b/gi,
  /\bsupport (?:us|now|our (?:work|journalism|reporting))\b/gi,
  // "subscribers" is left out: stories report on paying subscribers.
  /\b(?:subscribe|subscription)\b/gi,
  /\bpaywalls?\b/gi,
  /\bread more\b/gi,
  /\bsign up\b/gi,
  /\bnewsletters?\b/gi,
  /\b(?:quality|independent|our) journalism\b/gi,
  /\bbecome an? (?:member|supporter|subscriber|patron)\b/gi,
  /\bcontribut(?:e|ion)\b/gi,
  /\bafford\b/gi,
  /\bmakes? (?:all the|a real|a|the) difference\b/gi,
  /\bkeep (?:sending|reporting|our journalism|it free)\b/gi,
  /\b(?:free|available) to (?:read|everyone)\b/gi,
];

const MIN_CUES = 3;
// At most this many words per cue: appeals are dense with them, reporting about paywalls is not.
const MAX_WORDS_PER_CUE = 40;

export function appealCues(paragraph: string): number {
  return APPEAL_CUES.reduce((count, cue) => count + (paragraph.match(cue)?.length ?? 0), 0);
}

export function isAppeal(paragraph: string): boolean {
  const cues = appealCues(paragraph);
  return cues >= MIN_CUES && wordCount(paragraph) / cues <= MAX_WORDS_PER_CUE;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
