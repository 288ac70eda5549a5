import { ColumnHeads } from '../components/column-heads';
import { Facts } from '../components/facts';
import { createRef } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  describeProblem,
  type ApiKey,
  type ConsoleClient,
  type Operation,
  type Project,
  type Schemas,
  type Snapshot,
} from '../api';
import { ConfirmDialog, type PendingAction } from '../components/confirm-dialog';
import { EventsTable } from '../components/events-table';
import { LiveStatus } from '../components/live-status';
import { StatusBadge } from '../components/status-badge';
import { Timeline } from '../components/timeline';
import { TimeAgo } from '../components/time-ago';
import { TimeUntil } from '../components/time-until';
import { formatMegabytes } from '../format';
import { useEventFeed } from '../use-event-feed';
import { usePolling } from '../use-polling';

const PROJECT_POLL_MS = 1500;
/** Operations read at a time, newest first; "Show older" reads as many more. */
const OPERATIONS_PAGE = 10;
/** The API's largest page. */
const OPERATIONS_MOST = 100;

interface ProjectState {
  project: Project;
  etag: string | undefined;
  operations: Operation[];
  /** More operations than were read. */
  older: boolean;
  keys: ApiKey[];
}

async function readProject(client: ConsoleClient, id: string, limit: number): Promise<ProjectState | null> {
  const path = { params: { path: { id } } };
  const [project, operations, keys] = await Promise.all([
    client.GET('/v1/projects/{id}', path),
    client.GET('/v1/projects/{id}/operations', { params: { path: { id }, query: { limit } } }),
    client.GET('/v1/projects/{id}/api-keys', { params: { path: { id }, query: { include_revoked: 'true' } } }),
  ]);
  if (project.response.status === 404) return null;
  if (project.data === undefined) throw new Error(describeProblem(project.error));
  return {
    project: project.data,
    etag: project.response.headers.get('etag') ?? undefined,
    operations: operations.data?.data ?? [],
    older: (operations.data?.next_cursor ?? null) !== null,
    keys: keys.data?.data ?? [],
  };
}

/** What a banner says of an action: its words, and the operation it queued (if it did). */
interface Notice {
  label: string;
  operationId?: string;
}

/**
 * The banner's text, from the operation it is about as the page now reads it: while it runs,
 * its status; once it succeeded, nothing (the page shows the outcome); if it failed, why.
 */
function noticeText(notice: Notice | undefined, operations: Operation[]): string {
  if (notice === undefined) return '';
  if (notice.operationId === undefined) return notice.label;
  const operation = operations.find((candidate) => candidate.id === notice.operationId);
  if (operation === undefined) return `${notice.label}: operation queued…`;
  switch (operation.status) {
    case 'queued':
    case 'running':
      return `${notice.label}: operation ${operation.status}…`;
    case 'succeeded':
      return '';
    case 'failed':
      return `${notice.label} failed: ${operation.error?.code ?? 'unknown error'}`;
    default:
      return `${notice.label}: operation ${operation.status}`;
  }
}

/** The project's snapshots, or why they could not be read. */
interface Snapshots {
  list?: Snapshot[];
  error?: string;
}

/**
 * The project's snapshots, read when `ended` (the operations that have ended) changes: a
 * snapshot comes and goes only with an operation, and each read asks the project's cluster.
 * Undefined `ended` (the project not read yet) reads nothing.
 */
function useSnapshots(client: ConsoleClient, id: string, ended: string | undefined): Snapshots {
  const [snapshots, setSnapshots] = useState<Snapshots>({});
  useEffect(() => {
    if (ended === undefined) return;
    let current = true;
    client.GET('/v1/projects/{id}/snapshots', { params: { path: { id } } }).then(
      ({ data, error }) => {
        if (current) setSnapshots(data === undefined ? { error: describeProblem(error) } : { list: data.data });
      },
      (failure: unknown) => {
        if (current) setSnapshots({ error: String(failure) });
      },
    );
    return () => {
      current = false;
    };
  }, [client, id, ended]);
  return snapshots;
}

/** A change's headers: an idempotency key, and the version of the project the operator saw. */
function changeHeaders(etag: string | undefined): Record<string, string> {
  return { 'idempotency-key': crypto.randomUUID(), ...(etag === undefined ? {} : { 'if-match': etag }) };
}

/** Who asked for an operation: its admin token's name, else its id. */
function requester(operation: Operation): string {
  return operation.requested_by_name ?? operation.requested_by ?? 'unknown';
}

/** The id of an operation's `<article>`: where `?operation=` takes the operator. */
function operationAnchor(operationId: string): string {
  return `operation-${operationId}`;
}

/**
 * One project: its state and actions, its operations as timelines, its events as they come,
 * its resources, services and keys (metadata only). `operation` (the route's `?operation=`)
 * is one to open and bring into view.
 */
export function ProjectPage({
  client,
  id,
  operation: target,
}: {
  client: ConsoleClient;
  id: string;
  operation?: string;
}) {
  const [limit, setLimit] = useState(OPERATIONS_PAGE);
  const state = usePolling(() => readProject(client, id, limit), PROJECT_POLL_MS, [client, id, limit]);
  const feed = useEventFeed(client, id, PROJECT_POLL_MS);
  const targetShown = target !== undefined && (state.value?.operations ?? []).some((each) => each.id === target);
  // Once the operation asked for is on the page (the first read may still be out), bring it to the operator.
  useEffect(() => {
    if (!targetShown) return;
    const article = document.getElementById(operationAnchor(target));
    article?.scrollIntoView({ block: 'start' });
    article?.focus({ preventScroll: true });
  }, [target, targetShown]);
  const [action, setAction] = useState<PendingAction | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  /** The branch this page made last: its page is one click away. */
  const [branched, setBranched] = useState<{ id: string; name: string } | undefined>();
  const snapshots = useSnapshots(
    client,
    id,
    state.value?.operations
      .filter((operation) => operation.status !== 'queued' && operation.status !== 'running')
      .map((operation) => operation.id)
      .join(),
  );
  // A notice of no operation (a key revoked) is true once, then old news.
  useEffect(() => {
    if (notice === undefined || notice.operationId !== undefined) return;
    const timer = setTimeout(() => setNotice(undefined), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  if (state.value === null) {
    return (
      <>
        <h1>Project not found</h1>
        <p>
          No project {id}, or not one this token may see. <a href="#/projects">All projects</a>
        </p>
      </>
    );
  }
  const current = state.value;
  if (current === undefined) {
    return (
      <div class="page-head">
        <h1>Project</h1>
        <LiveStatus updatedAt={state.updatedAt} error={state.error} />
      </div>
    );
  }
  const { project, operations, older, keys, etag } = current;
  const open = operations.find((operation) => operation.status === 'queued' || operation.status === 'running');
  // Only an operation the page shows has a place to go; an older one is named, not linked.
  const operationHref = (operationId: string) =>
    operations.some((operation) => operation.id === operationId)
      ? `#/projects/${id}?operation=${operationId}`
      : undefined;

  /** A project action through the API, with an idempotency key and the version the operator saw. */
  function lifecycle(kind: 'retry' | 'suspend' | 'resume' | 'delete' | 'recover' | 'purge' | 'reset-password') {
    const words = {
      retry: {
        title: `Retry the provisioning of ${project.name}?`,
        body: 'A new provisioning starts, as first asked for: its database, services and keys.',
        label: 'Retry provisioning',
      },
      suspend: {
        title: `Suspend ${project.name}?`,
        body: 'Its database refuses logins (open sessions end) and its API keys stop verifying until it is resumed.',
        label: 'Suspend',
      },
      resume: {
        title: `Resume ${project.name}?`,
        body: 'Its database takes logins again and its API keys verify again.',
        label: 'Resume',
      },
      'reset-password': {
        title: `Reset the database password of ${project.name}?`,
        body: 'Its database role gets a new password: the old one stops working at the next login (open sessions stay). The new one is the project’s one-time result, claimed once through the API.',
        label: 'Reset password',
      },
      delete: {
        title: `Delete ${project.name}?`,
        body: 'Its keys stop verifying, its services are disabled and its database refuses logins (open sessions end); its data is kept. It can be recovered until the end of its retention (7 days unless the platform says otherwise), when it is purged for good.',
        label: 'Delete project',
      },
      recover: {
        title: `Recover ${project.name}?`,
        body: 'It comes back as it was before its deletion: its database and data, its login, its keys and its services.',
        label: 'Recover',
      },
      purge: {
        title: `Purge ${project.name} now?`,
        body: 'Its keys are revoked, its services disabled, its database and role dropped, with all its data. This cannot be undone.',
        label: 'Purge now',
      },
    }[kind];
    setAction({
      title: words.title,
      body: <p>{words.body}</p>,
      confirmLabel: words.label,
      danger: kind === 'delete' || kind === 'purge' || kind === 'suspend',
      run: async () => {
        const options = { params: { path: { id } }, headers: changeHeaders(etag) };
        const { data, error } =
          kind === 'delete' || kind === 'purge'
            ? await client.DELETE('/v1/projects/{id}', {
                ...options,
                params: { ...options.params, query: kind === 'purge' ? { purge: 'true' } : {} },
              })
            : kind === 'recover'
              ? await client.POST('/v1/projects/{id}/recover', options)
              : kind === 'retry'
                ? await client.POST('/v1/projects/{id}/retry', options)
                : kind === 'suspend'
                  ? await client.POST('/v1/projects/{id}/suspend', options)
                  : kind === 'resume'
                    ? await client.POST('/v1/projects/{id}/resume', options)
                    : await client.POST('/v1/projects/{id}/reset-password', options);
        state.refresh();
        if (data === undefined) return describeProblem(error);
        setNotice({ label: words.label, operationId: data.operation.id });
        return undefined;
      },
    });
  }

  function revoke(key: ApiKey) {
    setAction({
      title: `Revoke key ${key.name}?`,
      body: (
        <p>
          <code>{key.start}</code> stops verifying at once. This cannot be undone.
        </p>
      ),
      confirmLabel: 'Revoke key',
      danger: true,
      run: async () => {
        const { error, response } = await client.DELETE('/v1/projects/{id}/api-keys/{keyId}', {
          params: { path: { id, keyId: key.id } },
          headers: { 'idempotency-key': crypto.randomUUID() },
        });
        state.refresh();
        if (!response.ok) return describeProblem(error);
        setNotice({ label: `Key ${key.name} revoked.` });
        return undefined;
      },
    });
  }

  /**
   * Changes the project's settings (`PATCH`) for the version the operator saw: the refusal in
   * a line, or undefined and `notice` shown.
   */
  async function changeProject(body: Schemas['UpdateProjectInput'], notice: string): Promise<string | undefined> {
    const { data, error } = await client.PATCH('/v1/projects/{id}', {
      params: { path: { id } },
      body,
      headers: changeHeaders(etag),
    });
    state.refresh();
    if (data === undefined) return describeProblem(error);
    setNotice({ label: notice });
    return undefined;
  }

  /** Turns deletion protection on or off (`PATCH`), for the version the operator saw. */
  function protect() {
    const on = !project.deletion_protection;
    setAction({
      title: on ? `Protect ${project.name} from deletion?` : `Lift the deletion protection of ${project.name}?`,
      body: (
        <p>
          {on
            ? 'Deleting and purging it are refused, whoever asks, until the protection is lifted.'
            : 'It can be deleted again.'}
        </p>
      ),
      confirmLabel: on ? 'Protect' : 'Lift protection',
      danger: !on,
      run: () =>
        changeProject({ deletion_protection: on }, on ? 'Deletion protection on.' : 'Deletion protection lifted.'),
    });
  }

  /**
   * Changes how long, and how many, of its snapshots are kept (`PATCH`), for the version the
   * operator saw. The browser checks the fields' bounds; the API refuses a count past the
   * quota, shown in the dialog.
   */
  function editRetention() {
    const days = createRef<HTMLInputElement>();
    const count = createRef<HTMLInputElement>();
    setAction({
      title: `Snapshot retention of ${project.name}`,
      body: (
        <>
          <p>
            A snapshot older than this, or past the most kept, is dropped when the project takes a new one. With no
            most, a new one past the quota is refused instead.
          </p>
          <div class="fields">
            <label for="retention-days">Days kept</label>
            <input
              ref={days}
              id="retention-days"
              type="number"
              required
              min={1}
              max={365}
              step={1}
              defaultValue={String(project.snapshot_retention_days)}
            />
            <label for="retention-count">Most kept (empty: none)</label>
            <input
              ref={count}
              id="retention-count"
              type="number"
              min={1}
              step={1}
              defaultValue={project.snapshot_retention_count === null ? '' : String(project.snapshot_retention_count)}
            />
          </div>
        </>
      ),
      confirmLabel: 'Save retention',
      run: () => {
        const most = count.current!.value.trim();
        return changeProject(
          {
            snapshot_retention_days: Number(days.current!.value),
            snapshot_retention_count: most === '' ? null : Number(most),
          },
          'Snapshot retention saved.',
        );
      },
    });
  }

  /** Takes a snapshot of the project's database. */
  function takeSnapshot() {
    setAction({
      title: `Take a snapshot of ${project.name}?`,
      body: (
        <p>
          Its database is copied on its cluster. The tenant’s sessions are interrupted while the database is copied:
          they are ended, and new ones refused, until the copy is made (well under a second for a small database).
        </p>
      ),
      confirmLabel: 'Take snapshot',
      run: async () => {
        const { data, error } = await client.POST('/v1/projects/{id}/snapshots', {
          params: { path: { id } },
          headers: changeHeaders(etag),
        });
        state.refresh();
        if (data === undefined) return describeProblem(error);
        setNotice({ label: 'Take snapshot', operationId: data.operation.id });
        return undefined;
      },
    });
  }

  /** Replaces the project's database by a copy of `snapshot`; the one replaced is kept as a snapshot. */
  function restore(snapshot: Snapshot) {
    setAction({
      title: `Restore ${project.name} from the snapshot of ${new Date(snapshot.created_at).toLocaleString()}?`,
      body: (
        <p>
          Its database is replaced by a copy of snapshot <code>{snapshot.id}</code>. The current database is kept as a
          new snapshot, so the restore can be undone by restoring that one. The tenant’s sessions are interrupted only
          for the swap; its password, keys and services stay.
        </p>
      ),
      confirmLabel: 'Restore',
      run: async () => {
        const { data, error } = await client.POST('/v1/projects/{id}/restore', {
          params: { path: { id } },
          body: { snapshot_id: snapshot.id },
          headers: changeHeaders(etag),
        });
        state.refresh();
        if (data === undefined) return describeProblem(error);
        setNotice({ label: 'Restore', operationId: data.operation.id });
        return undefined;
      },
    });
  }

  /** Drops `snapshot`, for good. */
  function deleteSnapshot(snapshot: Snapshot) {
    setAction({
      title: `Delete the snapshot of ${new Date(snapshot.created_at).toLocaleString()}?`,
      body: (
        <p>
          Snapshot <code>{snapshot.id}</code> is dropped, with its data. This cannot be undone.
        </p>
      ),
      confirmLabel: 'Delete snapshot',
      danger: true,
      run: async () => {
        const { data, error } = await client.DELETE('/v1/projects/{id}/snapshots/{snapshotId}', {
          params: { path: { id, snapshotId: snapshot.id } },
          headers: changeHeaders(etag),
        });
        state.refresh();
        if (data === undefined) return describeProblem(error);
        setNotice({ label: 'Delete snapshot', operationId: data.operation.id });
        return undefined;
      },
    });
  }

  /** A new project whose database starts as a copy of this one's as it is now, or of `snapshot`. */
  function branch(snapshot?: Snapshot) {
    setAction({
      title:
        snapshot === undefined
          ? `Branch ${project.name}?`
          : `Branch ${project.name} from the snapshot of ${new Date(snapshot.created_at).toLocaleString()}?`,
      body: (
        <p>
          A new project, “{project.name} branch”, is provisioned with its own role, password, keys and services; its
          database starts as a copy of{' '}
          {snapshot === undefined ? (
            'this project’s database as it is now (the tenant’s sessions are interrupted while it is copied)'
          ) : (
            <>
              snapshot <code>{snapshot.id}</code>
            </>
          )}
          . This project is not changed.
        </p>
      ),
      confirmLabel: 'Branch',
      run: async () => {
        // Not a change of this project: no If-Match (the API takes none).
        const { data, error } = await client.POST('/v1/projects/{id}/branches', {
          params: { path: { id } },
          body: snapshot === undefined ? {} : { snapshot_id: snapshot.id },
          headers: { 'idempotency-key': crypto.randomUUID() },
        });
        state.refresh();
        if (data === undefined) return describeProblem(error);
        setBranched({ id: data.project.id, name: data.project.name });
        setNotice({ label: `Branch ${data.project.name} created.` });
        return undefined;
      },
    });
  }

  const busy = open !== undefined;
  // A database that can be copied or replaced (the API's own rule).
  const copyable =
    project.provisioning_status === 'provisioned' && (project.status === 'active' || project.status === 'suspended');
  const gone = project.status === 'deleted' || project.status === 'purging' || project.status === 'purged';
  return (
    <>
      <p class="crumbs">
        <a href="#/projects">Projects</a> / {project.name}
      </p>
      <div class="page-head">
        <h1>
          {project.name} <StatusBadge status={project.status} />
        </h1>
        <LiveStatus updatedAt={state.updatedAt} error={state.error} />
      </div>
      <div class="actions" role="group" aria-label="Actions">
        {project.status === 'failed' && (
          <button type="button" class="primary" disabled={busy} onClick={() => lifecycle('retry')}>
            Retry provisioning
          </button>
        )}
        {project.status === 'active' && (
          <button type="button" disabled={busy} onClick={() => lifecycle('suspend')}>
            Suspend
          </button>
        )}
        {project.status === 'suspended' && (
          <button type="button" disabled={busy} onClick={() => lifecycle('resume')}>
            Resume
          </button>
        )}
        {(project.status === 'active' || project.status === 'suspended') && (
          <button type="button" disabled={busy} onClick={() => lifecycle('reset-password')}>
            Reset password
          </button>
        )}
        {!gone && (
          <button type="button" disabled={busy} onClick={protect}>
            {project.deletion_protection ? 'Lift deletion protection' : 'Protect from deletion'}
          </button>
        )}
        {!gone && (
          <button
            type="button"
            class="danger"
            disabled={busy || project.deletion_protection}
            title={project.deletion_protection ? 'Deletion protection is on' : undefined}
            onClick={() => lifecycle('delete')}
          >
            Delete
          </button>
        )}
        {project.status === 'deleted' && (
          <button type="button" class="primary" disabled={busy} onClick={() => lifecycle('recover')}>
            Recover
          </button>
        )}
        {(project.status === 'deleted' || project.status === 'purging') && (
          <button type="button" class="danger" disabled={busy} onClick={() => lifecycle('purge')}>
            Purge now
          </button>
        )}
        {busy && (
          <span class="hint">
            {open.kind} {open.status}: actions wait for it to end.
          </span>
        )}
      </div>
      <p role="status" class="notice" data-testid="notice">
        {noticeText(notice, operations)}
      </p>

      <section class="card" aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        <Facts
          class="facts"
          facts={[
            { label: 'Id', value: <code>{project.id}</code> },
            { label: 'Organization', value: project.organization_id },
            { label: 'Owner', value: project.owner_id },
            { label: 'Region', value: project.region },
            { label: 'Cluster', value: project.cluster ?? '—' },
            { label: 'Created', value: <TimeAgo iso={project.created_at} /> },
            { label: 'Provisioned', value: <TimeAgo iso={project.provisioned_at} /> },
            { label: 'Deletion protection', value: project.deletion_protection ? 'on' : 'off' },
            project.deleted_at !== null && { label: 'Deleted', value: <TimeAgo iso={project.deleted_at} /> },
            project.purge_at !== null && {
              label: 'Purged at',
              value: (
                <span data-testid="purge-at">
                  {new Date(project.purge_at).toLocaleString()} (<TimeUntil iso={project.purge_at} />)
                </span>
              ),
            },
            project.last_error !== null && {
              label: 'Last error',
              value: project.last_error,
              attributes: { class: 'error-text' },
            },
          ]}
        />
      </section>

      <section class="card" aria-labelledby="operations-heading">
        <h2 id="operations-heading">Operations</h2>
        {operations.length === 0 && <p>None.</p>}
        {/* The newest, and any still open, with its timeline; the older ones a line each, opened on demand. */}
        {operations.map((operation, index) => (
          <article
            key={operation.id}
            id={operationAnchor(operation.id)}
            tabIndex={-1}
            class="operation"
            aria-label={`${operation.kind} ${operation.status}`}
          >
            <details
              open={
                index === 0 ||
                operation.status === 'queued' ||
                operation.status === 'running' ||
                operation.id === target
              }
            >
              <summary>
                <h3>
                  {operation.kind} <StatusBadge status={operation.status} />{' '}
                  <span class="hint">
                    <TimeAgo iso={operation.created_at} /> · {operation.attempts} attempt
                    {operation.attempts === 1 ? '' : 's'} · by{' '}
                    <span data-testid="requester">{requester(operation)}</span>
                  </span>
                </h3>
              </summary>
              <Timeline operation={operation} />
            </details>
          </article>
        ))}
        {older && limit < OPERATIONS_MOST && (
          <button type="button" onClick={() => setLimit(Math.min(limit + OPERATIONS_PAGE, OPERATIONS_MOST))}>
            Show older operations
          </button>
        )}
      </section>

      <section class="card" aria-labelledby="events-heading">
        <div class="page-head">
          <h2 id="events-heading">Events</h2>
          <LiveStatus updatedAt={feed.updatedAt} error={feed.error} />
        </div>
        {feed.updatedAt === undefined && feed.events.length === 0 ? null : feed.events.length === 0 ? (
          <p>None.</p>
        ) : (
          <EventsTable events={feed.events} operationHref={operationHref} />
        )}
      </section>

      <section class="card" aria-labelledby="snapshots-heading">
        <h2 id="snapshots-heading">Snapshots</h2>
        <p data-testid="snapshot-retention">
          Kept {project.snapshot_retention_days} days
          {project.snapshot_retention_count === null
            ? '; a new one past the quota is refused.'
            : `; at most ${project.snapshot_retention_count}, the oldest dropped for a new one.`}
        </p>
        {!gone && (
          <div class="actions" role="group" aria-label="Snapshot actions">
            {copyable && (
              <button type="button" disabled={busy} onClick={takeSnapshot}>
                Take snapshot
              </button>
            )}
            {copyable && (
              <button type="button" disabled={busy} onClick={() => branch()}>
                Branch
              </button>
            )}
            <button type="button" disabled={busy} onClick={editRetention}>
              Change retention
            </button>
          </div>
        )}
        {branched !== undefined && (
          <p data-testid="branched">
            Branched: <a href={`#/projects/${branched.id}`}>{branched.name}</a> (its provisioning is on its page).
          </p>
        )}
        {snapshots.error !== undefined && (
          <p role="alert" class="error">
            {snapshots.error}
          </p>
        )}
        {snapshots.list?.length === 0 && <p>None.</p>}
        {snapshots.list !== undefined && snapshots.list.length > 0 && (
          <table data-testid="snapshots">
            <ColumnHeads names={['Created', 'Name', 'Id', 'Size', 'Kept by', { hidden: 'Actions' }]} />
            <tbody>
              {snapshots.list.map((snapshot) => (
                <tr key={snapshot.id} data-snapshot={snapshot.id}>
                  <td>
                    <TimeAgo iso={snapshot.created_at} />
                  </td>
                  <td>{snapshot.name ?? '—'}</td>
                  <td>
                    <code>{snapshot.id}</code>
                  </td>
                  <td>{formatMegabytes(snapshot.size_bytes)}</td>
                  <td data-testid="kept-by">
                    {snapshot.preserved_by_restore_of === null ? (
                      '—'
                    ) : (
                      <>
                        kept by the restore of <code>{snapshot.preserved_by_restore_of}</code>
                      </>
                    )}
                  </td>
                  <td class="row-actions">
                    {copyable && (
                      <>
                        <button type="button" disabled={busy} onClick={() => restore(snapshot)}>
                          Restore<span class="visually-hidden"> snapshot {snapshot.id}</span>
                        </button>
                        <button type="button" disabled={busy} onClick={() => branch(snapshot)}>
                          Branch from this<span class="visually-hidden"> snapshot {snapshot.id}</span>
                        </button>
                      </>
                    )}
                    {!gone && (
                      <button type="button" class="danger" disabled={busy} onClick={() => deleteSnapshot(snapshot)}>
                        Delete<span class="visually-hidden"> snapshot {snapshot.id}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="hint">
          A snapshot is a copy of the database on its cluster, never reachable by the tenant. It is kept until it is
          deleted or its project purged, or, once past its retention above, until the project takes another.
        </p>
      </section>

      <section class="card" aria-labelledby="resources-heading">
        <h2 id="resources-heading">Resources</h2>
        <h3>Database</h3>
        {project.resources.database === null ? (
          <p>None.</p>
        ) : (
          <p>
            <code>{project.resources.database.name}</code> on {project.resources.database.cluster} (
            {project.resources.database.status})
          </p>
        )}
        <h3>Services</h3>
        {project.resources.services.length === 0 ? (
          <p>None.</p>
        ) : (
          <table>
            <ColumnHeads names={['Service', 'Id', 'Status']} />
            <tbody>
              {project.resources.services.map((service) => (
                <tr key={service.type}>
                  <td>{service.type}</td>
                  <td>{service.service_id === null ? '—' : <code>{service.service_id}</code>}</td>
                  <td>
                    <StatusBadge status={service.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>API keys</h3>
        {keys.length === 0 ? (
          <p>None.</p>
        ) : (
          <table data-testid="keys">
            <ColumnHeads names={['Name', 'Key', 'Scopes', 'State', 'Created', 'Last used', { hidden: 'Actions' }]} />
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.start}</code>
                  </td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>
                    <StatusBadge status={key.state} />
                  </td>
                  <td>
                    <TimeAgo iso={key.created_at} />
                  </td>
                  <td>
                    <TimeAgo iso={key.last_used} />
                  </td>
                  <td>
                    {key.state === 'active' && (
                      <button type="button" onClick={() => revoke(key)}>
                        Revoke<span class="visually-hidden"> {key.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="hint">
          Secrets are never shown here: a provisioning’s or a password reset’s secrets are claimed once, through{' '}
          <code>POST /v1/projects/{'{id}'}/one-time-result/claim</code>.
        </p>
      </section>
      <ConfirmDialog action={action} onClose={() => setAction(undefined)} />
    </>
  );
}
