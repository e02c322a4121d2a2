/**
 * App chrome: the header (user, role, region, language, sign-out) and the navigation; `?print=1` hides all of it
 * (the server's headless Chromium prints /reports/:month?print=1).
 */
import { Suspense, useState } from 'react';
import { Navigate, NavLink, Outlet, useSearchParams } from 'react-router';
import { LoadingState } from '../common/states';
import { NoticeBadge } from '../features/notices/notice-badge';
import { WarningBadge } from '../features/warnings/warning-badge';
import { useI18n } from '../i18n/i18n';
import { LangSwitch } from '../i18n/lang-switch';
import type { MessageKey } from '../i18n/messages';
import { useSession } from './session';

const NAV: { to: string; key: MessageKey }[] = [
  { to: '/ranking', key: 'nav.ranking' },
  { to: '/drill', key: 'nav.drill' },
  { to: '/overdue', key: 'nav.overdue' },
  { to: '/hotspots', key: 'nav.hotspots' },
  { to: '/warnings', key: 'nav.warnings' },
  { to: '/reports', key: 'nav.reports' },
];

export function Layout() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const [params] = useSearchParams();
  const [menuOpen, setMenuOpen] = useState(false);
  // The wall display's account reads the command-centre screen only (api auth/screen-role.ts).
  if (user.role === 'SCREEN') return <Navigate to="/screen" replace />;
  if (params.get('print') === '1') {
    return (
      <main className="main print-mode">
        <Outlet />
      </main>
    );
  }
  return (
    <div className="app">
      <header className="header">
        <div className="header-bar">
          <button type="button" className="menu-btn" aria-label={t('nav.menu')} onClick={() => setMenuOpen((o) => !o)}>
            ☰
          </button>
          <span className="brand">{t('appTitle')}</span>
          <div className="header-user">
            <span data-testid="header-user" className="user-name">
              {user.username}
            </span>
            <span data-testid="header-role" className="badge badge-role">
              {t(`role.${user.role}` as MessageKey)}
            </span>
            <span data-testid="header-region" className="user-region">
              {user.regionName ?? user.regionCode}
            </span>
            <NoticeBadge userRole={user.role} />
            <WarningBadge />
            <LangSwitch />
            <button type="button" className="link-btn" onClick={signOut}>
              {t('signOut')}
            </button>
          </div>
        </div>
        <nav className={menuOpen ? 'nav nav-open' : 'nav'}>
          {NAV.map((n) => (
            <NavLink
              key={n.to}
              to={n.to}
              onClick={() => setMenuOpen(false)}
              className={({ isActive }) => (isActive ? 'active' : '')}
            >
              {t(n.key)}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="main">
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
