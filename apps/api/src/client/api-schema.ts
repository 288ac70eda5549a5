// Generated from openapi.json by `npm run openapi -w @org/api`: do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics: requests by route and status, durations, the process */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document: OpenAPI 3.1, generated from the schemas the handlers validate with */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database, the journal and the queue answer (each within 2 s) */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an API key
         * @description For services that cannot import `@org/api-keys`: whether a presented key is valid now, and if not why. A key of a project the token may not see is `not_found`. Changes nothing but the key’s `last_used`, so it is safe to repeat and takes no Idempotency-Key. 503 when the key store did not answer in time: the key was not judged.
         */
        post: operations["verifyApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{name}/pool/refill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refill a cluster’s warm pool
         * @description Queues a refill of the cluster’s pool of ready tenant databases up to the workers’ `TENANT_POOL_SIZE` (one waiting refill per cluster: a second is not queued). For a token of every organization; a cluster is a platform resource.
         */
        post: operations["refillPool"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the event feed
         * @description Every change of a project’s state and of an operation’s status, oldest first, from `after` on. Pass each page’s `next_cursor` as the next `after`: a reader following it sees every event once, including one whose transaction committed after a later one’s. Events are kept 30 days. A token of one organization reads only its own.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an operation
         * @description Its status (`queued`, `running`, `succeeded`, `failed`, `cancelled`), attempts, last error with its step, and every run with its steps and their times. With `wait`, the answer comes as soon as the operation ends (or when the wait runs out): no polling. While it has not ended, `Retry-After` says when to ask again.
         */
        get: operations["getOperation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a queued operation
         * @description Only while no worker has started it (`queued`); a started one runs to its end (409).
         */
        post: operations["cancelOperation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform at a glance
         * @description Projects by state and region, provisionings by minute, their p50/p95 duration, failed attempts by code; for a token of every organization also the queue’s depth and each cluster’s tenant databases and warm pool. What the console’s overview polls.
         */
        get: operations["getOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description Newest first, a page at a time (`next_cursor`). A token of one organization lists only its own.
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a project and provision it
         * @description Records the project and queues its provisioning, in one transaction. Answers 202 at once with the project and its operation: poll `Operation-Location` until it `succeeded` or `failed`, then claim the one-time result. A name is a label, not a key: an organization may have two projects of one name, each with its own id; send an `Idempotency-Key` so that a retried request makes no second project.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a project
         * @description Its state, region and cluster, and its resources (never a secret). `ETag` is its version, for `If-Match`.
         */
        get: operations["getProject"];
        put?: never;
        post?: never;
        /**
         * Delete a project, recoverably; or purge a deleted one
         * @description Queues its deletion: the project ends `deleted`, and stays recoverable (`POST /v1/projects/{id}/recover`) until its `purge_at`, `retention` from now (7 days by default). Meanwhile its keys verify as `deleted`, its services are disabled, its database role cannot log in (its sessions are ended) and its database is kept untouched. At `purge_at` a worker purges it: keys revoked, services disabled, database and role dropped, for good (`purged`). With `purge=true`, a project that is `deleted` already is purged now. Both are refused (409 `DELETION_PROTECTED`) while the project has `deletion_protection`. On a project already in that state nothing is recorded: 200 with the operation that brought it there, or 409 naming the state when none of this API did.
         */
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        /**
         * Change a project’s settings
         * @description Sets `deletion_protection`: while it is true, `DELETE` (and a purge, whoever asks, the end of a retention included) is refused with 409 `DELETION_PROTECTED`. Sets its snapshots’ retention: `snapshot_retention_days` and `snapshot_retention_count` (applied when it next takes a snapshot). Send `If-Match` with the `ETag` you read to change only the version you saw (412 otherwise). 409 for turning protection on for a project that is deleted already.
         */
        patch: operations["updateProject"];
        trace?: never;
    };
    "/v1/projects/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project’s API keys
         * @description Metadata only (display start, scopes, state, times): a key’s plaintext is never stored.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Issue API keys
         * @description New keys for an active, provisioned project, within its quota of 10 active keys. Their plaintext is in this answer only (a repeat with the same Idempotency-Key answers it again).
         */
        post: operations["createApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description At once; revoking a revoked key changes nothing. Answers the key as it is now.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/api-keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API key
         * @description A new key with the same name, prefix and scopes; the old one keeps working for `grace_seconds`, then verifies as `rotated`. The new plaintext is in this answer only.
         */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/branches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Branch a project
         * @description Creates a new project (in the source’s organization, region and cluster, for its owner) and queues its provisioning, whose database starts as a copy of the source’s database as it is now, or of one of its snapshots (`snapshot_id`). The branch has its own database role, password, keys and services: its credentials cannot reach the source, nor the source’s the branch, and writes to one never reach the other. The source is not changed; copied live, its sessions are interrupted for the copy. Answers as `POST /v1/projects` does: poll the operation, then claim the branch’s one-time result. For an active or suspended source.
         */
        post: operations["createBranch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/one-time-result/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a project’s one-time result
         * @description The secrets of the project’s latest provisioning or password reset (database password and connection string; after a provisioning, the plaintext API keys too), exactly once: the first claim deletes them, a later one is 410. Send an `Idempotency-Key`: a client whose answer was lost asks again with the same key and gets the same answer, for 10 minutes (kept sealed in the meantime, then gone). 409 while the project is still being provisioned (see Retry-After). Never cached.
         */
        post: operations["claimOneTimeResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project’s operations
         * @description Newest first: provisioning, suspensions, resumptions, deletion, each with its runs and steps.
         */
        get: operations["listProjectOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recover a deleted project
         * @description Queues its recovery: a `deleted` project comes back exactly as it was before its deletion (`active`, or `suspended` if it was), with its database as it was, its role’s login, its keys and its services. Possible until its purge begins (`purge_at`); 409 for a project in any other state.
         */
        post: operations["recoverProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset the tenant role’s password
         * @description Queues an operation that gives the project’s database role a new password (sessions already open stay open). When it succeeds, the new credentials are the project’s one-time result: claim them once with `POST /v1/projects/{id}/one-time-result/claim`. For a provisioned project, active or suspended.
         */
        post: operations["resetProjectPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a project’s database from a snapshot
         * @description Queues an operation that replaces the project’s database by a copy of one of its snapshots (the snapshot stays). The database it replaces is kept as a new snapshot, `preserved_snapshot_id`: restoring that one undoes the restore. The tenant’s sessions are interrupted only for the swap (about 20 ms, whatever the size: the copy is made beside the database while it keeps working). Its role, password, keys and services are unchanged. For an active or suspended project.
         */
        post: operations["restoreProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a suspended project
         * @description Queues an operation that gives the tenant role its login back and the keys their state. On a project already in that state nothing is recorded: 200 with the operation that brought it there, or 409 naming the state when none of this API did.
         */
        post: operations["resumeProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a failed provisioning
         * @description Queues a new provisioning of a project whose provisioning failed (`failed`), as it was first asked for: region, services, keys. Its new one-time result is claimed as the first would have been. 409 in any other state.
         */
        post: operations["retryProvisioning"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project’s snapshots
         * @description Oldest first, as they are on the project’s cluster (complete ones only).
         */
        get: operations["listSnapshots"];
        put?: never;
        /**
         * Take a snapshot of a project’s database
         * @description Queues an operation that copies the project’s database on its cluster: a snapshot the tenant can never connect to, listed once the operation succeeded, until it is deleted, its project purged, or it is older than the project’s `snapshot_retention_days` (30 by default) when the project takes another. At most 10 per project, a restore’s preserved one included: past that a new one is refused (409 `QUOTA_EXCEEDED`), unless the project has a `snapshot_retention_count`, and then its oldest are dropped once the new one is made so that at most that many remain (`PATCH /v1/projects/{id}` sets both). Taking one interrupts the tenant’s sessions for the copy’s duration: they are ended, and new ones refused, while the database is copied (about 60 ms for a 10 MB database, 0.6 s for 200 MB, on the bench machine); the answer’s operation says when it is over. For an active or suspended project.
         */
        post: operations["createSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/snapshots/{snapshotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a snapshot
         * @description Queues an operation that drops one of the project’s snapshots, for good. 404 for a snapshot the project does not have.
         */
        delete: operations["deleteSnapshot"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a project
         * @description Queues an operation that refuses the tenant role’s login (ending its sessions) and makes every key of the project verify as `suspended`. On a project already in that state nothing is recorded: 200 with the operation that brought it there, or 409 naming the state when none of this API did.
         */
        post: operations["suspendProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Oldest first. A token of one organization lists only its own.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Events of the organization are delivered to `url` from now on, signed as the Standard Webhooks specification says with the `secret` of this answer (shown once). The URL must be `https://`, or `http://` to loopback; where its host points is checked at each delivery. At most 20 endpoints per organization.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Its settings and state; never its secret.
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description With its deliveries; attempts under way are dropped.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description Only the fields sent change. `enabled: true` re-enables a disabled endpoint (its reason and failing streak are cleared); deliveries that failed meanwhile can be replayed.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint’s recent deliveries
         * @description Newest first, each with its attempts (oldest first): when, how long, and the answer or why none came.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a delivery
         * @description Sends a delivery that succeeded or failed once more: the same body under the same `webhook-id`, freshly signed. Answers the delivery, pending again. 409 while it is still pending.
         */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook endpoint’s secret
         * @description A new secret, shown in this answer once. For 24 hours every delivery is signed with the new and the old secret (two signatures in `webhook-signature`), so the receiver can change over; then with the new one only.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            created_by: string;
            expires_at: string | null;
            id: string;
            last_used: string | null;
            name: string;
            prefix: string;
            /** Format: uuid */
            project_id: string;
            revoked_at: string | null;
            scopes: ("read" | "write" | "admin")[];
            /** @description Display form: prefix, timestamp and 6 hex characters */
            start: string;
            /** @enum {string} */
            state: "active" | "rotated" | "expired" | "revoked" | "suspended" | "deleted";
        };
        ApiKeyList: {
            data: components["schemas"]["ApiKey"][];
        };
        ApiKeyVerification: {
            key_id: string | null;
            project_id: string | null;
            reason: ("malformed" | "not_found" | "revoked" | "rotated" | "expired" | "suspended" | "deleted" | "insufficient_scope") | null;
            scopes: ("read" | "write" | "admin")[];
            valid: boolean;
        };
        CreateApiKeysInput: {
            /** @default 1 */
            count?: number;
            /**
             * Format: date-time
             * @description When the keys stop verifying (in the future); none: never
             */
            expires_at?: string;
            /** @default default */
            name?: string;
            /** @default pk */
            prefix?: string;
            /**
             * @default [
             *       "read",
             *       "write"
             *     ]
             */
            scopes?: ("read" | "write" | "admin")[];
        };
        CreateBranchInput: {
            /**
             * @default {
             *       "count": 2,
             *       "prefix": "pk"
             *     }
             */
            api_keys?: {
                /** @default 2 */
                count?: number;
                /** @default pk */
                prefix?: string;
            };
            /** @description Its name; the source’s, with “ branch”, when omitted */
            name?: string;
            /**
             * @default {
             *       "auth": true,
             *       "realtime": true,
             *       "storage": true
             *     }
             */
            services?: {
                /** @default true */
                auth?: boolean;
                /** @default true */
                realtime?: boolean;
                /** @default true */
                storage?: boolean;
            };
            /**
             * Format: uuid
             * @description Start from this snapshot of the source; from its database as it is now when omitted
             */
            snapshot_id?: string;
        };
        CreateProjectInput: {
            /**
             * @default {
             *       "count": 2,
             *       "prefix": "pk"
             *     }
             */
            api_keys?: {
                /** @default 2 */
                count?: number;
                /** @default pk */
                prefix?: string;
            };
            name: string;
            /** @description Required for a token of every organization; a token of one organization may omit it */
            organization_id?: string;
            owner_id: string;
            /** @enum {string} */
            region: "us-east-1" | "us-west-2" | "eu-west-1" | "ap-southeast-1";
            /**
             * @default {
             *       "auth": true,
             *       "realtime": true,
             *       "storage": true
             *     }
             */
            services?: {
                /** @default true */
                auth?: boolean;
                /** @default true */
                realtime?: boolean;
                /** @default true */
                storage?: boolean;
            };
        };
        CreateSnapshotInput: {
            /**
             * @description A name for people, kept with the snapshot and listed with it
             * @example before migration 42
             */
            name?: string;
        };
        CreateWebhookEndpointInput: {
            /** @default null */
            description?: string | null;
            /** @default true */
            enabled?: boolean;
            /**
             * @description The event types delivered; empty: every type
             * @default []
             */
            event_types?: ("project.created" | "project.pending" | "project.provisioning" | "project.active" | "project.suspended" | "project.failed" | "project.deleted" | "project.purging" | "project.purged" | "operation.queued" | "operation.running" | "operation.succeeded" | "operation.failed" | "operation.cancelled")[];
            /** @description Required for a token of every organization; otherwise the token’s own */
            organization_id?: string;
            /**
             * @description `https://`, or `http://` to localhost, 127.0.0.0/8 or [::1] (development)
             * @example https://hooks.example.com/org
             */
            url: string;
        };
        Event: {
            data: {
                operation?: components["schemas"]["EventOperation"];
                project: components["schemas"]["EventProject"];
            };
            /**
             * @description `evt_<n>`: unique; the `webhook-id` of its deliveries
             * @example evt_1042
             */
            id: string;
            /**
             * Format: date-time
             * @description When the change was made (the transaction that made it)
             */
            occurred_at: string;
            operation_id: string | null;
            organization_id: string;
            /** Format: uuid */
            project_id: string;
            /** @enum {string} */
            type: "project.created" | "project.pending" | "project.provisioning" | "project.active" | "project.suspended" | "project.failed" | "project.deleted" | "project.purging" | "project.purged" | "operation.queued" | "operation.running" | "operation.succeeded" | "operation.failed" | "operation.cancelled";
        };
        /** @description For `operation.*`: the operation after the change, without its runs */
        EventOperation: {
            attempts: number;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            /** @description The last failure; the reason when `failed` */
            error: components["schemas"]["RecordedError"] | null;
            finished_at: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "provision" | "suspend" | "resume" | "delete" | "reset_password" | "recover" | "purge" | "snapshot" | "restore" | "delete_snapshot";
            /** Format: uuid */
            project_id: string;
            /** @description The id of the admin token that asked for it */
            requested_by: string | null;
            started_at: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            updated_at: string;
        };
        EventPage: {
            data: components["schemas"]["Event"][];
            /**
             * @description Where to read on from (`after`): the last event’s position, or `after` itself when there were none
             * @example 1042
             */
            next_cursor: string;
        };
        /** @description The project as it was after the change, without its resources and snapshot settings */
        EventProject: {
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            /** @description When it was deleted; null unless `deleted` */
            deleted_at: string | null;
            /** @description While true, deleting and purging the project are refused (`PATCH` lifts it) */
            deletion_protection: boolean;
            /** Format: uuid */
            id: string;
            /** @description Why its last provisioning failed: a code and message */
            last_error: string | null;
            name: string;
            organization_id: string;
            owner_id: string;
            provisioned_at: string | null;
            /** @enum {string} */
            provisioning_status: "pending" | "provisioning" | "provisioned" | "failed" | "deprovisioning" | "deprovisioned";
            /** @description When a `deleted` project is purged for good, unless recovered before (`POST /v1/projects/{id}/recover`); null otherwise */
            purge_at: string | null;
            region: string;
            /** @enum {string} */
            status: "pending" | "provisioning" | "active" | "suspended" | "failed" | "deleted" | "purging" | "purged";
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            updated_at: string;
        };
        GeneratedApiKey: {
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            created_by: string;
            expires_at: string | null;
            id: string;
            /** @description The plaintext key: shown in this answer once, stored nowhere */
            key: string;
            last_used: string | null;
            name: string;
            prefix: string;
            /** Format: uuid */
            project_id: string;
            revoked_at: string | null;
            scopes: ("read" | "write" | "admin")[];
            /** @description Display form: prefix, timestamp and 6 hex characters */
            start: string;
            /** @enum {string} */
            state: "active" | "rotated" | "expired" | "revoked" | "suspended" | "deleted";
        };
        GeneratedApiKeys: {
            data: components["schemas"]["GeneratedApiKey"][];
        };
        Operation: {
            attempts: number;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            /** @description The last failure; the reason when `failed` */
            error: components["schemas"]["RecordedError"] | null;
            finished_at: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "provision" | "suspend" | "resume" | "delete" | "reset_password" | "recover" | "purge" | "snapshot" | "restore" | "delete_snapshot";
            /** Format: uuid */
            project_id: string;
            /** @description The id of the admin token that asked for it */
            requested_by: string | null;
            /** @description That token’s name; null when it was asked for outside the API (the CLI) or by no token of this API */
            requested_by_name: string | null;
            /** @description Each attempt, oldest first, with its steps */
            runs: components["schemas"]["OperationRun"][];
            started_at: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            updated_at: string;
        };
        OperationPage: {
            data: components["schemas"]["Operation"][];
            next_cursor: string | null;
        };
        OperationRun: {
            attempt: number;
            error: components["schemas"]["RecordedError"] | null;
            finished_at: string | null;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            started_at: string;
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            steps: components["schemas"]["StepRun"][];
        };
        Overview: {
            clusters: {
                name: string;
                pool: {
                    building: number;
                    claimed: number;
                    ready: number;
                };
                regions: ("us-east-1" | "us-west-2" | "eu-west-1" | "ap-southeast-1")[];
                tenant_databases: number;
            }[] | null;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            generated_at: string;
            projects: {
                by_region: {
                    by_status: {
                        [key: string]: number;
                    };
                    /** @enum {string} */
                    region: "us-east-1" | "us-west-2" | "eu-west-1" | "ap-southeast-1";
                    total: number;
                }[];
                by_status: {
                    [key: string]: number;
                };
                total: number;
            };
            provisioning: {
                /** @description From request to provisioned, of the provisionings that succeeded in the last hour */
                duration_ms: {
                    p50: number | null;
                    p95: number | null;
                    samples: number;
                };
                /** @description Failed attempts of the last 24 hours, by code, the code at their root and step */
                failures_by_code: {
                    attempts: number;
                    code: string;
                    root_code: string | null;
                    step: string | null;
                }[];
                last_hour: {
                    failed: number;
                    started: number;
                    succeeded: number;
                };
                /** @description Provisionings that ended in each of the last 30 minutes, oldest first */
                per_minute: {
                    failed: number;
                    /**
                     * Format: date-time
                     * @example 2026-12-03T12:00:00.000Z
                     */
                    minute: string;
                    succeeded: number;
                }[];
            };
            /** @description Provisioning jobs by state, read from the queue’s table */
            queue: {
                active: number;
                dead_letter: number;
                deferred: number;
                ready: number;
                retry: number;
            } | null;
            /** @description `all`, or the organization a token of one organization sees (then `queue` and `clusters` are null) */
            scope: string;
        };
        PoolRefill: {
            cluster: string;
            /** @description False when a refill of this cluster was waiting already */
            queued: boolean;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            /** @description Stable error code (`@org/errors`): what programs match on */
            code: string;
            detail?: string;
            /** @description Each invalid field of the request */
            errors?: {
                message: string;
                path: string;
            }[];
            /**
             * Format: uuid
             * @description The operation in the way, for OPERATION_IN_PROGRESS
             */
            operation_id?: string;
            request_id: string;
            status: number;
            title: string;
            /** @description A URN naming the code (not a link) */
            type: string;
        };
        Project: {
            /** @description The tenant cluster its database lives on, once it has one */
            cluster: string | null;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            /** @description When it was deleted; null unless `deleted` */
            deleted_at: string | null;
            /** @description While true, deleting and purging the project are refused (`PATCH` lifts it) */
            deletion_protection: boolean;
            /** Format: uuid */
            id: string;
            /** @description Why its last provisioning failed: a code and message */
            last_error: string | null;
            name: string;
            organization_id: string;
            owner_id: string;
            provisioned_at: string | null;
            /** @enum {string} */
            provisioning_status: "pending" | "provisioning" | "provisioned" | "failed" | "deprovisioning" | "deprovisioned";
            /** @description When a `deleted` project is purged for good, unless recovered before (`POST /v1/projects/{id}/recover`); null otherwise */
            purge_at: string | null;
            region: string;
            resources: {
                api_keys: {
                    active: number;
                };
                database: {
                    cluster: string;
                    name: string;
                    status: string;
                } | null;
                services: {
                    /** @description The service’s own id for the project; null while no registration succeeded */
                    service_id: string | null;
                    /** @enum {string} */
                    status: "active" | "disabled" | "error";
                    /** @enum {string} */
                    type: "auth" | "realtime" | "storage";
                }[];
            };
            /** @description When set, taking a snapshot drops its oldest ones once the new one is made, so that at most this many remain; when null, a snapshot past the quota is refused */
            snapshot_retention_count: number | null;
            /** @description Its snapshots older than this many days are dropped when it takes another (30 unless set) */
            snapshot_retention_days: number;
            /** @enum {string} */
            status: "pending" | "provisioning" | "active" | "suspended" | "failed" | "deleted" | "purging" | "purged";
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            updated_at: string;
        };
        ProjectOperation: {
            operation: components["schemas"]["Operation"];
            project: components["schemas"]["Project"];
        };
        ProjectPage: {
            data: components["schemas"]["Project"][];
            next_cursor: string | null;
        };
        ProvisioningResult: {
            api_keys: {
                id: string;
                /** @description The plaintext key: shown here once, stored nowhere */
                key: string;
                name: string;
                prefix: string;
                scopes: string[];
                start: string;
            }[];
            database: {
                cluster: string;
                connection_string: string;
                host: string;
                name: string;
                password: string;
                port: number;
                region: string;
                user: string;
            };
            /** Format: uuid */
            project_id: string;
            services: {
                [key: string]: {
                    endpoint: string | null;
                    service_id: string;
                    status: string;
                };
            };
        };
        Readiness: {
            database: boolean;
            journal: boolean;
            queue: boolean;
            /** @enum {string} */
            status: "ready" | "not ready";
        };
        RecordedError: {
            code: string;
            message: string;
            retryable: boolean;
            /** @description What the error came from, at the end of its causes (a service’s HTTP_503, a SQLSTATE) */
            root_cause?: {
                code: string;
                message: string;
            };
            sql_state?: string;
            step?: string;
        };
        RestoreOperation: {
            operation: components["schemas"]["Operation"];
            /**
             * Format: uuid
             * @description The snapshot the replaced database is kept as: restore it to undo this restore
             */
            preserved_snapshot_id: string;
            project: components["schemas"]["Project"];
            /** Format: uuid */
            snapshot_id: string;
        };
        RestoreProjectInput: {
            /** Format: uuid */
            snapshot_id: string;
        };
        RotateApiKeyInput: {
            /**
             * @description How long the old key keeps working
             * @default 0
             */
            grace_seconds?: number;
        };
        Snapshot: {
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** @description The name it was taken with, if any */
            name: string | null;
            /** @description Kept by a restore: the database the project had before it restored this snapshot id. Restore this one to undo that restore */
            preserved_by_restore_of: string | null;
            /** Format: uuid */
            project_id: string;
            /** @description The copy’s size on its cluster (`pg_database_size`) */
            size_bytes: number;
        };
        SnapshotList: {
            data: components["schemas"]["Snapshot"][];
        };
        SnapshotOperation: {
            operation: components["schemas"]["Operation"];
            project: components["schemas"]["Project"];
            /**
             * Format: uuid
             * @description The snapshot this operation makes or drops
             */
            snapshot_id: string;
        };
        StepRun: {
            duration_ms: number | null;
            error: components["schemas"]["RecordedError"] | null;
            finished_at: string | null;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            started_at: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            step: string;
        };
        UpdateProjectInput: {
            /** @description `true` refuses `DELETE` and purges (409 `DELETION_PROTECTED`) until it is set back to `false`. Not for a project that is deleted already: recover it first */
            deletion_protection?: boolean;
            /** @description At most this many snapshots: a new one drops the oldest past it. `null`: a new one past the quota (10) is refused instead */
            snapshot_retention_count?: number | null;
            /** @description Days a snapshot is kept: older ones are dropped when the project takes another */
            snapshot_retention_days?: number;
        };
        UpdateWebhookEndpointInput: {
            description?: string | null;
            /** @description true re-enables a disabled endpoint and clears its reason */
            enabled?: boolean;
            /** @description The event types delivered; empty: every type */
            event_types?: ("project.created" | "project.pending" | "project.provisioning" | "project.active" | "project.suspended" | "project.failed" | "project.deleted" | "project.purging" | "project.purged" | "operation.queued" | "operation.running" | "operation.succeeded" | "operation.failed" | "operation.cancelled")[];
            /**
             * @description `https://`, or `http://` to localhost, 127.0.0.0/8 or [::1] (development)
             * @example https://hooks.example.com/org
             */
            url?: string;
        };
        VerifyApiKeyInput: {
            key: string;
            required_scopes?: ("read" | "write" | "admin")[];
        };
        WebhookAttempt: {
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            attempted_at: string;
            duration_ms: number;
            /** @description Why it failed: `HTTP <status>`, a timeout, a refused address */
            error: string | null;
            response_status: number | null;
        };
        WebhookDelivery: {
            attempts: components["schemas"]["WebhookAttempt"][];
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            /** Format: uuid */
            endpoint_id: string;
            /**
             * @description The event’s id: the `webhook-id` of every attempt
             * @example evt_42
             */
            event_id: string;
            /** @enum {string} */
            event_type: "project.created" | "project.pending" | "project.provisioning" | "project.active" | "project.suspended" | "project.failed" | "project.deleted" | "project.purging" | "project.purged" | "operation.queued" | "operation.running" | "operation.succeeded" | "operation.failed" | "operation.cancelled";
            /** Format: uuid */
            id: string;
            next_attempt_at: string | null;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            updated_at: string;
        };
        WebhookDeliveryList: {
            data: components["schemas"]["WebhookDelivery"][];
        };
        WebhookEndpoint: {
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            description: string | null;
            /** @description Why it was disabled: a 410 Gone, or three days of failed deliveries; null when by its owner */
            disabled_reason: string | null;
            enabled: boolean;
            event_types: ("project.created" | "project.pending" | "project.provisioning" | "project.active" | "project.suspended" | "project.failed" | "project.deleted" | "project.purging" | "project.purged" | "operation.queued" | "operation.running" | "operation.succeeded" | "operation.failed" | "operation.cancelled")[];
            /** @description Since when every attempt has failed */
            failing_since: string | null;
            /** Format: uuid */
            id: string;
            organization_id: string;
            /** @description Until when the secret replaced by the last rotation still signs beside the new one */
            previous_secret_expires_at: string | null;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            updated_at: string;
            url: string;
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookEndpointWithSecret: {
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            created_at: string;
            description: string | null;
            /** @description Why it was disabled: a 410 Gone, or three days of failed deliveries; null when by its owner */
            disabled_reason: string | null;
            enabled: boolean;
            event_types: ("project.created" | "project.pending" | "project.provisioning" | "project.active" | "project.suspended" | "project.failed" | "project.deleted" | "project.purging" | "project.purged" | "operation.queued" | "operation.running" | "operation.succeeded" | "operation.failed" | "operation.cancelled")[];
            /** @description Since when every attempt has failed */
            failing_since: string | null;
            /** Format: uuid */
            id: string;
            organization_id: string;
            /** @description Until when the secret replaced by the last rotation still signs beside the new one */
            previous_secret_expires_at: string | null;
            /**
             * @description The signing secret (`whsec_…`): shown in this answer once, kept sealed
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
            /**
             * Format: date-time
             * @example 2026-12-03T12:00:00.000Z
             */
            updated_at: string;
            url: string;
        };
    };
    responses: never;
    parameters: {
        /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
        IdempotencyKey: string;
        /** @description Act only if the resource is still at this `ETag` (else 412). */
        IfMatch: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    verifyApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyApiKeyInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyVerification"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refillPool: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolRefill"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Only events after this cursor; from the oldest kept (30 days) when omitted */
                after?: string;
                limit?: number;
                organization_id?: string;
                project_id?: string;
                /** @description Comma-separated event types (`operation.succeeded,project.deleted`); all when omitted */
                types?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOperation: {
        parameters: {
            query?: {
                /** @description Answer once the operation has ended (`succeeded`, `failed`, `cancelled`) or when this much time has passed, whichever is first: `30s`, `500ms`, at most `60s` */
                wait?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelOperation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOverview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Overview"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description The tenant cluster its database lives on */
                cluster?: string;
                cursor?: string;
                /** @description Only projects with a provisioning attempt that failed with this code in the last 24 hours (a `code` of the overview’s `failures_by_code`) */
                failed_code?: string;
                limit?: number;
                organization_id?: string;
                /** @description Part of the name or id, case-insensitive */
                q?: string;
                region?: "us-east-1" | "us-west-2" | "eu-west-1" | "ap-southeast-1";
                /** @description The same as `status`: `state=deleted` lists the recoverable projects, with their `purge_at` */
                state?: "pending" | "provisioning" | "active" | "suspended" | "failed" | "deleted" | "purging" | "purged";
                status?: "pending" | "provisioning" | "active" | "suspended" | "failed" | "deleted" | "purging" | "purged";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPage"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectInput"];
            };
        };
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteProject: {
        parameters: {
            query?: {
                /** @description `true`: purge a project that is `deleted` already, now and for good (its database, role, keys and services). Refused for any other project: delete it first */
                purge?: "true" | "false";
                /** @description How long the deleted project stays recoverable before it is purged: `12h`, `7d`; at least an hour (or the server’s default when shorter), at most 30 days. The server’s default (7 days unless its operator set `DELETED_PROJECT_RETENTION_SECONDS`) when omitted */
                retention?: string;
            };
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Act only if the resource is still at this `ETag` (else 412). */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Act only if the resource is still at this `ETag` (else 412). */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProjectInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                include_revoked?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeysInput"];
            };
        };
        responses: {
            /** @description Created: the answer holds a secret shown this once */
            201: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeneratedApiKeys"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Act only if the resource is still at this `ETag` (else 412). */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                id: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Act only if the resource is still at this `ETag` (else 412). */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                id: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateApiKeyInput"] | null;
            };
        };
        responses: {
            /** @description Created: the answer holds a secret shown this once */
            201: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeneratedApiKey"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createBranch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBranchInput"];
            };
        };
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    claimOneTimeResult: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProvisioningResult"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone: the one-time result was claimed already, or expired */
            410: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProjectOperations: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperationPage"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recoverProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Act only if the resource is still at this `ETag` (else 412). */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resetProjectPassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    restoreProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RestoreProjectInput"];
            };
        };
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RestoreOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resumeProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Act only if the resource is still at this `ETag` (else 412). */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryProvisioning: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSnapshots: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotList"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSnapshot: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateSnapshotInput"] | null;
            };
        };
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSnapshot: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
                snapshotId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    suspendProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Act only if the resource is still at this `ETag` (else 412). */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Accepted: the operation is queued; poll `Operation-Location` */
            202: {
                headers: {
                    /** @description The version, for `If-Match` */
                    ETag?: string;
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description The project */
                    Location?: string;
                    /** @description The operation to poll */
                    "Operation-Location"?: string;
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectOperation"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names another version: the resource changed */
            412: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                /** @description For a token of every organization */
                organization_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointInput"];
            };
        };
        responses: {
            /** @description Created: the answer holds a secret shown this once */
            201: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota) */
            409: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to repeat: the same key with the same request returns the first answer (kept 24 h); with another request it is a 422. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created: the answer holds a secret shown this once */
            201: {
                headers: {
                    /** @description `true` when this is the stored first answer to the Idempotency-Key */
                    "Idempotent-Replayed"?: string;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each) */
            400: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No admin token, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource, or one the token may not see */
            404: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body larger than the limit */
            413: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A path segment longer than any id */
            414: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body not JSON */
            415: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit) */
            422: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address or for this token; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The URL or the headers are larger than the server reads */
            431: {
                headers: {
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency did not answer; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before asking again */
                    "Retry-After"?: number;
                    /** @description This request’s id, as logged (the one sent, when it was a sane one) */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
