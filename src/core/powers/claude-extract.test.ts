import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../schema.js';
import { type ExtractedPower, extractPowersWithClaude, RECORD_POWERS_TOOL } from './claude-extract.js';
import { Power } from './schema.js';

const TEXT =
  'Under Schedule 13 of the Online Safety Act 2023, Ofcom can fine a provider the greater of £18 million and 10% of qualifying worldwide revenue. ' +
  'Ofcom must apply to a court for a business disruption order.';
const DOCUMENT: Document = { id: 'doc_a', title: 'Fines', origin: 'a.md', hash: 'a', sources: [], text: TEXT };

// What the stand-in model "extracts": verbatim quotes, one invented quote and one invented figure.
const REPLY: ExtractedPower[] = [
  {
    regulator: { value: 'Ofcom', quote: 'Ofcom can fine a provider' },
    kind: { value: 'fine', quote: 'Ofcom can fine a provider' },
    statute: { value: 'Online Safety Act 2023', quote: 'Online Safety Act 2023' },
    section: { value: 'Schedule 13', quote: 'Schedule 13 of the Online Safety Act 2023' },
    limit: {
      value: { text: 'the greater of £18 million and 10%', amounts: [{ value: 18_000_000, currency: 'GBP' }], percentages: [{ value: 10, of: 'qualifying worldwide revenue' }], combinator: 'greater_of' },
      quote: 'the greater of £18 million and 10% of qualifying worldwide revenue',
    },
    decidedBy: { value: 'regulator', quote: 'Ofcom can approve its own fines without review' },
  },
  {
    regulator: { value: 'Ofcom', quote: 'Ofcom must apply to a court' },
    kind: { value: 'business_disruption_order', quote: 'a business disruption order' },
    decidedBy: { value: 'court', quote: 'apply to a court' },
    limit: { value: { text: 'up to £5 million', amounts: [{ value: 5_000_000, currency: 'GBP' }], percentages: [] }, quote: 'a business disruption order' },
  },
  {
    regulator: { value: 'Ofcom', quote: 'Ofcom may shut down websites worldwide' },
    kind: { value: 'blocking_order', quote: 'shut down websites worldwide' },
  },
];

let server: ReturnType<typeof createServer>;
let baseURL: string;
const bodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(raw));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'stand-in',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'record_powers', input: { powers: [...REPLY, { regulator: 'not an object' }] } }],
          stop_reason: 'tool_use',
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 1 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('extractPowersWithClaude', () => {
  it('keeps only fields whose quote occurs verbatim in the document and whose figures the quote contains', async () => {
    const client = new Anthropic({ apiKey: 'test', baseURL, maxRetries: 0 });
    const { powers, droppedFields } = await extractPowersWithClaude([DOCUMENT], { client, model: 'stand-in' });

    const fine = powers.find((p) => p.kind === 'fine')!;
    expect(fine).toMatchObject({ regulator: 'Ofcom', statute: 'Online Safety Act 2023', section: 'Schedule 13', limit: { combinator: 'greater_of' } });
    expect(fine.decidedBy).toBeUndefined(); // its quote is not in the document
    const order = powers.find((p) => p.kind === 'business_disruption_order')!;
    expect(order.decidedBy).toBe('court');
    expect(order.limit).toBeUndefined(); // "£5 million" is not in its quote
    expect(powers.some((p) => p.kind === 'blocking_order')).toBe(false); // no verified regulator or kind
    expect(droppedFields).toBe(4);

    for (const power of powers) {
      Power.parse(power);
      for (const c of Object.values(power.citations).flat()) expect(TEXT.slice(c!.start, c!.end)).toBe(c!.quote);
    }
    // Each field cites its own quote, not the whole power's.
    expect(fine.citations.limit![0]!.quote).toBe('the greater of £18 million and 10% of qualifying worldwide revenue');
    expect(fine.citations.statute![0]!.quote).toBe('Online Safety Act 2023');
    // The kind is cited by the quote given for the kind only, not by every other field's quote.
    expect(fine.citations.kind!.map((c) => c.quote)).toEqual(['Ofcom can fine a provider']);
    expect(order.citations.kind!.map((c) => c.quote)).toEqual(['a business disruption order']);
  });

  it('forces the tool whose input schema is generated from the zod schema', () => {
    const body = bodies[0]!;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'record_powers' });
    const schema = RECORD_POWERS_TOOL.input_schema as { properties: { powers: { items: { required: string[]; properties: Record<string, unknown> } } } };
    expect(schema.properties.powers.items.required.sort()).toEqual(['kind', 'regulator']);
    expect(Object.keys(schema.properties.powers.items.properties)).toContain('limit');
    expect(JSON.stringify(body.messages)).toContain('£18 million');
  });
});
