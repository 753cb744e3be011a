import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

const env = (value?: string) => ({ NODE_ENV: 'test', ...(value === undefined ? {} : { RESOURCE_PROVIDERS: value }) });

describe('RESOURCE_PROVIDERS', () => {
  it('lists no service when unset, and the services given', () => {
    expect(loadConfig(env()).resourceProviders).toEqual([]);
    const providers = [
      { type: 'pad', endpoint: 'https://pad.example/p/', software: 'etherpad' },
      { type: 'calc', endpoint: 'https://calc.example/', software: 'ethercalc' }
    ];
    expect(loadConfig(env(JSON.stringify(providers))).resourceProviders).toEqual(providers);
  });

  it('refuses what is not a list of one service per type, naming the variable', () => {
    for (const bad of [
      'pad=https://pad.example',
      '{"type":"pad"}',
      '[{"type":"pad","endpoint":"ftp://pad.example/","software":"etherpad"}]',
      '[{"type":"sheet","endpoint":"https://pad.example/","software":"x"}]',
      '[{"type":"pad","endpoint":"https://a.example/","software":"etherpad"},{"type":"pad","endpoint":"https://b.example/","software":"etherpad"}]'
    ]) {
      expect(() => loadConfig(env(bad)), bad).toThrow(ConfigError);
      expect(() => loadConfig(env(bad))).toThrow(/RESOURCE_PROVIDERS/);
    }
  });
});
