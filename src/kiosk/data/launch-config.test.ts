import { describe, expect, it } from 'vitest';
import { DEFAULT_STATION_CONFIG } from '../../protocol/station-config.ts';
import { readLaunchConfig } from './launch-config.ts';

describe('readLaunchConfig', () => {
  it('reads station name, timings, language and text size', () => {
    const { config, issues } = readLaunchConfig(
      DEFAULT_STATION_CONFIG,
      '?station=%E5%8D%97%E6%BA%AA%E7%A4%BE%E5%8C%BAe%E7%AB%99&idle=120&warn=25&lang=en&text=large',
    );
    expect(issues).toEqual([]);
    expect(config).toEqual({
      stationName: '南溪社区e站',
      idleSeconds: 120,
      warningSeconds: 25,
      defaultLocale: 'en',
      defaultTextSize: 'large',
      maintenancePin: '2468',
    });
  });

  it('reads the hub address for QR codes and refuses one that is not http(s)', () => {
    expect(readLaunchConfig(DEFAULT_STATION_CONFIG, '?hub=https://hub.example.org').config.hubUrl).toBe(
      'https://hub.example.org',
    );
    const bad = readLaunchConfig(DEFAULT_STATION_CONFIG, '?hub=javascript:alert(1)');
    expect(bad.config.hubUrl).toBeUndefined();
    expect(bad.issues.map((i) => i.field)).toEqual(['hubUrl']);
  });

  it('reports bad and unknown parameters and keeps the defaults for them', () => {
    const { config, issues } = readLaunchConfig(DEFAULT_STATION_CONFIG, '?idle=abc&warn=3&zoom=2');
    expect(config).toEqual(DEFAULT_STATION_CONFIG);
    expect(issues.map((i) => i.field)).toEqual(['zoom', 'idleSeconds', 'warningSeconds']);
  });
});
