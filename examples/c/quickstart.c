/*
 * Cognito Sync from C, blocking calls: get an identity from Cognito Identity,
 * write records, list them back, and handle a conflict the way a second
 * device would see it.
 *
 * Build (after `cargo build --release -p cognito-sync-ffi`):
 *   cc -std=c99 -Iinclude examples/c/quickstart.c -Ltarget/release -lcognito_sync -o quickstart
 * Run against the local emulator (it prints the `export` line below):
 *   cargo run -p cognito-sync-local -- --port 4566 \
 *       --identity-pool us-east-1:00000000-0000-0000-0000-000000000001 &
 *   export AWS_ENDPOINT_URL_COGNITO_SYNC=http://127.0.0.1:4566 \
 *       COGNITO_IDENTITY_POOL_ID=us-east-1:00000000-0000-0000-0000-000000000001
 *   LD_LIBRARY_PATH=target/release ./quickstart
 * (or pass ENDPOINT_URL and IDENTITY_POOL_ID as the two arguments).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cognito_sync.h"

/* Prints a failed call's details and frees its error object. */
static int report(const char *what, cognito_sync_status status, cognito_sync_error *err) {
    const char *code = cognito_sync_error_code(err);
    fprintf(stderr, "%s failed: %s (status %u%s%s): %s\n", what, cognito_sync_status_str(status),
            (unsigned)status, code ? ", " : "", code ? code : "",
            err ? cognito_sync_error_message(err) : "");
    cognito_sync_error_free(err);
    return 1;
}

/* Lists every record of the dataset (following pages) and prints them.
 * Writes the dataset's sync count and the session token (caller frees the
 * last page through *last_page). */
static cognito_sync_status list_all(cognito_sync_client *client, const char *pool,
                                    const char *identity, const char *dataset,
                                    cognito_sync_list_records_output **last_page,
                                    cognito_sync_error **err) {
    char token[2048] = "";
    cognito_sync_status status;
    *last_page = NULL;
    for (;;) {
        cognito_sync_list_records_request req = {0};
        cognito_sync_list_records_output *page = NULL;
        size_t i;
        req.identity_pool_id = pool;
        req.identity_id = identity;
        req.dataset_name = dataset;
        req.next_token = token[0] ? token : NULL;
        status = cognito_sync_list_records(client, &req, &page, err);
        if (status != COGNITO_SYNC_STATUS_OK) {
            return status;
        }
        for (i = 0; i < cognito_sync_list_records_output_record_count(page); i++) {
            const cognito_sync_record *r = cognito_sync_list_records_output_record(page, i);
            int64_t sync_count = 0;
            const char *value = cognito_sync_record_value(r);
            cognito_sync_record_sync_count(r, &sync_count);
            printf("  %-10s = %-12s (sync count %lld)\n", cognito_sync_record_key(r),
                   value ? value : "<deleted>", (long long)sync_count);
        }
        if (cognito_sync_list_records_output_next_token(page) == NULL) {
            *last_page = page;
            return COGNITO_SYNC_STATUS_OK;
        }
        snprintf(token, sizeof token, "%s", cognito_sync_list_records_output_next_token(page));
        cognito_sync_list_records_output_free(page);
    }
}

/* Writes one record with the given base sync count. */
static cognito_sync_status put(cognito_sync_client *client, const char *pool, const char *identity,
                               const char *dataset, const char *token, const char *key,
                               const char *value, int64_t sync_count, cognito_sync_error **err) {
    cognito_sync_record_patch patch = {0};
    cognito_sync_update_records_request req = {0};
    cognito_sync_update_records_output *out = NULL;
    cognito_sync_status status;
    patch.op = COGNITO_SYNC_OPERATION_REPLACE;
    patch.key = key;
    patch.value = value;
    patch.sync_count = sync_count;
    req.identity_pool_id = pool;
    req.identity_id = identity;
    req.dataset_name = dataset;
    req.record_patches = &patch;
    req.record_patch_count = 1;
    req.sync_session_token = token;
    status = cognito_sync_update_records(client, &req, &out, err);
    cognito_sync_update_records_output_free(out);
    return status;
}

int main(int argc, char **argv) {
    const char *endpoint = argc > 1 ? argv[1] : getenv("AWS_ENDPOINT_URL_COGNITO_SYNC");
    const char *pool = argc > 2 ? argv[2] : getenv("COGNITO_IDENTITY_POOL_ID");
    const char *dataset = "game-save";
    cognito_sync_config *config;
    cognito_sync_client *client = NULL;
    cognito_sync_error *err = NULL;
    cognito_sync_status status;
    char *identity = NULL;
    cognito_sync_list_records_output *page = NULL;
    int64_t dataset_count = 0;
    int rc = 0;

    if (endpoint == NULL || pool == NULL) {
        fprintf(stderr,
                "usage: %s ENDPOINT_URL IDENTITY_POOL_ID\n"
                "   or: set AWS_ENDPOINT_URL_COGNITO_SYNC and COGNITO_IDENTITY_POOL_ID\n",
                argv[0]);
        return 2;
    }
    printf("cognito_sync %s (header %s)\n", cognito_sync_version(), COGNITO_SYNC_VERSION);

    /* 1. A client with Cognito Identity credentials (an unauthenticated identity). */
    config = cognito_sync_config_new();
    cognito_sync_config_set_region(config, "us-east-1", NULL);
    cognito_sync_config_set_endpoint_url(config, endpoint, NULL);
    status = cognito_sync_config_set_cognito_identity(config, pool, &err);
    if (status == COGNITO_SYNC_STATUS_OK) {
        status = cognito_sync_client_new(config, &client, &err);
    }
    cognito_sync_config_free(config);
    if (status != COGNITO_SYNC_STATUS_OK) {
        return report("creating the client", status, err);
    }
    status = cognito_sync_client_identity_id(client, &identity, &err);
    if (status != COGNITO_SYNC_STATUS_OK) {
        rc = report("getting an identity", status, err);
        goto done;
    }
    printf("identity: %s\n", identity);

    /* 2. Start a sync session (ListRecords gives the session token) and write. */
    status = list_all(client, pool, identity, dataset, &page, &err);
    if (status != COGNITO_SYNC_STATUS_OK) {
        rc = report("listing records", status, err);
        goto done;
    }
    {
        cognito_sync_record_patch patches[3];
        cognito_sync_update_records_request req = {0};
        cognito_sync_update_records_output *out = NULL;
        memset(patches, 0, sizeof patches);
        patches[0].key = "level";
        patches[0].value = "3";
        patches[1].key = "gold";
        patches[1].value = "120";
        patches[2].key = "checkpoint";
        patches[2].value = "castle-gate";
        req.identity_pool_id = pool;
        req.identity_id = identity;
        req.dataset_name = dataset;
        req.record_patches = patches;
        req.record_patch_count = 3;
        req.sync_session_token = cognito_sync_list_records_output_sync_session_token(page);
        status = cognito_sync_update_records(client, &req, &out, &err);
        if (status != COGNITO_SYNC_STATUS_OK) {
            rc = report("writing records", status, err);
            goto done;
        }
        printf("wrote %u records\n", (unsigned)cognito_sync_update_records_output_record_count(out));
        cognito_sync_update_records_output_free(out);
    }
    cognito_sync_list_records_output_free(page);
    page = NULL;

    /* 3. List them back. */
    printf("records of %s:\n", dataset);
    status = list_all(client, pool, identity, dataset, &page, &err);
    if (status != COGNITO_SYNC_STATUS_OK) {
        rc = report("listing records", status, err);
        goto done;
    }
    cognito_sync_list_records_output_dataset_sync_count(page, &dataset_count);
    printf("dataset sync count: %lld\n", (long long)dataset_count);

    /* 4. A conflict: writing "gold" with the sync count it had before (0, as a
     *    device that never saw the first write would) is refused... */
    status = put(client, pool, identity, dataset,
                 cognito_sync_list_records_output_sync_session_token(page), "gold", "999", 0, &err);
    if (status == COGNITO_SYNC_STATUS_RESOURCE_CONFLICT) {
        printf("conflict, as expected: %s\n", cognito_sync_error_message(err));
        cognito_sync_error_free(err);
        err = NULL;
        /* ...so resolve it: read the current record and write on top of it. */
        {
            size_t i;
            int64_t current = 0;
            for (i = 0; i < cognito_sync_list_records_output_record_count(page); i++) {
                const cognito_sync_record *r = cognito_sync_list_records_output_record(page, i);
                if (strcmp(cognito_sync_record_key(r), "gold") == 0) {
                    cognito_sync_record_sync_count(r, &current);
                }
            }
            status = put(client, pool, identity, dataset,
                         cognito_sync_list_records_output_sync_session_token(page), "gold", "999",
                         current, &err);
            if (status != COGNITO_SYNC_STATUS_OK) {
                rc = report("resolving the conflict", status, err);
                goto done;
            }
            printf("resolved: gold = 999 written over sync count %lld\n", (long long)current);
        }
    } else {
        rc = status == COGNITO_SYNC_STATUS_OK ? 1 : report("writing", status, err);
        fprintf(stderr, "expected a conflict\n");
        goto done;
    }
    cognito_sync_list_records_output_free(page);
    page = NULL;

    printf("records of %s after the conflict:\n", dataset);
    status = list_all(client, pool, identity, dataset, &page, &err);
    if (status != COGNITO_SYNC_STATUS_OK) {
        rc = report("listing records", status, err);
        goto done;
    }

    /* 5. Clean up the dataset. */
    {
        cognito_sync_delete_dataset_request req = {0};
        cognito_sync_delete_dataset_output *out = NULL;
        req.identity_pool_id = pool;
        req.identity_id = identity;
        req.dataset_name = dataset;
        status = cognito_sync_delete_dataset(client, &req, &out, &err);
        if (status != COGNITO_SYNC_STATUS_OK) {
            rc = report("deleting the dataset", status, err);
            goto done;
        }
        cognito_sync_delete_dataset_output_free(out);
        printf("deleted %s\n", dataset);
    }

done:
    cognito_sync_list_records_output_free(page);
    cognito_sync_string_free(identity);
    cognito_sync_client_free(client);
    return rc;
}
