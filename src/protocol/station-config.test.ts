import { describe, expect, it } from 'vitest';
import { DEFAULT_STATION_CONFIG, mergeStationConfig } from './station-config.ts';

describe('mergeStationConfig', () => {
  it('applies valid overrides', () => {
    const { config, issues } = mergeStationConfig(DEFAULT_STATION_CONFIG, {
      idleSeconds: 45,
      defaultLocale: 'vi',
      stationName: '  南溪社区e站 ',
    });
    expect(issues).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_STATION_CONFIG,
      idleSeconds: 45,
      defaultLocale: 'vi',
      stationName: '南溪社区e站',
    });
  });

  it('keeps the base value and reports each bad field', () => {
    const { config, issues } = mergeStationConfig(DEFAULT_STATION_CONFIG, {
      warningSeconds: 5,
      defaultLocale: 'fr',
      idleSeconds: 60,
      colour: 'red',
    });
    expect(config.warningSeconds).toBe(30);
    expect(config.defaultLocale).toBe('zh-CN');
    expect(config.idleSeconds).toBe(60);
    expect(issues.map((i) => i.field)).toEqual(['warningSeconds', 'defaultLocale', 'colour']);
    expect(issues.every((i) => i.code === 'CONFIG_INVALID')).toBe(true);
  });

  it('refuses a non-integer or empty value', () => {
    const { config, issues } = mergeStationConfig(DEFAULT_STATION_CONFIG, {
      idleSeconds: 90.5,
      stationName: '   ',
    });
    expect(config).toEqual(DEFAULT_STATION_CONFIG);
    expect(issues).toHaveLength(2);
  });
});
