// Photo captions and credits: agency credit patterns ("(AP Photo/Name)", "Photograph: Name/Reuters", "(Copyright …)").
import { wordCount } from './appeals.js';

const CREDIT_PARENTHETICAL = /\((?:[^()]*\b(?:Photo|Photograph|Image|Picture|Pic|Video|Illustration)s?\s*(?:\/|:|by\b)[^()]*|\s*(?:Copyright|©)[^()]*)\)/i;
const COPYRIGHT = /©|\bCopyright\s+(?:©\s*)?\d{4}\b|\bAll rights reserved\b/i;
// AP and Reuters mark archive photos this way.
const FILE_PHOTO_PREFIX = /^FILE(?: PHOTO)?\s*[-–—:]\s/;
const CAPTION_LABEL = /^(?:Image|Photo|Picture|Video)\s*(?:caption|source|credit)s?\b/i;
// A credit closing a paragraph with no full stop after it.
const CREDIT_TAIL =
  /(?:\b(?:Photo(?:graph)?|Image|Picture|Credit)s?\s*:\s*[^.!?]{1,80}|\b(?:Getty Images|Shutterstock|Alamy|Reuters|AFP|PA(?: Wire| Media)?|EPA(?:-EFE)?|AP|Bloomberg)|\(\s*[A-Z][^()/]{0,40}\/\s*[A-Z][^()]{0,40}\))\s*\)?$/;
// Longer paragraphs are reporting, even if they mention a photo credit.
const MAX_CAPTION_WORDS = 80;

export function isCaption(paragraph: string): boolean {
  if (wordCount(paragraph) > MAX_CAPTION_WORDS) return false;
  return [FILE_PHOTO_PREFIX, CAPTION_LABEL, CREDIT_PARENTHETICAL, COPYRIGHT, CREDIT_TAIL].some((pattern) => pattern.test(paragraph));
}
