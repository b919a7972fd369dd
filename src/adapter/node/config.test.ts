import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const failure = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('defaults everything from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', db: '.remit', logLevel: 'info', shutdownTimeoutMs: 10_000, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 });
    expect(config.server).toEqual({ corsOrigins: [], rateLimitPerMinute: 60, bodyLimitBytes: 65_536, ingestBodyLimitBytes: 10_485_760, trustProxy: false, adminToken: undefined });
  });

  it('parses lists, sizes and flags', () => {
    const config = loadConfig({
      PORT: '9000',
      REMIT_CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      REMIT_BODY_LIMIT: '32kb',
      REMIT_INGEST_BODY_LIMIT: '2MB',
      REMIT_RATE_LIMIT: '0',
      REMIT_TRUST_PROXY: '1',
      REMIT_MODE: 'claude',
      ANTHROPIC_API_KEY: 'sk-test',
      REMIT_EMBEDDER: 'hashing',
      REMIT_ADMIN_TOKEN: 'a'.repeat(32),
    });
    expect(config.port).toBe(9000);
    expect(config.server).toMatchObject({ corsOrigins: ['https://a.example', 'http://localhost:5173'], bodyLimitBytes: 32_768, ingestBodyLimitBytes: 2_097_152, rateLimitPerMinute: 0, trustProxy: true });
    expect(config.mode).toBe('claude');
    expect(config.embedder).toBe('hashing');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', REMIT_ADMIN_TOKEN: '' })).toMatchObject({ port: 8787, server: { adminToken: undefined } });
  });

  it('names each bad variable and what it expects, once', () => {
    const error = failure({ PORT: 'eighty', REMIT_MODE: 'magic', LOG_LEVEL: 'loud', REMIT_CORS_ORIGINS: 'https://ok.example,https://x.example/path' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT', 'REMIT_CORS_ORIGINS', 'REMIT_MODE']);
    expect(error.message).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
    expect(error.message).toContain('REMIT_MODE must be one of extractive, claude (got "magic")');
    expect(error.message).toContain('REMIT_CORS_ORIGINS');
    expect(error.code).toBe('bad_input');
  });

  it('requires an API key for claude mode and never echoes secrets', () => {
    expect(failure({ REMIT_MODE: 'claude' }).message).toContain('REMIT_MODE is "claude", which needs ANTHROPIC_API_KEY to be set');
    const weak = failure({ REMIT_ADMIN_TOKEN: 'short secret!' });
    expect(weak.message).toContain('REMIT_ADMIN_TOKEN');
    expect(weak.message).not.toContain('short secret!');
  });

  it('takes request and header timeouts, the header one no longer than the request one', () => {
    expect(loadConfig({ REMIT_REQUEST_TIMEOUT_MS: '5000', REMIT_HEADERS_TIMEOUT_MS: '2000' })).toMatchObject({ requestTimeoutMs: 5_000, headersTimeoutMs: 2_000 });
    expect(loadConfig({ REMIT_REQUEST_TIMEOUT_MS: '5000' })).toMatchObject({ requestTimeoutMs: 5_000, headersTimeoutMs: 5_000 });
    expect(failure({ REMIT_REQUEST_TIMEOUT_MS: '0' }).message).toContain('REMIT_REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 100 to 3600000');
    expect(failure({ REMIT_REQUEST_TIMEOUT_MS: '5000', REMIT_HEADERS_TIMEOUT_MS: '9000' }).message).toContain(
      'REMIT_HEADERS_TIMEOUT_MS must not be longer than REMIT_REQUEST_TIMEOUT_MS (5000)',
    );
  });
});
