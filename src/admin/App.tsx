import { useEffect } from 'preact/hooks';
import { Layout } from './components/Layout.tsx';
import { type Console, ConsoleContext, useConsole, useT } from './context.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { renderPage } from './pages.tsx';

/** The console: sign-in until someone is signed in, then the page for the address. */
export function App({ console: value }: { console: Console }) {
  useEffect(() => {
    void value.session.restore();
    const stop = value.locale.subscribe((l) => {
      document.documentElement.lang = l;
    });
    return stop;
  }, [value]);
  return (
    <ConsoleContext.Provider value={value}>
      <Layout>
        <Current />
      </Layout>
    </ConsoleContext.Provider>
  );
}

function Current() {
  const { session, router } = useConsole();
  const t = useT();
  const me = session.me.value;
  if (me === undefined) return <p class="loading">{t('common.loading')}</p>;
  if (me === null) return <LoginPage />;
  return renderPage(router.route.value);
}
