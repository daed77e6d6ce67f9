/*
 * Two devices of one player sync a game save through Cognito Sync, with the
 * offline-first sync manager: each device reads and writes its local store
 * (no network needed), synchronizes when it can, and a custom conflict
 * resolver (a C callback) settles the "high_score" both devices changed by
 * keeping the higher score. Device B synchronizes from a game loop,
 * non-blocking, and drains its event queue each frame.
 *
 * Build and run like examples/c/quickstart.c, against the local emulator:
 *   cargo run -p cognito-sync-local -- --port 4566 \
 *       --identity-pool us-east-1:00000000-0000-0000-0000-000000000001 &
 *   export AWS_ENDPOINT_URL_COGNITO_SYNC=http://127.0.0.1:4566 \
 *       COGNITO_IDENTITY_POOL_ID=us-east-1:00000000-0000-0000-0000-000000000001
 *   LD_LIBRARY_PATH=target/release ./sync_two_devices
 * (or pass ENDPOINT_URL and IDENTITY_POOL_ID as the two arguments).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cognito_sync.h"

static int fail(const char *what, cognito_sync_status status, cognito_sync_error *err) {
    fprintf(stderr, "%s failed: %s: %s\n", what, cognito_sync_status_str(status),
            err ? cognito_sync_error_message(err) : "");
    cognito_sync_error_free(err);
    exit(1);
}

#define TRY(what, call)                                        \
    do {                                                       \
        cognito_sync_error *err_ = NULL;                       \
        cognito_sync_status status_ = (call);                  \
        if (status_ != COGNITO_SYNC_STATUS_OK) {               \
            fail(what, status_, err_);                         \
        }                                                      \
    } while (0)
/* Calls with an err_out use this name. */
#define ERR &err_

/* The resolver: for "high_score" keep the higher number; otherwise the
 * service's version. Runs on the thread doing the synchronize. */
static uint32_t keep_high_score(void *user_data, cognito_sync_conflict *conflict) {
    int *resolved = (int *)user_data;
    const char *key = cognito_sync_conflict_key(conflict);
    const char *mine = cognito_sync_conflict_local_value(conflict);
    const char *theirs = cognito_sync_conflict_remote_value(conflict);
    (*resolved)++;
    printf("  conflict on %s: local %s, remote %s\n", key, mine ? mine : "(removed)",
           theirs ? theirs : "(removed)");
    if (strcmp(key, "high_score") == 0 && mine != NULL && theirs != NULL) {
        const char *best = atol(mine) >= atol(theirs) ? mine : theirs;
        if (cognito_sync_conflict_set_value(conflict, best, NULL) != COGNITO_SYNC_STATUS_OK) {
            return COGNITO_SYNC_RESOLUTION_ABORT;
        }
        printf("  -> keeping %s\n", best);
        return COGNITO_SYNC_RESOLUTION_USE_VALUE;
    }
    return COGNITO_SYNC_RESOLUTION_KEEP_REMOTE;
}

static cognito_sync_client *new_client(const char *endpoint, const char *pool,
                                       const char *identity_id) {
    cognito_sync_config *config = cognito_sync_config_new();
    cognito_sync_client *client = NULL;
    cognito_sync_error *err_ = NULL;
    TRY("region", cognito_sync_config_set_region(config, "us-east-1", ERR));
    TRY("endpoint", cognito_sync_config_set_endpoint_url(config, endpoint, ERR));
    TRY("cognito identity", cognito_sync_config_set_cognito_identity(config, pool, ERR));
    if (identity_id != NULL) { /* the same player signing in on another device */
        TRY("identity id", cognito_sync_config_set_cognito_identity_id(config, identity_id, ERR));
    }
    TRY("client", cognito_sync_client_new(config, &client, ERR));
    cognito_sync_config_free(config);
    (void)err_;
    return client;
}

static cognito_sync_manager *new_device(cognito_sync_client *client, const char *pool,
                                        int *resolved) {
    cognito_sync_manager_options options;
    cognito_sync_manager *manager = NULL;
    memset(&options, 0, sizeof options);
    options.client = client;
    options.identity_pool_id = pool;
    options.store_path = NULL; /* in memory here; a file path in a real game */
    options.conflict_policy = COGNITO_SYNC_CONFLICT_POLICY_CUSTOM;
    options.conflict_resolver = keep_high_score;
    options.conflict_resolver_user_data = resolved;
    TRY("sync manager", cognito_sync_manager_new(&options, &manager, ERR));
    return manager;
}

static void show(const char *device, cognito_sync_dataset *save) {
    cognito_sync_key_values *all = NULL;
    size_t i;
    TRY("get all", cognito_sync_dataset_get_all(save, &all, ERR));
    printf("%s:", device);
    for (i = 0; i < cognito_sync_key_values_count(all); i++) {
        printf(" %s=%s", cognito_sync_key_values_key(all, i), cognito_sync_key_values_value(all, i));
    }
    printf("\n");
    cognito_sync_key_values_free(all);
}

static void sync_blocking(const char *device, cognito_sync_dataset *save) {
    cognito_sync_sync_report *report = NULL;
    TRY("synchronize", cognito_sync_dataset_synchronize(save, &report, ERR));
    printf("%s synchronized: pushed %llu, pulled %u changed keys, %llu conflicts\n", device,
           (unsigned long long)cognito_sync_sync_report_pushed(report),
           (unsigned)cognito_sync_sync_report_changed_key_count(report),
           (unsigned long long)cognito_sync_sync_report_conflicts(report));
    cognito_sync_sync_report_free(report);
}

static const char *event_name(cognito_sync_event_kind kind) {
    switch (kind) {
    case COGNITO_SYNC_EVENT_KIND_CHANGED: return "changed";
    case COGNITO_SYNC_EVENT_KIND_SYNC_STARTED: return "sync started";
    case COGNITO_SYNC_EVENT_KIND_SYNC_PROGRESS: return "sync progress";
    case COGNITO_SYNC_EVENT_KIND_SYNC_SUCCEEDED: return "sync succeeded";
    case COGNITO_SYNC_EVENT_KIND_SYNC_FAILED: return "sync failed";
    case COGNITO_SYNC_EVENT_KIND_IDENTITY_CHANGED: return "identity changed";
    default: return "other";
    }
}

int main(int argc, char **argv) {
    const char *endpoint = argc > 1 ? argv[1] : getenv("AWS_ENDPOINT_URL_COGNITO_SYNC");
    const char *pool = argc > 2 ? argv[2] : getenv("COGNITO_IDENTITY_POOL_ID");
    cognito_sync_client *client_a;
    cognito_sync_client *client_b;
    cognito_sync_manager *device_a;
    cognito_sync_manager *device_b;
    cognito_sync_dataset *save_a = NULL;
    cognito_sync_dataset *save_b = NULL;
    char *player = NULL;
    char *score_a = NULL;
    char *score_b = NULL;
    int resolved_a = 0;
    int resolved_b = 0;
    int ok;

    if (endpoint == NULL || pool == NULL) {
        fprintf(stderr,
                "usage: %s ENDPOINT_URL IDENTITY_POOL_ID\n"
                "   or: set AWS_ENDPOINT_URL_COGNITO_SYNC and COGNITO_IDENTITY_POOL_ID\n",
                argv[0]);
        return 2;
    }
    client_a = new_client(endpoint, pool, NULL);
    TRY("identity", cognito_sync_client_identity_id(client_a, &player, ERR));
    printf("player identity: %s\n", player);
    client_b = new_client(endpoint, pool, player);
    device_a = new_device(client_a, pool, &resolved_a);
    device_b = new_device(client_b, pool, &resolved_b);
    TRY("open A", cognito_sync_manager_open_dataset(device_a, "game-save", &save_a, ERR));
    TRY("open B", cognito_sync_manager_open_dataset(device_b, "game-save", &save_b, ERR));

    /* Device A plays, saves locally, then synchronizes; B picks it up. */
    TRY("put", cognito_sync_dataset_put(save_a, "level", "1", ERR));
    TRY("put", cognito_sync_dataset_put(save_a, "high_score", "100", ERR));
    sync_blocking("device A", save_a);
    sync_blocking("device B", save_b);
    show("device B", save_b);

    /* Both play offline and beat the score differently. */
    TRY("put", cognito_sync_dataset_put(save_a, "high_score", "150", ERR));
    TRY("put", cognito_sync_dataset_put(save_b, "high_score", "120", ERR));
    TRY("put", cognito_sync_dataset_put(save_b, "level", "2", ERR));
    show("device A (offline)", save_a);
    show("device B (offline)", save_b);

    sync_blocking("device A", save_a);

    /* Device B synchronizes from its game loop without blocking a frame. */
    {
        cognito_sync_op *op = NULL;
        cognito_sync_sync_report *report = NULL;
        int frames = 0;
        TRY("synchronize start", cognito_sync_dataset_synchronize_start(save_b, NULL, NULL, &op, ERR));
        for (;;) {
            cognito_sync_event *event = NULL;
            /* ... update and render a frame here ... */
            TRY("poll event", cognito_sync_manager_poll_event(device_b, &event, ERR));
            while (event != NULL) {
                printf("  device B event: %s\n", event_name(cognito_sync_event_get_kind(event)));
                cognito_sync_event_free(event);
                TRY("poll event", cognito_sync_manager_poll_event(device_b, &event, ERR));
            }
            if (cognito_sync_op_poll(op) != COGNITO_SYNC_STATUS_PENDING) {
                break;
            }
            frames++;
            cognito_sync_op_wait(op, 4); /* stands in for the rest of the frame */
        }
        TRY("synchronize", cognito_sync_dataset_synchronize_finish(op, &report, ERR));
        printf("device B synchronized in the background over %d frames: pushed %llu, %llu conflicts\n",
               frames, (unsigned long long)cognito_sync_sync_report_pushed(report),
               (unsigned long long)cognito_sync_sync_report_conflicts(report));
        cognito_sync_sync_report_free(report);
        cognito_sync_op_free(op);
    }
    sync_blocking("device A", save_a);

    show("device A", save_a);
    show("device B", save_b);
    TRY("get", cognito_sync_dataset_get(save_a, "high_score", &score_a, ERR));
    TRY("get", cognito_sync_dataset_get(save_b, "high_score", &score_b, ERR));
    ok = score_a != NULL && score_b != NULL && strcmp(score_a, "150") == 0 &&
         strcmp(score_b, "150") == 0 && resolved_b == 1;
    printf(ok ? "both devices agree: high_score=150, level=2\n" : "devices disagree!\n");

    cognito_sync_string_free(score_a);
    cognito_sync_string_free(score_b);
    cognito_sync_string_free(player);
    cognito_sync_dataset_free(save_a);
    cognito_sync_dataset_free(save_b);
    cognito_sync_manager_free(device_a);
    cognito_sync_manager_free(device_b);
    cognito_sync_client_free(client_a);
    cognito_sync_client_free(client_b);
    return ok ? 0 : 1;
}
