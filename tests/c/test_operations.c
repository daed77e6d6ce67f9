/* Every operation, blocking, against the emulator: all request members sent,
 * all response members read; pagination from C. */
#include "harness.h"

static cognito_sync_client *dev;
static cognito_sync_client *user;
static char *identity;

/* Five records written with device times; returns the session's dataset. */
static void test_records_and_pagination(void) {
    char dataset[64];
    cognito_sync_error *err = NULL;
    cognito_sync_list_records_output *page = NULL;
    cognito_sync_update_records_output *updated = NULL;
    cognito_sync_record_patch patches[5];
    char keys[5][16];
    char values[5][16];
    int64_t device_time = 1577934245000; /* 2020-01-02T03:04:05Z */
    int64_t last_sync_count = 0;
    int64_t value = 0;
    int32_t max_results = 2;
    int32_t count32 = -1;
    bool flag = true;
    size_t i;
    size_t seen = 0;
    int pages = 0;
    char token[1024];
    const cognito_sync_record *record;

    unique_name(dataset, sizeof dataset, "ops");
    {
        cognito_sync_list_records_request req = {0};
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.dataset_name = dataset;
        req.last_sync_count = &last_sync_count;
        CHECK_OK(cognito_sync_list_records(user, &req, &page, &err), err);
    }
    CHECK(cognito_sync_list_records_output_dataset_exists(page, &flag) && !flag);
    CHECK(cognito_sync_list_records_output_dataset_sync_count(page, &value) && value == 0);
    CHECK(cognito_sync_list_records_output_record_count(page) == 0);
    CHECK(cognito_sync_list_records_output_record(page, 0) == NULL);
    CHECK(cognito_sync_list_records_output_next_token(page) == NULL);
    CHECK(cognito_sync_list_records_output_merged_dataset_name_count(page) == 0);
    CHECK(cognito_sync_list_records_output_merged_dataset_name(page, 0) == NULL);
    CHECK(cognito_sync_list_records_output_dataset_deleted_after_requested_sync_count(page, &flag) ==
              false ||
          flag == false);
    CHECK(cognito_sync_list_records_output_count(page, &count32) ? count32 == 0 : 1);
    CHECK(cognito_sync_list_records_output_last_modified_by(page) == NULL);
    CHECK(cognito_sync_list_records_output_sync_session_token(page) != NULL);
    snprintf(token, sizeof token, "%s", cognito_sync_list_records_output_sync_session_token(page));
    cognito_sync_list_records_output_free(page);
    page = NULL;

    for (i = 0; i < 5; i++) {
        snprintf(keys[i], sizeof keys[i], "key-%u", (unsigned)i);
        snprintf(values[i], sizeof values[i], "value-%u", (unsigned)i);
        patches[i].op = COGNITO_SYNC_OPERATION_REPLACE;
        patches[i].key = keys[i];
        patches[i].value = values[i];
        patches[i].sync_count = 0;
        patches[i].device_last_modified_date = i == 0 ? &device_time : NULL;
    }
    {
        cognito_sync_update_records_request req = {0};
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.dataset_name = dataset;
        req.record_patches = patches;
        req.record_patch_count = 5;
        req.sync_session_token = token;
        req.client_context = "eyJjbGllbnQiOiJ0ZXN0In0=";
        CHECK_OK(cognito_sync_update_records(user, &req, &updated, &err), err);
    }
    CHECK(cognito_sync_update_records_output_record_count(updated) == 5);
    for (i = 0; i < cognito_sync_update_records_output_record_count(updated); i++) {
        record = cognito_sync_update_records_output_record(updated, i);
        CHECK(record != NULL);
        CHECK(cognito_sync_record_sync_count(record, &value) && value == 1);
        CHECK(cognito_sync_record_last_modified_date(record, NULL));
        CHECK(cognito_sync_record_last_modified_by(record) != NULL);
    }
    CHECK(cognito_sync_update_records_output_record(updated, 5) == NULL);
    cognito_sync_update_records_output_free(updated);
    updated = NULL;

    /* Pagination: pages of 2 until next_token is NULL. */
    token[0] = '\0';
    do {
        char next[1024];
        cognito_sync_list_records_request req = {0};
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.dataset_name = dataset;
        req.max_results = &max_results;
        req.next_token = token[0] ? token : NULL;
        CHECK_OK(cognito_sync_list_records(user, &req, &page, &err), err);
        if (page == NULL) {
            break;
        }
        pages++;
        CHECK(cognito_sync_list_records_output_record_count(page) <= 2);
        for (i = 0; i < cognito_sync_list_records_output_record_count(page); i++) {
            const char *key;
            record = cognito_sync_list_records_output_record(page, i);
            key = cognito_sync_record_key(record);
            CHECK(key != NULL && strncmp(key, "key-", 4) == 0);
            if (key != NULL && strcmp(key, "key-0") == 0) {
                int64_t at = 0;
                CHECK_STR(cognito_sync_record_value(record), "value-0");
                CHECK(cognito_sync_record_value_len(record) == strlen("value-0"));
                CHECK(cognito_sync_record_device_last_modified_date(record, &at) &&
                      at == device_time);
            }
            seen++;
        }
        CHECK(cognito_sync_list_records_output_dataset_exists(page, &flag) && flag);
        CHECK(cognito_sync_list_records_output_dataset_sync_count(page, &value) && value == 1);
        CHECK(cognito_sync_list_records_output_last_modified_by(page) != NULL);
        next[0] = '\0';
        if (cognito_sync_list_records_output_next_token(page) != NULL) {
            snprintf(next, sizeof next, "%s", cognito_sync_list_records_output_next_token(page));
        }
        snprintf(token, sizeof token, "%s", next);
        cognito_sync_list_records_output_free(page);
        page = NULL;
    } while (token[0] != '\0' && pages < 10);
    CHECK(seen == 5);
    CHECK(pages == 3);

    /* A removal leaves a tombstone that later lists report without value. */
    {
        cognito_sync_list_records_request lreq = {0};
        cognito_sync_update_records_request ureq = {0};
        cognito_sync_record_patch removal = {0};
        lreq.identity_pool_id = test_pool();
        lreq.identity_id = identity;
        lreq.dataset_name = dataset;
        CHECK_OK(cognito_sync_list_records(user, &lreq, &page, &err), err);
        removal.op = COGNITO_SYNC_OPERATION_REMOVE;
        removal.key = "key-3";
        removal.sync_count = 1;
        ureq.identity_pool_id = test_pool();
        ureq.identity_id = identity;
        ureq.dataset_name = dataset;
        ureq.record_patches = &removal;
        ureq.record_patch_count = 1;
        ureq.sync_session_token = cognito_sync_list_records_output_sync_session_token(page);
        CHECK_OK(cognito_sync_update_records(user, &ureq, &updated, &err), err);
        cognito_sync_update_records_output_free(updated);
        cognito_sync_list_records_output_free(page);
        page = NULL;

        last_sync_count = 1;
        lreq.last_sync_count = &last_sync_count;
        CHECK_OK(cognito_sync_list_records(user, &lreq, &page, &err), err);
        CHECK(cognito_sync_list_records_output_record_count(page) == 1);
        record = cognito_sync_list_records_output_record(page, 0);
        CHECK_STR(cognito_sync_record_key(record), "key-3");
        CHECK(cognito_sync_record_value(record) == NULL);
        CHECK(cognito_sync_record_value_len(record) == 0);
        CHECK(cognito_sync_record_sync_count(record, &value) && value == 2);
        CHECK(cognito_sync_list_records_output_dataset_sync_count(page, &value) && value == 2);
        /* A session token passed back in continues the session. */
        lreq.sync_session_token = cognito_sync_list_records_output_sync_session_token(page);
        {
            cognito_sync_list_records_output *again = NULL;
            CHECK_OK(cognito_sync_list_records(user, &lreq, &again, &err), err);
            cognito_sync_list_records_output_free(again);
        }
        cognito_sync_list_records_output_free(page);
    }

    /* DescribeDataset, ListDatasets (paginated), DescribeIdentityUsage, DeleteDataset. */
    {
        cognito_sync_describe_dataset_request dreq = {0};
        cognito_sync_describe_dataset_output *described = NULL;
        const cognito_sync_dataset_metadata *ds;
        dreq.identity_pool_id = test_pool();
        dreq.identity_id = identity;
        dreq.dataset_name = dataset;
        CHECK_OK(cognito_sync_describe_dataset(user, &dreq, &described, &err), err);
        ds = cognito_sync_describe_dataset_output_dataset(described);
        CHECK(ds != NULL);
        CHECK_STR(cognito_sync_dataset_metadata_dataset_name(ds), dataset);
        CHECK_STR(cognito_sync_dataset_metadata_identity_id(ds), identity);
        CHECK(cognito_sync_dataset_metadata_creation_date(ds, &value) && value > 1500000000000);
        CHECK(cognito_sync_dataset_metadata_last_modified_date(ds, NULL));
        CHECK(cognito_sync_dataset_metadata_last_modified_by(ds) != NULL);
        CHECK(cognito_sync_dataset_metadata_data_storage(ds, &value) && value > 0);
        CHECK(cognito_sync_dataset_metadata_num_records(ds, &value) && value >= 4);
        cognito_sync_describe_dataset_output_free(described);
    }
}

static void test_datasets_and_usage(void) {
    char first[64];
    char second[64];
    cognito_sync_error *err = NULL;
    int32_t one = 1;
    int32_t count32 = 0;
    int64_t value = 0;
    int pages = 0;
    int found = 0;
    char token[1024] = "";
    const char *names[2];
    size_t n;

    unique_name(first, sizeof first, "dsa");
    unique_name(second, sizeof second, "dsb");
    names[0] = first;
    names[1] = second;
    for (n = 0; n < 2; n++) {
        cognito_sync_list_records_request lreq = {0};
        cognito_sync_list_records_output *page = NULL;
        cognito_sync_update_records_request ureq = {0};
        cognito_sync_update_records_output *out = NULL;
        cognito_sync_record_patch patch = {0};
        lreq.identity_pool_id = test_pool();
        lreq.identity_id = identity;
        lreq.dataset_name = names[n];
        CHECK_OK(cognito_sync_list_records(user, &lreq, &page, &err), err);
        patch.key = "k";
        patch.value = "v";
        ureq.identity_pool_id = test_pool();
        ureq.identity_id = identity;
        ureq.dataset_name = names[n];
        ureq.device_id = NULL;
        ureq.record_patches = &patch;
        ureq.record_patch_count = 1;
        ureq.sync_session_token = cognito_sync_list_records_output_sync_session_token(page);
        CHECK_OK(cognito_sync_update_records(user, &ureq, &out, &err), err);
        cognito_sync_update_records_output_free(out);
        cognito_sync_list_records_output_free(page);
    }

    do {
        cognito_sync_list_datasets_request req = {0};
        cognito_sync_list_datasets_output *page = NULL;
        size_t i;
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.max_results = &one;
        req.next_token = token[0] ? token : NULL;
        CHECK_OK(cognito_sync_list_datasets(user, &req, &page, &err), err);
        if (page == NULL) {
            break;
        }
        pages++;
        CHECK(cognito_sync_list_datasets_output_dataset_count(page) <= 1);
        CHECK(cognito_sync_list_datasets_output_count(page, &count32) &&
              (size_t)count32 == cognito_sync_list_datasets_output_dataset_count(page));
        for (i = 0; i < cognito_sync_list_datasets_output_dataset_count(page); i++) {
            const cognito_sync_dataset_metadata *ds = cognito_sync_list_datasets_output_dataset(page, i);
            const char *name = cognito_sync_dataset_metadata_dataset_name(ds);
            if (name != NULL && (strcmp(name, first) == 0 || strcmp(name, second) == 0)) {
                found++;
                CHECK(cognito_sync_dataset_metadata_num_records(ds, &value) && value == 1);
            }
        }
        CHECK(cognito_sync_list_datasets_output_dataset(page, 1) == NULL);
        if (cognito_sync_list_datasets_output_next_token(page) != NULL) {
            snprintf(token, sizeof token, "%s", cognito_sync_list_datasets_output_next_token(page));
        } else {
            token[0] = '\0';
        }
        cognito_sync_list_datasets_output_free(page);
    } while (token[0] != '\0' && pages < 30);
    CHECK(found == 2);
    CHECK(pages >= 2);

    {
        cognito_sync_describe_identity_usage_request req = {0};
        cognito_sync_describe_identity_usage_output *out = NULL;
        const cognito_sync_identity_usage *usage;
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        CHECK_OK(cognito_sync_describe_identity_usage(user, &req, &out, &err), err);
        usage = cognito_sync_describe_identity_usage_output_identity_usage(out);
        CHECK(usage != NULL);
        CHECK_STR(cognito_sync_identity_usage_identity_id(usage), identity);
        CHECK_STR(cognito_sync_identity_usage_identity_pool_id(usage), test_pool());
        CHECK(cognito_sync_identity_usage_dataset_count(usage, &count32) && count32 >= 2);
        CHECK(cognito_sync_identity_usage_data_storage(usage, &value) && value > 0);
        CHECK(cognito_sync_identity_usage_last_modified_date(usage, &value) && value > 0);
        cognito_sync_describe_identity_usage_output_free(out);
    }

    {
        cognito_sync_delete_dataset_request req = {0};
        cognito_sync_delete_dataset_output *out = NULL;
        const cognito_sync_dataset_metadata *ds;
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.dataset_name = first;
        CHECK_OK(cognito_sync_delete_dataset(user, &req, &out, &err), err);
        ds = cognito_sync_delete_dataset_output_dataset(out);
        CHECK(ds != NULL);
        CHECK_STR(cognito_sync_dataset_metadata_dataset_name(ds), first);
        cognito_sync_delete_dataset_output_free(out);
    }
}

static void test_pool_usage(void) {
    cognito_sync_error *err = NULL;
    int64_t value = 0;
    int32_t one = 1;
    int32_t count32 = 0;
    int found = 0;
    int pages = 0;
    char token[1024] = "";
    {
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        const cognito_sync_identity_pool_usage *usage;
        req.identity_pool_id = test_pool();
        CHECK_OK(cognito_sync_describe_identity_pool_usage(dev, &req, &out, &err), err);
        usage = cognito_sync_describe_identity_pool_usage_output_identity_pool_usage(out);
        CHECK(usage != NULL);
        CHECK_STR(cognito_sync_identity_pool_usage_identity_pool_id(usage), test_pool());
        CHECK(cognito_sync_identity_pool_usage_sync_sessions_count(usage, &value) && value >= 0);
        CHECK(cognito_sync_identity_pool_usage_data_storage(usage, &value) && value > 0);
        CHECK(cognito_sync_identity_pool_usage_last_modified_date(usage, &value) && value > 0);
        cognito_sync_describe_identity_pool_usage_output_free(out);
    }
    do {
        cognito_sync_list_identity_pool_usage_request req = {0};
        cognito_sync_list_identity_pool_usage_output *page = NULL;
        size_t i;
        req.max_results = &one;
        req.next_token = token[0] ? token : NULL;
        CHECK_OK(cognito_sync_list_identity_pool_usage(dev, &req, &page, &err), err);
        if (page == NULL) {
            break;
        }
        pages++;
        CHECK(cognito_sync_list_identity_pool_usage_output_max_results(page, &count32) &&
              count32 == 1);
        CHECK(cognito_sync_list_identity_pool_usage_output_count(page, &count32) &&
              (size_t)count32 ==
                  cognito_sync_list_identity_pool_usage_output_identity_pool_usage_count(page));
        for (i = 0; i < cognito_sync_list_identity_pool_usage_output_identity_pool_usage_count(page);
             i++) {
            const cognito_sync_identity_pool_usage *usage =
                cognito_sync_list_identity_pool_usage_output_identity_pool_usage(page, i);
            const char *id = cognito_sync_identity_pool_usage_identity_pool_id(usage);
            if (id != NULL && strcmp(id, test_pool()) == 0) {
                found++;
            }
        }
        CHECK(cognito_sync_list_identity_pool_usage_output_identity_pool_usage(page, 99) == NULL);
        if (cognito_sync_list_identity_pool_usage_output_next_token(page) != NULL) {
            snprintf(token, sizeof token, "%s",
                     cognito_sync_list_identity_pool_usage_output_next_token(page));
        } else {
            token[0] = '\0';
        }
        cognito_sync_list_identity_pool_usage_output_free(page);
    } while (token[0] != '\0' && pages < 30);
    CHECK(found == 1);
    CHECK(pages >= 2); /* the emulator was started with several pools */
}

static void test_pool_configuration_events_push_and_bulk(void) {
    cognito_sync_error *err = NULL;
    const char *arns[1] = {"arn:aws:sns:us-east-1:123456789012:app/GCM/game"};
    cognito_sync_push_sync_input push = {0};
    cognito_sync_cognito_streams_input streams = {0};
    int64_t value = 0;
    char dataset[64];
    char device[256];

    push.application_arns = arns;
    push.application_arn_count = 1;
    push.role_arn = "arn:aws:iam::123456789012:role/push";
    streams.stream_name = "game-stream";
    streams.role_arn = "arn:aws:iam::123456789012:role/streams";
    streams.streaming_status = "ENABLED";
    {
        cognito_sync_set_identity_pool_configuration_request req = {0};
        cognito_sync_set_identity_pool_configuration_output *out = NULL;
        const cognito_sync_push_sync *ps;
        const cognito_sync_cognito_streams *cs;
        req.identity_pool_id = test_pool();
        req.push_sync = &push;
        req.cognito_streams = &streams;
        CHECK_OK(cognito_sync_set_identity_pool_configuration(dev, &req, &out, &err), err);
        CHECK_STR(cognito_sync_set_identity_pool_configuration_output_identity_pool_id(out),
                  test_pool());
        ps = cognito_sync_set_identity_pool_configuration_output_push_sync(out);
        CHECK(cognito_sync_push_sync_application_arn_count(ps) == 1);
        CHECK_STR(cognito_sync_push_sync_application_arn(ps, 0), arns[0]);
        CHECK(cognito_sync_push_sync_application_arn(ps, 1) == NULL);
        CHECK_STR(cognito_sync_push_sync_role_arn(ps), push.role_arn);
        cs = cognito_sync_set_identity_pool_configuration_output_cognito_streams(out);
        CHECK_STR(cognito_sync_cognito_streams_stream_name(cs), "game-stream");
        CHECK_STR(cognito_sync_cognito_streams_role_arn(cs), streams.role_arn);
        CHECK_STR(cognito_sync_cognito_streams_streaming_status(cs), "ENABLED");
        cognito_sync_set_identity_pool_configuration_output_free(out);
    }
    {
        cognito_sync_get_identity_pool_configuration_request req = {0};
        cognito_sync_get_identity_pool_configuration_output *out = NULL;
        req.identity_pool_id = test_pool();
        CHECK_OK(cognito_sync_get_identity_pool_configuration(dev, &req, &out, &err), err);
        CHECK_STR(cognito_sync_get_identity_pool_configuration_output_identity_pool_id(out),
                  test_pool());
        CHECK_STR(cognito_sync_push_sync_application_arn(
                      cognito_sync_get_identity_pool_configuration_output_push_sync(out), 0),
                  arns[0]);
        CHECK_STR(cognito_sync_cognito_streams_streaming_status(
                      cognito_sync_get_identity_pool_configuration_output_cognito_streams(out)),
                  "ENABLED");
        cognito_sync_get_identity_pool_configuration_output_free(out);
    }
    {
        cognito_sync_cognito_event event = {"SyncTrigger",
                                            "arn:aws:lambda:us-east-1:123456789012:function:f"};
        cognito_sync_set_cognito_events_request set = {0};
        cognito_sync_get_cognito_events_request get = {0};
        cognito_sync_get_cognito_events_output *out = NULL;
        set.identity_pool_id = test_pool();
        set.events = &event;
        set.event_count = 1;
        CHECK_OK(cognito_sync_set_cognito_events(dev, &set, &err), err);
        get.identity_pool_id = test_pool();
        CHECK_OK(cognito_sync_get_cognito_events(dev, &get, &out, &err), err);
        CHECK(cognito_sync_get_cognito_events_output_event_count(out) == 1);
        CHECK_STR(cognito_sync_get_cognito_events_output_event_type(out, 0), "SyncTrigger");
        CHECK_STR(cognito_sync_get_cognito_events_output_event_lambda_function_arn(out, 0),
                  event.lambda_function_arn);
        CHECK(cognito_sync_get_cognito_events_output_event_type(out, 1) == NULL);
        CHECK(cognito_sync_get_cognito_events_output_event_lambda_function_arn(out, 1) == NULL);
        cognito_sync_get_cognito_events_output_free(out);
    }
    {
        cognito_sync_register_device_request req = {0};
        cognito_sync_register_device_output *out = NULL;
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.platform = "GCM";
        req.token = "push-token-123";
        CHECK_OK(cognito_sync_register_device(user, &req, &out, &err), err);
        CHECK(cognito_sync_register_device_output_device_id(out) != NULL);
        snprintf(device, sizeof device, "%s",
                 cognito_sync_register_device_output_device_id(out)
                     ? cognito_sync_register_device_output_device_id(out)
                     : "");
        cognito_sync_register_device_output_free(out);
    }
    unique_name(dataset, sizeof dataset, "push");
    {
        /* Subscribing needs the dataset to exist. */
        cognito_sync_list_records_request lreq = {0};
        cognito_sync_list_records_output *page = NULL;
        cognito_sync_update_records_request ureq = {0};
        cognito_sync_update_records_output *out = NULL;
        cognito_sync_record_patch patch = {0};
        lreq.identity_pool_id = test_pool();
        lreq.identity_id = identity;
        lreq.dataset_name = dataset;
        CHECK_OK(cognito_sync_list_records(user, &lreq, &page, &err), err);
        patch.key = "k";
        patch.value = "v";
        ureq.identity_pool_id = test_pool();
        ureq.identity_id = identity;
        ureq.dataset_name = dataset;
        ureq.device_id = device;
        ureq.record_patches = &patch;
        ureq.record_patch_count = 1;
        ureq.sync_session_token = cognito_sync_list_records_output_sync_session_token(page);
        CHECK_OK(cognito_sync_update_records(user, &ureq, &out, &err), err);
        cognito_sync_update_records_output_free(out);
        cognito_sync_list_records_output_free(page);
    }
    {
        cognito_sync_subscribe_to_dataset_request sub = {0};
        cognito_sync_unsubscribe_from_dataset_request unsub = {0};
        sub.identity_pool_id = test_pool();
        sub.identity_id = identity;
        sub.dataset_name = dataset;
        sub.device_id = device;
        CHECK_OK(cognito_sync_subscribe_to_dataset(user, &sub, &err), err);
        unsub.identity_pool_id = test_pool();
        unsub.identity_id = identity;
        unsub.dataset_name = dataset;
        unsub.device_id = device;
        CHECK_OK(cognito_sync_unsubscribe_from_dataset(user, &unsub, &err), err);
    }
    {
        cognito_sync_bulk_publish_request req = {0};
        cognito_sync_bulk_publish_output *out = NULL;
        cognito_sync_get_bulk_publish_details_request dreq = {0};
        cognito_sync_get_bulk_publish_details_output *details = NULL;
        const char *status;
        req.identity_pool_id = test_pool();
        CHECK_OK(cognito_sync_bulk_publish(dev, &req, &out, &err), err);
        CHECK_STR(cognito_sync_bulk_publish_output_identity_pool_id(out), test_pool());
        cognito_sync_bulk_publish_output_free(out);
        dreq.identity_pool_id = test_pool();
        CHECK_OK(cognito_sync_get_bulk_publish_details(dev, &dreq, &details, &err), err);
        CHECK_STR(cognito_sync_get_bulk_publish_details_output_identity_pool_id(details),
                  test_pool());
        status = cognito_sync_get_bulk_publish_details_output_bulk_publish_status(details);
        CHECK(status != NULL &&
              (strcmp(status, "IN_PROGRESS") == 0 || strcmp(status, "SUCCEEDED") == 0));
        CHECK(cognito_sync_get_bulk_publish_details_output_bulk_publish_start_time(details,
                                                                                   &value) &&
              value > 0);
        CHECK(cognito_sync_get_bulk_publish_details_output_failure_message(details) == NULL);
        cognito_sync_get_bulk_publish_details_output_free(details);

        /* It completes: poll GetBulkPublishDetails until SUCCEEDED. */
        {
            int tries;
            int done = 0;
            for (tries = 0; tries < 100 && !done; tries++) {
                CHECK_OK(cognito_sync_get_bulk_publish_details(dev, &dreq, &details, &err), err);
                status = cognito_sync_get_bulk_publish_details_output_bulk_publish_status(details);
                if (status != NULL && strcmp(status, "SUCCEEDED") == 0) {
                    done = 1;
                    CHECK(cognito_sync_get_bulk_publish_details_output_bulk_publish_complete_time(
                        details, &value));
                }
                cognito_sync_get_bulk_publish_details_output_free(details);
                if (!done) {
                    sleep_ms(50);
                }
            }
            CHECK(done);
        }
    }
}

int main(void) {
    dev = dev_client(test_endpoint());
    user = identity_client(test_endpoint(), &identity);
    RUN(test_records_and_pagination);
    RUN(test_datasets_and_usage);
    RUN(test_pool_usage);
    RUN(test_pool_configuration_events_push_and_bulk);
    cognito_sync_string_free(identity);
    cognito_sync_client_free(user);
    cognito_sync_client_free(dev);
    return harness_summary("test_operations");
}
