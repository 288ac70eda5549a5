import { useEffect, useMemo, useState } from 'preact/hooks';
import { consoleClient, forgetToken, savedToken, saveToken } from './api';
import { LoginPage } from './pages/login-page';
import { OverviewPage } from './pages/overview-page';
import { ProjectPage } from './pages/project-page';
import { ProjectsPage } from './pages/projects-page';
import { WebhooksPage } from './pages/webhooks-page';

/**
 * The page a location hash names: `#/`, `#/projects?q=…`, `#/projects/<id>`,
 * `#/projects/<id>?operation=<id>`, `#/webhooks`, `#/webhooks/<endpoint id>`.
 */
export type Route =
  | { page: 'overview' }
  | { page: 'projects'; query: URLSearchParams }
  | { page: 'project'; id: string; operation: string | undefined }
  | { page: 'webhooks'; endpoint: string | undefined };

function routeOf(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const project = /^\/projects\/([0-9a-f-]{36})$/i.exec(path);
  if (project !== null)
    return { page: 'project', id: project[1]!, operation: new URLSearchParams(search).get('operation') ?? undefined };
  if (path === '/projects') return { page: 'projects', query: new URLSearchParams(search) };
  const webhooks = /^\/webhooks(?:\/([0-9a-f-]{36}))?$/i.exec(path);
  if (webhooks !== null) return { page: 'webhooks', endpoint: webhooks[1] };
  return { page: 'overview' };
}

function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => routeOf(hash), [hash]);
}

/**
 * The console: a sign-in with an admin token, then the overview, the projects, a project's
 * page and the webhook endpoints, all read from the API this page came from, with that token. The page
 * itself holds no data: without a token the API gives it none.
 */
export function App() {
  const [token, setToken] = useState(savedToken());
  const [refused, setRefused] = useState(false);
  const route = useRoute();
  const client = useMemo(
    () =>
      token === null
        ? undefined
        : consoleClient(token, () => {
            forgetToken();
            setToken(null);
            setRefused(true);
          }),
    [token],
  );

  useEffect(() => {
    const titles = { overview: 'Overview', projects: 'Projects', project: 'Project', webhooks: 'Webhooks' } as const;
    document.title =
      client === undefined ? 'Sign in · Control plane console' : `${titles[route.page]} · Control plane console`;
  }, [client, route.page]);

  if (client === undefined) {
    return (
      <LoginPage
        refused={refused}
        onSignIn={(presented) => {
          saveToken(presented);
          setRefused(false);
          setToken(presented);
        }}
      />
    );
  }
  const current = route.page === 'project' ? 'projects' : route.page;
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Control plane</span>
        <nav aria-label="Console">
          <a href="#/" aria-current={current === 'overview' ? 'page' : undefined}>
            Overview
          </a>
          <a href="#/projects" aria-current={current === 'projects' ? 'page' : undefined}>
            Projects
          </a>
          <a href="#/webhooks" aria-current={current === 'webhooks' ? 'page' : undefined}>
            Webhooks
          </a>
        </nav>
        <button
          type="button"
          class="link"
          onClick={() => {
            forgetToken();
            setToken(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'overview' && <OverviewPage client={client} />}
        {route.page === 'projects' && <ProjectsPage client={client} query={route.query} />}
        {route.page === 'project' && <ProjectPage client={client} id={route.id} operation={route.operation} />}
        {route.page === 'webhooks' && <WebhooksPage client={client} chosen={route.endpoint} />}
      </main>
    </>
  );
}
