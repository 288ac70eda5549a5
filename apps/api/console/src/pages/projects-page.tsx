import { ColumnHeads } from '../components/column-heads';
import { FilterSelect } from '../components/filter-select';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeProblem, type ConsoleClient, type Project } from '../api';
import { LiveStatus } from '../components/live-status';
import { StatusBadge } from '../components/status-badge';
import { ErrorCode } from '../components/error-code';
import { TimeAgo } from '../components/time-ago';
import { PROJECT_STATES, REGIONS } from '../project-states';
import { usePolling } from '../use-polling';

const PROJECTS_POLL_MS = 3000;
const PAGE_SIZE = 25;
type State = (typeof PROJECT_STATES)[number];
type Region = (typeof REGIONS)[number];

interface Filter {
  q: string;
  status: string;
  region: string;
  cluster: string;
  /** From the overview's failures: projects that failed with this code in the last 24 h. */
  failed_code: string;
}

function filterOf(query: URLSearchParams): Filter {
  return {
    q: query.get('q') ?? '',
    status: query.get('status') ?? '',
    region: query.get('region') ?? '',
    cluster: query.get('cluster') ?? '',
    failed_code: query.get('failed_code') ?? '',
  };
}

/** The projects, newest first, a page at a time: searched by name or id, filtered by state, region and cluster. */
export function ProjectsPage({ client, query }: { client: ConsoleClient; query: URLSearchParams }) {
  const filter = filterOf(query);
  const [draft, setDraft] = useState(filter);
  // The cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const key = `${query.toString()}|${cursor ?? ''}`;
  // A new search (a link from the overview, the back button): its own fields, from page 1.
  // Not on the first render, whose fields are the query's already: the effect runs after the
  // page is painted, and taking them again then wiped what was typed in between (a test
  // typed, searched, and got every project, on a busy machine).
  const shownQuery = useRef(query.toString());
  useEffect(() => {
    if (shownQuery.current === query.toString()) return;
    shownQuery.current = query.toString();
    setDraft(filterOf(query));
    setCursors([undefined]);
  }, [query.toString()]);

  const page = usePolling(
    async () => {
      const { data, error } = await client.GET('/v1/projects', {
        params: {
          query: {
            limit: PAGE_SIZE,
            ...(cursor === undefined ? {} : { cursor }),
            ...(filter.q === '' ? {} : { q: filter.q }),
            ...(PROJECT_STATES.includes(filter.status as State) ? { status: filter.status as State } : {}),
            ...(REGIONS.includes(filter.region as Region) ? { region: filter.region as Region } : {}),
            ...(filter.cluster === '' ? {} : { cluster: filter.cluster }),
            ...(filter.failed_code === '' ? {} : { failed_code: filter.failed_code }),
          },
        },
      });
      if (data === undefined) throw new Error(describeProblem(error));
      return data;
    },
    PROJECTS_POLL_MS,
    [client, key],
  );

  function apply(next: Filter) {
    const params = new URLSearchParams(Object.entries(next).filter(([, value]) => value !== ''));
    setCursors([undefined]);
    location.hash = `#/projects${params.size > 0 ? `?${params.toString()}` : ''}`;
  }

  const projects: Project[] = page.value?.data ?? [];
  return (
    <>
      <div class="page-head">
        <h1>Projects</h1>
        <LiveStatus updatedAt={page.updatedAt} error={page.error} />
      </div>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <div>
          <label for="search">Name or id</label>
          <input
            id="search"
            type="search"
            value={draft.q}
            onInput={(event) => setDraft({ ...draft, q: event.currentTarget.value })}
          />
        </div>
        <FilterSelect
          id="status"
          label="State"
          value={draft.status}
          options={PROJECT_STATES}
          onChange={(status) => apply({ ...draft, status })}
        />
        <FilterSelect
          id="region"
          label="Region"
          value={draft.region}
          options={REGIONS}
          onChange={(region) => apply({ ...draft, region })}
        />
        <div>
          <label for="cluster">Cluster</label>
          <input
            id="cluster"
            value={draft.cluster}
            onInput={(event) => setDraft({ ...draft, cluster: event.currentTarget.value })}
          />
        </div>
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      {filter.failed_code !== '' && (
        <p class="chip" data-testid="failed-code-filter">
          Failed with <ErrorCode code={filter.failed_code} /> in the last 24 h{' '}
          <button type="button" class="link" onClick={() => apply({ ...draft, failed_code: '' })}>
            Show all<span class="visually-hidden"> projects</span>
          </button>
        </p>
      )}
      <div class="table-scroll">
        <table class="projects">
          <caption class="visually-hidden">Projects, newest first</caption>
          <ColumnHeads
            names={[
              'Project',
              'State',
              'Region',
              { text: 'Cluster', class: 'wide-only' },
              'Created',
              { text: 'Last error', class: 'wide-only' },
            ]}
          />
          <tbody>
            {projects.map((project) => (
              <tr key={project.id} data-project={project.id}>
                <th scope="row">
                  <a href={`#/projects/${project.id}`}>{project.name}</a>
                  <div class="id">{project.id}</div>
                </th>
                <td>
                  <StatusBadge status={project.status} />
                </td>
                <td>{project.region}</td>
                <td class="wide-only">{project.cluster ?? '—'}</td>
                <td>
                  <TimeAgo iso={project.created_at} />
                </td>
                <td class="error-text wide-only">{project.last_error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.value !== undefined && projects.length === 0 && <p>No project matches.</p>}
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </button>
        <span>Page {cursors.length}</span>
        <button
          type="button"
          disabled={page.value?.next_cursor == null}
          onClick={() => setCursors([...cursors, page.value!.next_cursor!])}
        >
          Next
        </button>
      </nav>
    </>
  );
}
