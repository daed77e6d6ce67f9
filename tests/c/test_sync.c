/* The sync manager from C: local store (offline, persistent file), datasets,
 * synchronize blocking and non-blocking between two devices, the C conflict
 * resolver (values, abort, re-entrancy), the event queue, error statuses. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>

#include "harness.h"

struct resolver_state {
    int calls;
    uint32_t answer;
    const char *value; /* for USE_VALUE; NULL = do not set one */
    cognito_sync_status blocking_status;
    cognito_sync_dataset *dataset; /* for the re-entrancy probe */
    char local[64];
    char remote[64];
    int64_t remote_count;
};

static uint32_t resolver(void *user_data, cognito_sync_conflict *conflict) {
    struct resolver_state *s = (struct resolver_state *)user_data;
    const char *local = cognito_sync_conflict_local_value(conflict);
    const char *remote = cognito_sync_conflict_remote_value(conflict);
    s->calls++;
    snprintf(s->local, sizeof s->local, "%s", local ? local : "(null)");
    snprintf(s->remote, sizeof s->remote, "%s", remote ? remote : "(null)");
    s->remote_count = cognito_sync_conflict_sync_count(conflict, false);
    if (s->dataset != NULL) {
        cognito_sync_sync_report *report = NULL;
        s->blocking_status = cognito_sync_dataset_synchronize(s->dataset, &report, NULL);
        cognito_sync_sync_report_free(report);
    }
    if (s->value != NULL) {
        cognito_sync_conflict_set_value(conflict, s->value, NULL);
    }
    return s->answer;
}

static cognito_sync_manager *device(cognito_sync_client *client, const char *identity,
                                    const char *path, struct resolver_state *state) {
    cognito_sync_manager_options options;
    cognito_sync_manager *manager = NULL;
    cognito_sync_error *err = NULL;
    memset(&options, 0, sizeof options);
    options.client = client;
    options.identity_pool_id = test_pool();
    options.identity_id = identity;
    options.store_path = path;
    if (state != NULL) {
        options.conflict_policy = COGNITO_SYNC_CONFLICT_POLICY_CUSTOM;
        options.conflict_resolver = resolver;
        options.conflict_resolver_user_data = state;
    }
    CHECK_OK(cognito_sync_manager_new(&options, &manager, &err), err);
    return manager;
}

static char *get(cognito_sync_dataset *ds, const char *key) {
    char *value = NULL;
    cognito_sync_error *err = NULL;
    CHECK_OK(cognito_sync_dataset_get(ds, key, &value, &err), err);
    return value;
}

static int value_is(cognito_sync_dataset *ds, const char *key, const char *want) {
    char *value = get(ds, key);
    int same = (value == NULL && want == NULL) ||
               (value != NULL && want != NULL && strcmp(value, want) == 0);
    if (!same) {
        fprintf(stderr, "     %s = %s, expected %s\n", key, value ? value : "(null)",
                want ? want : "(null)");
    }
    cognito_sync_string_free(value);
    return same;
}

static void test_local_store_offline_and_persistent(void) {
    char path[256];
    cognito_sync_error *err = NULL;
    cognito_sync_manager *manager;
    cognito_sync_dataset *ds = NULL;
    uint64_t n = 0;
    bool unsynced = false;
    cognito_sync_key_values *all = NULL;
    cognito_sync_string_list *names = NULL;
    char *id = NULL;

    snprintf(path, sizeof path, "/tmp/cognito-sync-c-test-%ld.db", (long)getpid());
    unlink(path);
    /* No client at all: a local-only store (of a known identity). */
    manager = device(NULL, "us-east-1:00000000-0000-0000-0000-0000000000bb", path, NULL);
    CHECK_OK(cognito_sync_manager_open_dataset(manager, "settings", &ds, &err), err);
    CHECK_OK(cognito_sync_dataset_put(ds, "volume", "7", &err), err);
    CHECK_OK(cognito_sync_dataset_put(ds, "lang", "fr", &err), err);
    CHECK_OK(cognito_sync_dataset_put(ds, "tmp", "x", &err), err);
    CHECK_OK(cognito_sync_dataset_remove(ds, "tmp", &err), err);
    CHECK(value_is(ds, "volume", "7"));
    CHECK(value_is(ds, "tmp", NULL));
    CHECK(value_is(ds, "never", NULL));
    CHECK_OK(cognito_sync_dataset_count(ds, &n, &err), err);
    CHECK(n == 2);
    CHECK_OK(cognito_sync_dataset_size_in_bytes(ds, &n, &err), err);
    CHECK(n == strlen("volume7langfr"));
    CHECK_OK(cognito_sync_dataset_has_unsynced_changes(ds, &unsynced, &err), err);
    CHECK(unsynced);
    CHECK_OK(cognito_sync_dataset_get_all(ds, &all, &err), err);
    CHECK(cognito_sync_key_values_count(all) == 2);
    CHECK_STR(cognito_sync_key_values_key(all, 0), "lang");
    CHECK_STR(cognito_sync_key_values_value(all, 1), "7");
    CHECK(cognito_sync_key_values_key(all, 2) == NULL);
    CHECK(cognito_sync_key_values_value(all, 2) == NULL);
    cognito_sync_key_values_free(all);
    CHECK_OK(cognito_sync_manager_identity_id(manager, &id, &err), err);
    CHECK(id != NULL);
    cognito_sync_string_free(id);
    {
        /* Without a client, synchronize is refused, locally. */
        cognito_sync_sync_report *report = NULL;
        CHECK_STATUS(cognito_sync_dataset_synchronize(ds, &report, &err),
                     COGNITO_SYNC_STATUS_VALIDATION, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(report == NULL);
    }
    {
        /* No client and no identity id either: still VALIDATION, as the header documents
         * (it was CREDENTIALS, from the identity lookup that ran first). */
        char anon_path[256];
        cognito_sync_manager *anon = NULL;
        cognito_sync_dataset *anon_ds = NULL;
        cognito_sync_sync_report *report = NULL;
        snprintf(anon_path, sizeof anon_path, "/tmp/cognito-sync-c-test-anon-%ld.db", (long)getpid());
        unlink(anon_path);
        anon = device(NULL, NULL, anon_path, NULL);
        CHECK_OK(cognito_sync_manager_open_dataset(anon, "settings", &anon_ds, &err), err);
        CHECK_STATUS(cognito_sync_dataset_synchronize(anon_ds, &report, &err),
                     COGNITO_SYNC_STATUS_VALIDATION, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(report == NULL);
        cognito_sync_dataset_free(anon_ds);
        cognito_sync_manager_free(anon);
        unlink(anon_path);
    }
    {
        /* Invalid names and local limits have their statuses. */
        cognito_sync_dataset *bad = NULL;
        CHECK_STATUS(cognito_sync_manager_open_dataset(manager, "bad name!", &bad, &err),
                     COGNITO_SYNC_STATUS_VALIDATION, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(bad == NULL);
    }
    cognito_sync_dataset_free(ds);
    cognito_sync_manager_free(manager);

    /* Reopened: the data is still there. */
    manager = device(NULL, "us-east-1:00000000-0000-0000-0000-0000000000bb", path, NULL);
    CHECK_OK(cognito_sync_manager_open_dataset(manager, "settings", &ds, &err), err);
    CHECK(value_is(ds, "lang", "fr"));
    CHECK_OK(cognito_sync_manager_list_datasets(manager, &names, &err), err);
    CHECK(cognito_sync_string_list_count(names) == 1);
    CHECK_STR(cognito_sync_string_list_item(names, 0), "settings");
    CHECK(cognito_sync_string_list_item(names, 1) == NULL);
    cognito_sync_string_list_free(names);
    CHECK_OK(cognito_sync_dataset_delete(ds, &err), err);
    CHECK_OK(cognito_sync_manager_list_datasets(manager, &names, &err), err);
    CHECK(cognito_sync_string_list_count(names) == 0);
    cognito_sync_string_list_free(names);
    CHECK_OK(cognito_sync_manager_wipe(manager, &err), err);
    cognito_sync_dataset_free(ds);
    cognito_sync_manager_free(manager);
    unlink(path);
}

static void test_options_are_checked(void) {
    cognito_sync_manager_options options;
    cognito_sync_manager *manager = NULL;
    cognito_sync_error *err = NULL;
    struct resolver_state state;
    memset(&options, 0, sizeof options);
    memset(&state, 0, sizeof state);
    options.conflict_policy = COGNITO_SYNC_CONFLICT_POLICY_CUSTOM;
    CHECK_STATUS(cognito_sync_manager_new(&options, &manager, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    options.conflict_policy = COGNITO_SYNC_CONFLICT_POLICY_REMOTE_WINS;
    options.conflict_resolver = resolver;
    CHECK_STATUS(cognito_sync_manager_new(&options, &manager, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    options.conflict_resolver = NULL;
    options.conflict_policy = 9;
    CHECK_STATUS(cognito_sync_manager_new(&options, &manager, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(manager == NULL);
}

/* Two devices of one identity: sync, conflicts settled by the C resolver. */
static void test_two_devices_and_the_resolver(void) {
    char *identity = NULL;
    cognito_sync_client *client = identity_client(test_endpoint(), &identity);
    struct resolver_state state_a;
    struct resolver_state state_b;
    cognito_sync_manager *a;
    cognito_sync_manager *b;
    cognito_sync_dataset *save_a = NULL;
    cognito_sync_dataset *save_b = NULL;
    cognito_sync_sync_report *report = NULL;
    cognito_sync_error *err = NULL;
    char dataset[64];

    memset(&state_a, 0, sizeof state_a);
    memset(&state_b, 0, sizeof state_b);
    state_a.answer = COGNITO_SYNC_RESOLUTION_KEEP_REMOTE;
    state_b.answer = COGNITO_SYNC_RESOLUTION_USE_VALUE;
    state_b.value = "merged";
    a = device(client, identity, NULL, &state_a);
    b = device(client, identity, NULL, &state_b);
    unique_name(dataset, sizeof dataset, "save");
    CHECK_OK(cognito_sync_manager_open_dataset(a, dataset, &save_a, &err), err);
    CHECK_OK(cognito_sync_manager_open_dataset(b, dataset, &save_b, &err), err);

    CHECK_OK(cognito_sync_dataset_put(save_a, "score", "10", &err), err);
    CHECK_OK(cognito_sync_dataset_synchronize(save_a, &report, &err), err);
    CHECK(cognito_sync_sync_report_pushed(report) == 1);
    CHECK(cognito_sync_sync_report_conflicts(report) == 0);
    CHECK(cognito_sync_sync_report_attempts(report) >= 1);
    CHECK(cognito_sync_sync_report_requests(report) >= 2);
    CHECK(cognito_sync_sync_report_last_sync_count(report) == 1);
    CHECK_STR(cognito_sync_sync_report_dataset(report), dataset);
    CHECK_STR(cognito_sync_sync_report_identity_id(report), identity);
    CHECK(cognito_sync_sync_report_sync_id(report) > 0);
    CHECK(!cognito_sync_sync_report_deleted(report));
    CHECK(!cognito_sync_sync_report_deleted_remotely(report));
    CHECK(!cognito_sync_sync_report_coalesced(report));
    CHECK(cognito_sync_sync_report_merged_dataset_count(report) == 0);
    CHECK(cognito_sync_sync_report_merged_dataset(report, 0) == NULL);
    cognito_sync_sync_report_free(report);
    report = NULL;

    CHECK_OK(cognito_sync_dataset_synchronize(save_b, &report, &err), err);
    CHECK(cognito_sync_sync_report_changed_key_count(report) == 1);
    CHECK_STR(cognito_sync_sync_report_changed_key(report, 0), "score");
    CHECK(cognito_sync_sync_report_changed_key(report, 1) == NULL);
    cognito_sync_sync_report_free(report);
    report = NULL;
    CHECK(value_is(save_b, "score", "10"));

    /* Both change "score": B's resolver merges (and cannot block inside). */
    CHECK_OK(cognito_sync_dataset_put(save_a, "score", "20", &err), err);
    CHECK_OK(cognito_sync_dataset_put(save_b, "score", "30", &err), err);
    CHECK_OK(cognito_sync_dataset_synchronize(save_a, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    state_b.dataset = save_b;
    CHECK_OK(cognito_sync_dataset_synchronize(save_b, &report, &err), err);
    CHECK(state_b.calls == 1);
    CHECK_STR(state_b.local, "30");
    CHECK_STR(state_b.remote, "20");
    CHECK(state_b.remote_count == 2);
    CHECK_STATUS(state_b.blocking_status, COGNITO_SYNC_STATUS_REENTRANT_CALL, NULL);
    CHECK(cognito_sync_sync_report_conflicts(report) == 1);
    cognito_sync_sync_report_free(report);
    report = NULL;
    state_b.dataset = NULL;
    CHECK(value_is(save_b, "score", "merged"));
    CHECK_OK(cognito_sync_dataset_synchronize(save_a, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    CHECK(value_is(save_a, "score", "merged"));
    CHECK(state_a.calls == 0);

    /* ABORT, and USE_VALUE without a value, stop the synchronize: nothing lost. */
    CHECK_OK(cognito_sync_dataset_put(save_a, "score", "40", &err), err);
    CHECK_OK(cognito_sync_dataset_put(save_b, "score", "50", &err), err);
    CHECK_OK(cognito_sync_dataset_synchronize(save_a, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    state_b.answer = COGNITO_SYNC_RESOLUTION_ABORT;
    CHECK_STATUS(cognito_sync_dataset_synchronize(save_b, &report, &err),
                 COGNITO_SYNC_STATUS_SYNC_ABORTED, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(report == NULL);
    CHECK(value_is(save_b, "score", "50"));
    state_b.answer = COGNITO_SYNC_RESOLUTION_USE_VALUE;
    state_b.value = NULL;
    CHECK_STATUS(cognito_sync_dataset_synchronize(save_b, &report, &err),
                 COGNITO_SYNC_STATUS_SYNC_ABORTED, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(value_is(save_b, "score", "50"));
    state_b.answer = COGNITO_SYNC_RESOLUTION_KEEP_LOCAL;
    CHECK_OK(cognito_sync_dataset_synchronize(save_b, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    CHECK_OK(cognito_sync_dataset_synchronize(save_a, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    CHECK(value_is(save_a, "score", "50"));

    /* REMOVE removes everywhere. */
    CHECK_OK(cognito_sync_dataset_put(save_a, "score", "60", &err), err);
    CHECK_OK(cognito_sync_dataset_put(save_b, "score", "70", &err), err);
    CHECK_OK(cognito_sync_dataset_synchronize(save_a, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    state_b.answer = COGNITO_SYNC_RESOLUTION_REMOVE;
    CHECK_OK(cognito_sync_dataset_synchronize(save_b, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    CHECK(value_is(save_b, "score", NULL));
    CHECK_OK(cognito_sync_dataset_synchronize(save_a, &report, &err), err);
    cognito_sync_sync_report_free(report);
    CHECK(value_is(save_a, "score", NULL));

    cognito_sync_dataset_free(save_a);
    cognito_sync_dataset_free(save_b);
    cognito_sync_manager_free(a);
    cognito_sync_manager_free(b);
    cognito_sync_string_free(identity);
    cognito_sync_client_free(client);
}

/* Non-blocking synchronize polled from a frame loop, and the event queue. */
static void test_background_sync_and_events(void) {
    char *identity = NULL;
    cognito_sync_client *client = identity_client(test_endpoint(), &identity);
    cognito_sync_manager *m = device(client, identity, NULL, NULL);
    cognito_sync_dataset *ds = NULL;
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    cognito_sync_sync_report *report = NULL;
    cognito_sync_event *event = NULL;
    int changed = 0;
    int started = 0;
    int progress = 0;
    int succeeded = 0;
    uint64_t sync_id = 0;
    char dataset[64];

    unique_name(dataset, sizeof dataset, "bg");
    /* Drain what opening the manager queued. */
    do {
        CHECK_OK(cognito_sync_manager_poll_event(m, &event, &err), err);
        cognito_sync_event_free(event);
    } while (event != NULL);

    CHECK_OK(cognito_sync_manager_open_dataset(m, dataset, &ds, &err), err);
    CHECK_OK(cognito_sync_dataset_put(ds, "k", "v", &err), err);
    CHECK_OK(cognito_sync_dataset_synchronize_start(ds, NULL, NULL, &op, &err), err);
    CHECK_STR(cognito_sync_op_name(op), "dataset_synchronize");
    while (cognito_sync_op_poll(op) == COGNITO_SYNC_STATUS_PENDING) {
        sleep_ms(1);
    }
    CHECK_OK(cognito_sync_dataset_synchronize_finish(op, &report, &err), err);
    CHECK(cognito_sync_sync_report_pushed(report) == 1);
    cognito_sync_sync_report_free(report);
    cognito_sync_op_free(op);

    for (;;) {
        CHECK_OK(cognito_sync_manager_wait_event(m, 1000, &event, &err), err);
        if (event == NULL) {
            break;
        }
        switch (cognito_sync_event_get_kind(event)) {
        case COGNITO_SYNC_EVENT_KIND_CHANGED:
            changed++;
            CHECK(cognito_sync_event_source(event) == COGNITO_SYNC_CHANGE_SOURCE_LOCAL);
            CHECK(cognito_sync_event_key_count(event) == 1);
            CHECK_STR(cognito_sync_event_key(event, 0), "k");
            CHECK(cognito_sync_event_key(event, 1) == NULL);
            CHECK_STR(cognito_sync_event_dataset(event), dataset);
            CHECK_STR(cognito_sync_event_identity_id(event), identity);
            break;
        case COGNITO_SYNC_EVENT_KIND_SYNC_STARTED:
            started++;
            CHECK(cognito_sync_event_sync_id(event, &sync_id) && sync_id > 0);
            break;
        case COGNITO_SYNC_EVENT_KIND_SYNC_PROGRESS:
            progress++;
            CHECK(cognito_sync_event_phase(event) != COGNITO_SYNC_SYNC_PHASE_NONE);
            break;
        case COGNITO_SYNC_EVENT_KIND_SYNC_SUCCEEDED:
            succeeded++;
            CHECK(cognito_sync_sync_report_pushed(cognito_sync_event_report(event)) == 1);
            CHECK(cognito_sync_event_error(event) == NULL);
            CHECK(cognito_sync_event_previous_identity_id(event) == NULL);
            CHECK(cognito_sync_event_dropped_count(event) == 0);
            break;
        default:
            break;
        }
        cognito_sync_event_free(event);
        if (succeeded == 1) {
            break;
        }
    }
    CHECK(changed == 1);
    CHECK(started == 1);
    CHECK(progress >= 2);
    CHECK(succeeded == 1);

    /* A failed synchronize is an event too, with its error object. */
    {
        cognito_sync_client *offline = dev_client("http://127.0.0.1:1");
        cognito_sync_manager *m2 = device(offline, identity, NULL, NULL);
        cognito_sync_dataset *ds2 = NULL;
        int failed = 0;
        CHECK_OK(cognito_sync_manager_open_dataset(m2, dataset, &ds2, &err), err);
        CHECK_STATUS(cognito_sync_dataset_synchronize(ds2, &report, &err),
                     COGNITO_SYNC_STATUS_TRANSPORT, err);
        cognito_sync_error_free(err);
        err = NULL;
        for (;;) {
            CHECK_OK(cognito_sync_manager_poll_event(m2, &event, &err), err);
            if (event == NULL) {
                break;
            }
            if (cognito_sync_event_get_kind(event) == COGNITO_SYNC_EVENT_KIND_SYNC_FAILED) {
                failed++;
                CHECK(cognito_sync_error_status(cognito_sync_event_error(event)) ==
                      COGNITO_SYNC_STATUS_TRANSPORT);
                CHECK(cognito_sync_event_report(event) == NULL);
            }
            cognito_sync_event_free(event);
        }
        CHECK(failed == 1);
        cognito_sync_dataset_free(ds2);
        cognito_sync_manager_free(m2);
        cognito_sync_client_free(offline);
    }

    /* Full resync, blocking and non-blocking: nothing changes, nothing lost. */
    CHECK_OK(cognito_sync_dataset_full_resync(ds, &report, &err), err);
    CHECK(cognito_sync_sync_report_last_sync_count(report) >= 1);
    cognito_sync_sync_report_free(report);
    report = NULL;
    CHECK_OK(cognito_sync_dataset_full_resync_start(ds, NULL, NULL, &op, &err), err);
    CHECK_STATUS(cognito_sync_op_wait(op, -1), COGNITO_SYNC_STATUS_OK, NULL);
    CHECK_STATUS(cognito_sync_dataset_synchronize_finish(op, &report, &err),
                 COGNITO_SYNC_STATUS_WRONG_OPERATION, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK_OK(cognito_sync_dataset_full_resync_finish(op, &report, &err), err);
    cognito_sync_sync_report_free(report);
    report = NULL;
    cognito_sync_op_free(op);
    CHECK(value_is(ds, "k", "v"));

    /* Freeing the manager cancels a background synchronize. */
    CHECK_OK(cognito_sync_dataset_put(ds, "k", "v2", &err), err);
    {
        cognito_sync_client *slow = dev_client(test_fault_endpoint());
        cognito_sync_manager *m3 = device(slow, identity, NULL, NULL);
        cognito_sync_dataset *ds3 = NULL;
        CHECK_OK(cognito_sync_manager_open_dataset(m3, "slow", &ds3, &err), err);
        CHECK_OK(cognito_sync_dataset_put(ds3, "k", "v", &err), err);
        CHECK_OK(cognito_sync_dataset_synchronize_start(ds3, NULL, NULL, &op, &err), err);
        cognito_sync_manager_free(m3);
        CHECK(cognito_sync_op_wait(op, 10000) != COGNITO_SYNC_STATUS_PENDING);
        cognito_sync_op_free(op);
        cognito_sync_dataset_free(ds3);
        cognito_sync_client_free(slow);
    }
    cognito_sync_dataset_free(ds);
    cognito_sync_manager_free(m);
    cognito_sync_string_free(identity);
    cognito_sync_client_free(client);
}

struct handler_state {
    int deleted_calls;
    int merged_calls;
    uint32_t action;
    char dataset[64];
    char identity[64];
};

static uint32_t on_deleted(void *user_data, const char *identity_id, const char *dataset) {
    struct handler_state *s = (struct handler_state *)user_data;
    s->deleted_calls++;
    snprintf(s->identity, sizeof s->identity, "%s", identity_id);
    snprintf(s->dataset, sizeof s->dataset, "%s", dataset);
    return s->action;
}

static void on_merged(void *user_data, const char *identity_id, const char *dataset,
                      const char *const *merged, size_t merged_count) {
    struct handler_state *s = (struct handler_state *)user_data;
    (void)identity_id;
    (void)dataset;
    (void)merged;
    (void)merged_count;
    s->merged_calls++;
}

static int list_has(cognito_sync_string_list *list, const char *name) {
    size_t i;
    for (i = 0; i < cognito_sync_string_list_count(list); i++) {
        if (strcmp(cognito_sync_string_list_item(list, i), name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Synchronize-all, refresh on a new device, and the dataset-deleted handler. */
static void test_sync_all_refresh_and_remote_deletion(void) {
    char *identity = NULL;
    cognito_sync_client *client = identity_client(test_endpoint(), &identity);
    cognito_sync_manager *a = device(client, identity, NULL, NULL);
    cognito_sync_manager *b = device(client, identity, NULL, NULL);
    cognito_sync_dataset *one = NULL;
    cognito_sync_dataset *two = NULL;
    cognito_sync_string_list *list = NULL;
    cognito_sync_sync_report *report = NULL;
    cognito_sync_error *err = NULL;
    struct handler_state state;
    char name1[64];
    char name2[64];

    memset(&state, 0, sizeof state);
    state.action = COGNITO_SYNC_DATASET_DELETED_ACTION_DELETE_LOCAL;
    unique_name(name1, sizeof name1, "all1");
    unique_name(name2, sizeof name2, "all2");
    CHECK_OK(cognito_sync_manager_set_dataset_deleted_handler(a, on_deleted, &state, &err), err);
    CHECK_OK(cognito_sync_manager_set_datasets_merged_handler(a, on_merged, &state, &err), err);
    CHECK_STATUS(cognito_sync_manager_set_dataset_deleted_handler(NULL, on_deleted, &state, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK_STATUS(cognito_sync_manager_set_datasets_merged_handler(NULL, NULL, NULL, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;

    CHECK_OK(cognito_sync_manager_open_dataset(a, name1, &one, &err), err);
    CHECK_OK(cognito_sync_manager_open_dataset(a, name2, &two, &err), err);
    CHECK_OK(cognito_sync_dataset_put(one, "k", "v1", &err), err);
    CHECK_OK(cognito_sync_dataset_put(two, "k", "v2", &err), err);
    CHECK_OK(cognito_sync_manager_synchronize_all(a, &list, &err), err);
    CHECK(list != NULL && cognito_sync_string_list_count(list) == 0);
    cognito_sync_string_list_free(list);
    list = NULL;

    /* Non-blocking: the same through an operation handle. */
    CHECK_OK(cognito_sync_dataset_put(two, "k", "v2b", &err), err);
    {
        cognito_sync_op *op = NULL;
        CHECK_OK(cognito_sync_manager_synchronize_all_start(a, NULL, NULL, &op, &err), err);
        CHECK_STR(cognito_sync_op_name(op), "manager_synchronize_all");
        CHECK_STATUS(cognito_sync_op_wait(op, -1), COGNITO_SYNC_STATUS_OK, NULL);
        CHECK_STATUS(cognito_sync_dataset_synchronize_finish(op, &report, &err),
                     COGNITO_SYNC_STATUS_WRONG_OPERATION, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK_OK(cognito_sync_manager_synchronize_all_finish(op, &list, &err), err);
        CHECK(list != NULL && cognito_sync_string_list_count(list) == 0);
        cognito_sync_string_list_free(list);
        list = NULL;
        cognito_sync_op_free(op);
    }

    /* A new device learns both datasets from the service, then pulls them. */
    CHECK_OK(cognito_sync_manager_refresh_datasets(b, &list, &err), err);
    CHECK(list_has(list, name1));
    CHECK(list_has(list, name2));
    cognito_sync_string_list_free(list);
    list = NULL;
    CHECK_OK(cognito_sync_manager_synchronize_all(b, &list, &err), err);
    CHECK(cognito_sync_string_list_count(list) == 0);
    cognito_sync_string_list_free(list);
    list = NULL;
    {
        cognito_sync_dataset *copy = NULL;
        CHECK_OK(cognito_sync_manager_open_dataset(b, name2, &copy, &err), err);
        CHECK(value_is(copy, "k", "v2b"));
        cognito_sync_dataset_free(copy);
    }

    /* Deleted on the service: the handler decides (here: delete locally too). */
    {
        cognito_sync_delete_dataset_request req;
        cognito_sync_delete_dataset_output *out = NULL;
        memset(&req, 0, sizeof req);
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.dataset_name = name1;
        CHECK_OK(cognito_sync_delete_dataset(client, &req, &out, &err), err);
        cognito_sync_delete_dataset_output_free(out);
    }
    CHECK_OK(cognito_sync_dataset_synchronize(one, &report, &err), err);
    CHECK(cognito_sync_sync_report_deleted_remotely(report));
    cognito_sync_sync_report_free(report);
    report = NULL;
    CHECK(state.deleted_calls == 1);
    CHECK_STR(state.dataset, name1);
    CHECK_STR(state.identity, identity);
    CHECK(state.merged_calls == 0); /* no identity was merged */
    CHECK_OK(cognito_sync_manager_list_datasets(a, &list, &err), err);
    CHECK(!list_has(list, name1));
    CHECK(list_has(list, name2));
    cognito_sync_string_list_free(list);
    list = NULL;
    /* Removing the handlers is allowed; the default action then applies. */
    CHECK_OK(cognito_sync_manager_set_dataset_deleted_handler(a, NULL, NULL, &err), err);
    CHECK_OK(cognito_sync_manager_set_datasets_merged_handler(a, NULL, NULL, &err), err);

    /* Offline: synchronize-all and refresh fail as a whole; out-params untouched. */
    {
        cognito_sync_client *offline = dev_client("http://127.0.0.1:1");
        cognito_sync_manager *m = device(offline, identity, NULL, NULL);
        CHECK_STATUS(cognito_sync_manager_synchronize_all(m, &list, &err),
                     COGNITO_SYNC_STATUS_TRANSPORT, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(list == NULL);
        CHECK_STATUS(cognito_sync_manager_refresh_datasets(m, &list, &err),
                     COGNITO_SYNC_STATUS_TRANSPORT, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(list == NULL);
        CHECK_STATUS(cognito_sync_manager_synchronize_all(m, NULL, &err),
                     COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
        cognito_sync_error_free(err);
        err = NULL;
        cognito_sync_manager_free(m);
        cognito_sync_client_free(offline);
    }

    cognito_sync_dataset_free(one);
    cognito_sync_dataset_free(two);
    cognito_sync_manager_free(a);
    cognito_sync_manager_free(b);
    cognito_sync_string_free(identity);
    cognito_sync_client_free(client);
}

/* Switching identities: each mode, transactional on collision and bad input. */
static void test_switch_identity(void) {
    const char *guest = "us-east-1:00000000-0000-0000-0000-0000000000c1";
    const char *account = "us-east-1:00000000-0000-0000-0000-0000000000c2";
    cognito_sync_manager *m = device(NULL, guest, NULL, NULL);
    cognito_sync_dataset *ds = NULL;
    cognito_sync_dataset *again = NULL;
    cognito_sync_string_list *moved = NULL;
    cognito_sync_string_list *names = NULL;
    cognito_sync_error *err = NULL;
    char *id = NULL;

    CHECK_OK(cognito_sync_manager_open_dataset(m, "progress", &ds, &err), err);
    CHECK_OK(cognito_sync_dataset_put(ds, "level", "3", &err), err);

    CHECK_STATUS(cognito_sync_manager_switch_identity(m, account, 7, &moved, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(moved == NULL);
    CHECK_STATUS(cognito_sync_manager_switch_identity(m, NULL, 0, &moved, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;

    /* MoveData: the guest's progress goes to the account. */
    CHECK_OK(cognito_sync_manager_switch_identity(m, account, COGNITO_SYNC_IDENTITY_SWITCH_MOVE_DATA,
                                                  &moved, &err),
             err);
    CHECK(cognito_sync_string_list_count(moved) == 1);
    CHECK_STR(cognito_sync_string_list_item(moved, 0), "progress");
    cognito_sync_string_list_free(moved);
    moved = NULL;
    CHECK_OK(cognito_sync_manager_identity_id(m, &id, &err), err);
    CHECK_STR(id, account);
    cognito_sync_string_free(id);
    {
        char *value = NULL;
        CHECK_STATUS(cognito_sync_dataset_get(ds, "level", &value, &err),
                     COGNITO_SYNC_STATUS_IDENTITY_CHANGED, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(value == NULL);
    }
    CHECK_OK(cognito_sync_manager_open_dataset(m, "progress", &again, &err), err);
    CHECK(value_is(again, "level", "3"));
    cognito_sync_dataset_free(again);
    again = NULL;

    /* KeepSeparate back to the guest: it has nothing left; the account keeps its data. */
    CHECK_OK(cognito_sync_manager_switch_identity(
                 m, guest, COGNITO_SYNC_IDENTITY_SWITCH_KEEP_SEPARATE, &moved, &err),
             err);
    CHECK(cognito_sync_string_list_count(moved) == 0);
    cognito_sync_string_list_free(moved);
    moved = NULL;
    CHECK_OK(cognito_sync_manager_list_datasets(m, &names, &err), err);
    CHECK(cognito_sync_string_list_count(names) == 0);
    cognito_sync_string_list_free(names);

    /* A same-named dataset: MoveData fails and changes nothing. */
    CHECK_OK(cognito_sync_manager_open_dataset(m, "progress", &again, &err), err);
    CHECK_OK(cognito_sync_dataset_put(again, "level", "1", &err), err);
    cognito_sync_dataset_free(again);
    again = NULL;
    CHECK_STATUS(cognito_sync_manager_switch_identity(
                     m, account, COGNITO_SYNC_IDENTITY_SWITCH_MOVE_DATA, &moved, &err),
                 COGNITO_SYNC_STATUS_IDENTITY_COLLISION, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(moved == NULL);
    CHECK_OK(cognito_sync_manager_identity_id(m, &id, &err), err);
    CHECK_STR(id, guest);
    cognito_sync_string_free(id);

    /* DiscardPrevious: the guest's data is gone, the account's stays. */
    CHECK_OK(cognito_sync_manager_switch_identity(
                 m, account, COGNITO_SYNC_IDENTITY_SWITCH_DISCARD_PREVIOUS, &moved, &err),
             err);
    cognito_sync_string_list_free(moved);
    moved = NULL;
    CHECK_OK(cognito_sync_manager_open_dataset(m, "progress", &again, &err), err);
    CHECK(value_is(again, "level", "3"));
    cognito_sync_dataset_free(again);
    again = NULL;
    CHECK_OK(cognito_sync_manager_switch_identity(
                 m, guest, COGNITO_SYNC_IDENTITY_SWITCH_KEEP_SEPARATE, &moved, &err),
             err);
    cognito_sync_string_list_free(moved);
    moved = NULL;
    CHECK_OK(cognito_sync_manager_list_datasets(m, &names, &err), err);
    CHECK(cognito_sync_string_list_count(names) == 0);
    cognito_sync_string_list_free(names);

    cognito_sync_dataset_free(ds);
    cognito_sync_manager_free(m);
}

int main(void) {
    RUN(test_local_store_offline_and_persistent);
    RUN(test_options_are_checked);
    RUN(test_two_devices_and_the_resolver);
    RUN(test_background_sync_and_events);
    RUN(test_sync_all_refresh_and_remote_deletion);
    RUN(test_switch_identity);
    return harness_summary("test_sync");
}
