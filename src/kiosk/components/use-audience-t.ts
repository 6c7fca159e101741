import { type AudienceMessageKey, translateAudience } from '../i18n/audience/index.ts';
import { useKiosk } from '../stores/kiosk-context.ts';

/** A translate function for the audience words, bound to the session's language. */
export function useAudienceT(): (
  key: AudienceMessageKey,
  params?: Record<string, string | number>,
) => string {
  const locale = useKiosk().session.locale.value;
  return (key, params) => translateAudience(locale, key, params);
}
