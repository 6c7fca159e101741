import { computed, signal } from '@preact/signals';
import { type Api, createApi } from './api.ts';

export type Role = 'admin' | 'editor' | 'viewer';
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The signed-in person as the hub reports it. */
export interface Me {
  username: string;
  role: Role;
  csrfToken: string;
}

/**
 * Who is signed in (undefined while asking the hub, null when nobody), the API bound to that
 * session, and role checks that decide what the console offers (the hub enforces them too).
 */
export function createSession() {
  const me = signal<Me | null | undefined>(undefined);
  const api = createApi(
    () => me.value?.csrfToken,
    () => {
      me.value = null;
    },
  );
  const role = computed(() => me.value?.role ?? 'viewer');
  return {
    me,
    api,
    /** True when the signed-in person has at least `needed`. */
    can(needed: Role): boolean {
      return me.value ? RANK[me.value.role] >= RANK[needed] : false;
    },
    role,
    async restore(): Promise<void> {
      me.value = await api.get<Me>('/me').catch(() => null);
    },
    async login(username: string, password: string): Promise<void> {
      me.value = await api.send<Me>('POST', '/login', { username, password });
    },
    async logout(): Promise<void> {
      await api.send('POST', '/logout').catch(() => undefined);
      me.value = null;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
export type { Api };
