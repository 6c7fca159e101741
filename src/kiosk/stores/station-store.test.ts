import { describe, expect, it } from 'vitest';
import { createStationStore } from './station-store.ts';

const config = (chime?: boolean) => ({
  stationName: '南溪社区e站',
  idleSeconds: 90,
  warningSeconds: 30,
  defaultLocale: 'zh-CN' as const,
  defaultTextSize: 'standard' as const,
  enabledTopics: [],
  featured: [],
  notices: [],
  ...(chime === undefined ? {} : { chime }),
});

describe('station store: alarms', () => {
  it('remembers alarms read in this session by version, and forgets them for the next one', () => {
    const station = createStationStore();
    station.acknowledge('c-1#1');
    station.acknowledge('c-2#3');
    expect([...station.acknowledged.value].sort()).toEqual(['c-1#1', 'c-2#3']);
    expect(station.acknowledged.value.has('c-1#2')).toBe(false);
    station.forgetAcknowledged();
    expect(station.acknowledged.value.size).toBe(0);
  });

  it("takes the group's quiet setting from the hub, chiming when it says nothing", () => {
    const station = createStationStore();
    station.applyConfig(config(false));
    expect(station.chime.value).toBe(false);
    station.applyConfig(config());
    expect(station.chime.value).toBe(true);
  });
});
