import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('starts with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.CCM_STORAGE_REGION).toBe('CN-BJ');
    expect(config.dataDir).toMatch(/data$/);
  });

  it('names the variable and what it expects for a bad port', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([
      { variable: 'PORT', message: 'expected a whole number from 1 to 65535' },
    ]);
    expect(problemsOf({ PORT: '70000' })[0]).toMatchObject({
      variable: 'PORT',
      message: 'expected at most 65535',
    });
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'mysql://root@localhost/ccm' });
    expect(problem.variable).toBe('DATABASE_URL');
    expect(problem.message).toContain('postgres://');
  });

  it('refuses a storage region outside mainland China (PIPL art. 40)', () => {
    expect(problemsOf({ CCM_STORAGE_REGION: 'US-EAST' })[0].variable).toBe('CCM_STORAGE_REGION');
  });

  it('reports every bad variable at once, in a message a person can act on', () => {
    let message = '';
    try {
      loadConfig({ PORT: '0', LOG_LEVEL: 'loud', REDIS_URL: 'localhost:6379' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('PORT: expected at least 1');
    expect(message).toContain('LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('REDIS_URL: expected a URL starting with redis:// or rediss://');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });
});

describe('configuration of keys and SMS', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('accepts field keys with their blind-index key, and refuses one without the other', () => {
    expect(
      loadConfig({ CCM_FIELD_KEYS: `k2:${key},k1:${key}`, CCM_BLIND_INDEX_KEY: key }).CCM_FIELD_KEYS,
    ).toContain('k2:');
    expect(problemsOf({ CCM_FIELD_KEYS: `k1:${key}` })).toEqual([
      {
        variable: 'CCM_BLIND_INDEX_KEY',
        message: 'expected together with the other key setting, or neither',
      },
    ]);
    expect(problemsOf({ CCM_FIELD_KEYS: 'k1:short', CCM_BLIND_INDEX_KEY: key })[0].variable).toBe(
      'CCM_FIELD_KEYS',
    );
  });

  it('requires the gateway settings when the gateway is chosen', () => {
    const vars = problemsOf({ CCM_SMS_PROVIDER: 'gateway' }).map((p) => p.variable);
    expect(vars).toEqual(['CCM_SMS_GATEWAY_URL', 'CCM_SMS_GATEWAY_KEY_ID', 'CCM_SMS_GATEWAY_SECRET']);
  });
});
