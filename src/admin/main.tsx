import { signal } from '@preact/signals';
import { render } from 'preact';
import { App } from './App.tsx';
import { savedLocale } from './context.ts';
import { createRouter } from './router.ts';
import { createSession } from './session.ts';
import './styles/admin.css';

const root = document.getElementById('admin');
if (root) {
  render(
    <App
      console={{
        session: createSession(),
        router: createRouter(),
        locale: savedLocale(),
        flash: signal(null),
      }}
    />,
    root,
  );
}
