import { describe, expect, it } from 'vitest';
import { SCALAR_VERSION } from '../../http/routes/docs.js';
import { readScalarBundle } from './scalar-bundle.js';

describe('readScalarBundle', () => {
  it('reads the installed standalone bundle, the same version Workers load from the CDN', async () => {
    const bundle = await readScalarBundle();
    expect(bundle.version).toBe(SCALAR_VERSION);
    expect(bundle.script).toContain('createApiReference');
    expect(bundle.script.length).toBeGreaterThan(1_000_000);
  });
});
