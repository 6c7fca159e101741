import type { Locale } from '../../protocol/locales.ts';
import { fill } from './index.ts';

/** The maintenance screen's words about update trust (zh-CN is the reference). */
const zhCN = {
  'trust.root': '信任根版本',
  'trust.rootValue': '第 {version} 版，{date} 到期',
  'trust.signedTime': '最近一次平台签名时间',
  'trust.stale': '{time}（超过一天没有新的签名：UPDATES_STALE）',
};
type TrustKey = keyof typeof zhCN;

/**
 * These load with the maintenance screen, not with the first screen (the first download has a
 * budget); a language missing a key is a type error.
 */
const TRUST_WORDS: Record<Locale, Record<TrustKey, string>> = {
  'zh-CN': zhCN,
  vi: {
    'trust.root': 'Gốc tin cậy',
    'trust.rootValue': 'Phiên bản {version}, hết hạn ngày {date}',
    'trust.signedTime': 'Lần cuối máy chủ ký thời gian',
    'trust.stale': '{time} (hơn một ngày chưa có chữ ký mới: UPDATES_STALE)',
  },
  en: {
    'trust.root': 'Root of trust',
    'trust.rootValue': 'Version {version}, expires {date}',
    'trust.signedTime': 'Last time signed by the hub',
    'trust.stale': '{time} (no new signature for over a day: UPDATES_STALE)',
  },
};

/** A trust message in `locale`, placeholders filled. */
export function translateTrust(
  locale: Locale,
  key: TrustKey,
  params?: Record<string, string | number>,
): string {
  return fill(locale, TRUST_WORDS[locale][key], params);
}
