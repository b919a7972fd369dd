import { describe, expect, it } from 'vitest';
import type { Document, IndexInfo } from '../../../core/schema.js';
import type { StoredChunk } from '../../../core/store/index-store.js';
import { dataStatements, MAX_STATEMENT_BYTES, schemaSql } from './d1-sql.js';
import { sqlString, splitText, utf8Bytes } from './sql-literal.js';

const info: IndexInfo = { embedder: 'hashing-v1-512', dimensions: 512, documents: 0, chunks: 0, builtAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 };
const doc = (id: string, text: string): Document => ({ id, title: `Title '${id}'`, origin: `x/${id}.txt`, hash: 'h', sources: [], text });
const chunk = (docId: string, index: number, text: string): StoredChunk => ({ id: `${docId}:${index}`, docId, index, start: 0, end: text.length, text, dupGroup: `${docId}:${index}` });

describe('dataStatements', () => {
  it('batches rows into INSERTs under the D1 statement limit, index row last', () => {
    const documents = Array.from({ length: 40 }, (_, i) => doc(`doc_${i}`, 'é'.repeat(9_000)));
    const chunks = documents.flatMap((d) => [chunk(d.id, 0, 'x'.repeat(3_000)), chunk(d.id, 1, "it's")]);
    const statements = [...dataStatements({ info, documents, chunks })];
    expect(Math.max(...statements.map(utf8Bytes))).toBeLessThanOrEqual(MAX_STATEMENT_BYTES);
    expect(statements.filter((s) => s.startsWith('INSERT INTO documents')).length).toBeGreaterThan(1);
    expect(statements.filter((s) => s.startsWith('INSERT INTO documents')).join('').match(/\('doc_/g)).toHaveLength(40);
    expect(statements.at(-2)).toContain("('rebuild')");
    expect(statements.at(-1)).toMatch(/^INSERT INTO remit_index/);
  });

  it('inserts a text too long for one statement empty, then appends it in pieces after the row exists', () => {
    const long = `${'a'.repeat(200_000)}😀${"'".repeat(50_000)}`;
    const statements = [...dataStatements({ info, documents: [doc('doc_short', 'hi'), doc('doc_long', long)], chunks: [] })];
    const insert = statements.findIndex((s) => s.startsWith('INSERT INTO documents'));
    const appends = statements.filter((s) => s.startsWith('UPDATE documents'));
    expect(statements.indexOf(appends[0]!)).toBeGreaterThan(insert);
    expect(Math.max(...statements.map(utf8Bytes))).toBeLessThanOrEqual(MAX_STATEMENT_BYTES);
    expect(appends.every((s) => s.endsWith("WHERE id = 'doc_long';"))).toBe(true);
    // The pieces, unquoted, rebuild the text exactly (no surrogate pair is cut).
    const pieces = appends.map((s) => /\|\| '((?:[^']|'')*)' WHERE/.exec(s)![1]!.replaceAll("''", "'"));
    expect(pieces.join('')).toBe(long);
  });
});

describe('SQL literals', () => {
  it('double quotes and splice NUL, which a literal cannot hold', () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(sqlString('a\u0000b')).toBe("'a' || char(0) || 'b'");
  });

  it('split text without cutting a surrogate pair', () => {
    expect(splitText('ab😀cd', 3)).toEqual(['ab', '😀c', 'd']);
  });

  it('schema keeps feedback across exports and replaces the index tables', () => {
    const sql = schemaSql();
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS feedback');
    expect(sql).not.toContain('DROP TABLE IF EXISTS feedback');
    expect(sql).toContain('DROP TABLE IF EXISTS chunks;');
  });
});
