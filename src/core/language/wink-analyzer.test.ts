import { beforeAll, describe, expect, it } from 'vitest';
import { reportsPast, type TextAnalyzer } from './analysis.js';
import { loadWinkAnalyzer } from './wink-analyzer.js';

let analyzer: TextAnalyzer;
beforeAll(async () => {
  analyzer = await loadWinkAnalyzer();
});

describe('WinkAnalyzer', () => {
  const text = 'Fines reach €120 million, A$49.5 million or £18m, or 6% of turnover, within 10 working days of 12 January 2026. The Competition and Markets Authority (CMA) and the Online Safety Act may apply.';

  it('gives every token and expression exact offsets into the text', () => {
    const { tokens, expressions } = analyzer.analyse(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    for (const e of expressions) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('types money with its currency and magnitude, percentages, durations and dates', () => {
    const typed = analyzer.analyse(text).expressions.filter((e) => e.type !== 'name').map((e) => [e.type, e.text]);
    expect(typed).toEqual([
      ['money', '€120 million'],
      ['money', 'A$49.5 million'],
      ['money', '£18m'],
      ['percent', '6%'],
      ['time', 'within 10 working days'],
      ['duration', '10 working days'],
      ['date', '12 January 2026'],
    ]);
  });

  it('reads a date that ends a period ("by 3 March 2026") as a duration as well as a date, and a date alone as a date', () => {
    const typed = (text: string) => analyzer.analyse(text).expressions.filter((e) => e.type !== 'name').map((e) => [e.type, e.text]);
    expect(typed('A firm has to pay before 3 March 2026.')).toEqual([['duration', 'before 3 March 2026'], ['date', '3 March 2026']]);
    expect(typed('The ban was imposed on 3 March 2026.')).toEqual([['date', '3 March 2026']]);
  });

  it('reads a period counted from now ("within a matter of days") as a relative time as well as a duration', () => {
    const typed = (text: string) => analyzer.analyse(text).expressions.filter((e) => e.type !== 'name').map((e) => [e.type, e.text, e.relative ?? false]);
    expect(typed('The board will decide within a matter of weeks.')).toEqual([['time', 'within a matter of weeks', true], ['duration', 'weeks', false]]);
    expect(typed('The licence lasts for several months.')).toEqual([['duration', 'several months', false]]);
  });

  it('reads names as runs of capitals joined by small words, and a month as no name', () => {
    const names = analyzer.analyse(text).expressions.filter((e) => e.type === 'name').map((e) => e.text);
    expect(names).toEqual(expect.arrayContaining(['Competition and Markets Authority', 'CMA', 'Online Safety Act']));
    expect(names).not.toContain('January');
  });

  it('reads a word written with leading digits as one name, not a count ("4chan", "5G"), and keeps "£18m" money', () => {
    const { tokens, expressions } = analyzer.analyse('Ofcom fined 4chan £18m under 5G rules and section 66A today.');
    expect(tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['4chan', '5G', '66A']));
    expect(expressions.map((e) => [e.type, e.text])).toEqual(expect.arrayContaining([['name', '4chan'], ['name', '5G'], ['money', '£18m']]));
    expect(expressions.filter((e) => e.type === 'count')).toEqual([]);
  });

  it('reads the year in a title as part of the name, and a year elsewhere as a date', () => {
    const typed = (text: string) => analyzer.analyse(text).expressions.filter((e) => e.type !== 'name').map((e) => [e.type, e.text]);
    expect(typed('The Irish route resembles the approach under the Online Safety Act 2023, where Ofcom goes to court.')).toEqual([]);
    expect(typed('Ofcom acted in 2023 and again in May 2024.')).toEqual([['date', '2023'], ['date', 'May 2024']]);
  });

  it('counts nothing in "one of" (it picks one out), but does count "one" elsewhere', () => {
    const counts = (text: string) => analyzer.analyse(text).expressions.filter((e) => e.type === 'count').map((e) => e.text);
    expect(counts('The UK is one of its target markets.')).toEqual([]);
    expect(counts('The regulator opened one investigation and three inquiries.')).toEqual(['one', 'three']);
  });
});

describe('reportsPast', () => {
  it.each([
    ['Ofcom fined 4chan £20,000.', true],
    ['Ofcom has fined two providers so far.', true],
    ['The provider was fined £950,000 in May.', true],
    ['The penalty, paid in full, closed the case.', true],
    ["Ofcom's fines are capped at £18 million.", false],
    ['A provider can be fined up to 10% of its revenue.', false],
    ['Ofcom has powers to fine businesses and goes to court for blocking orders.', false],
  ])('%j reports a past event: %s', (sentence, expected) => {
    expect(reportsPast(analyzer.analyse(sentence).tokens)).toBe(expected);
  });
});
