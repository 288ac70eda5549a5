import { useEffect, useState } from 'preact/hooks';
import { describeProblem, type ConsoleClient, type FeedEvent } from './api';

/** Events asked for at a time; a page this long means more may follow at once. */
const FEED_PAGE = 100;

/** What {@link useEventFeed} holds: the events read so far, oldest first, and how fresh they are. */
export interface EventFeed {
  events: FeedEvent[];
  error: string | undefined;
  /** When the feed was last read to its end; undefined until the history is in. */
  updatedAt: number | undefined;
}

/**
 * Follows `GET /v1/events` for one project: its whole history first, page after page until
 * one comes back short, then every `intervalMs` (while the tab is visible) from the last
 * `next_cursor` on, appending what came. The cursor moves only with the events it read, so
 * a failed read is asked again from where the last one ended: none is lost, none repeated.
 */
export function useEventFeed(client: ConsoleClient, projectId: string, intervalMs: number): EventFeed {
  const [feed, setFeed] = useState<EventFeed>({ events: [], error: undefined, updatedAt: undefined });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cursor: string | undefined;
    setFeed({ events: [], error: undefined, updatedAt: undefined });

    async function readToEnd(): Promise<void> {
      for (;;) {
        const { data, error } = await client.GET('/v1/events', {
          params: {
            query: { project_id: projectId, limit: FEED_PAGE, ...(cursor === undefined ? {} : { after: cursor }) },
          },
        });
        if (stopped) return;
        if (data === undefined) throw new Error(describeProblem(error));
        cursor = data.next_cursor;
        const page = data.data;
        if (page.length > 0) setFeed((previous) => ({ ...previous, events: [...previous.events, ...page] }));
        if (page.length < FEED_PAGE) return;
      }
    }

    async function follow(): Promise<void> {
      // A hidden tab asks nothing; the history is read even so, once.
      if (cursor === undefined || document.visibilityState === 'visible') {
        try {
          await readToEnd();
          if (!stopped) setFeed((previous) => ({ ...previous, error: undefined, updatedAt: Date.now() }));
        } catch (error) {
          if (!stopped)
            setFeed((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error) }));
        }
      }
      if (!stopped) timer = setTimeout(() => void follow(), intervalMs);
    }

    void follow();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, projectId, intervalMs]);

  return feed;
}
