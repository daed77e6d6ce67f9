/* Non-blocking calls: every operation started and polled from a frame loop,
 * wait with a timeout, cancel by freeing, completion callbacks (thread,
 * user_data, re-entrancy), freeing a client cancels its work and silences its
 * callbacks, finish misuse, many concurrent operations from one thread. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#include "harness.h"

static const char *pool2(void) { return env_or_die("CS_TEST_POOL_2"); }

/* Polls every handle once per "frame" until none is pending; returns frames. */
static int run_frames(cognito_sync_op **ops, size_t n) {
    int frames = 0;
    for (;;) {
        size_t i;
        size_t pending = 0;
        for (i = 0; i < n; i++) {
            if (cognito_sync_op_poll(ops[i]) == COGNITO_SYNC_STATUS_PENDING) {
                pending++;
            }
        }
        if (pending == 0 || frames > 20000) {
            return frames;
        }
        frames++;
        sleep_ms(1); /* the rest of the frame */
    }
}

static void test_every_operation_from_a_frame_loop(void) {
    cognito_sync_client *dev = dev_client(test_endpoint());
    char *identity = NULL;
    cognito_sync_client *user = identity_client_for(test_endpoint(), pool2(), &identity);
    cognito_sync_error *err = NULL;
    cognito_sync_op *ops[8];
    char dataset[64];
    char token[1024] = "";
    char device[256] = "";
    const char *arns[1] = {"arn:aws:sns:us-east-1:123456789012:app/APNS/game"};
    cognito_sync_push_sync_input push = {0};
    cognito_sync_cognito_streams_input streams = {0};
    cognito_sync_cognito_event event = {"SyncTrigger",
                                        "arn:aws:lambda:us-east-1:123456789012:function:f"};
    size_t i;

    unique_name(dataset, sizeof dataset, "nb");
    push.application_arns = arns;
    push.application_arn_count = 1;
    push.role_arn = "arn:aws:iam::123456789012:role/push";
    streams.stream_name = "s";
    streams.role_arn = "arn:aws:iam::123456789012:role/streams";
    streams.streaming_status = "ENABLED";

    /* Frame batch 1: reads and the pool configuration. */
    {
        cognito_sync_list_records_request lr = {0};
        cognito_sync_list_datasets_request ld = {0};
        cognito_sync_describe_identity_usage_request diu = {0};
        cognito_sync_describe_identity_pool_usage_request dipu = {0};
        cognito_sync_list_identity_pool_usage_request lipu = {0};
        cognito_sync_set_identity_pool_configuration_request sipc = {0};
        cognito_sync_get_cognito_events_request gce = {0};
        lr.identity_pool_id = pool2();
        lr.identity_id = identity;
        lr.dataset_name = dataset;
        ld.identity_pool_id = pool2();
        ld.identity_id = identity;
        diu.identity_pool_id = pool2();
        diu.identity_id = identity;
        dipu.identity_pool_id = pool2();
        sipc.identity_pool_id = pool2();
        sipc.push_sync = &push;
        sipc.cognito_streams = &streams;
        gce.identity_pool_id = pool2();
        CHECK_OK(cognito_sync_list_records_start(user, &lr, NULL, NULL, &ops[0], &err), err);
        CHECK_OK(cognito_sync_list_datasets_start(user, &ld, NULL, NULL, &ops[1], &err), err);
        CHECK_OK(cognito_sync_describe_identity_usage_start(user, &diu, NULL, NULL, &ops[2], &err),
                 err);
        CHECK_OK(cognito_sync_describe_identity_pool_usage_start(dev, &dipu, NULL, NULL, &ops[3],
                                                                 &err),
                 err);
        CHECK_OK(
            cognito_sync_list_identity_pool_usage_start(dev, &lipu, NULL, NULL, &ops[4], &err),
            err);
        CHECK_OK(cognito_sync_set_identity_pool_configuration_start(dev, &sipc, NULL, NULL,
                                                                    &ops[5], &err),
                 err);
        CHECK_OK(cognito_sync_get_cognito_events_start(dev, &gce, NULL, NULL, &ops[6], &err), err);
        /* The request structs may go away now: they were read by _start. */
    }
    run_frames(ops, 7);
    for (i = 0; i < 7; i++) {
        CHECK_STATUS(cognito_sync_op_poll(ops[i]), COGNITO_SYNC_STATUS_OK, NULL);
    }
    {
        cognito_sync_list_records_output *lr = NULL;
        cognito_sync_list_datasets_output *ld = NULL;
        cognito_sync_describe_identity_usage_output *diu = NULL;
        cognito_sync_describe_identity_pool_usage_output *dipu = NULL;
        cognito_sync_list_identity_pool_usage_output *lipu = NULL;
        cognito_sync_set_identity_pool_configuration_output *sipc = NULL;
        cognito_sync_get_cognito_events_output *gce = NULL;
        CHECK_OK(cognito_sync_list_records_finish(ops[0], &lr, &err), err);
        CHECK(cognito_sync_list_records_output_sync_session_token(lr) != NULL);
        snprintf(token, sizeof token, "%s", cognito_sync_list_records_output_sync_session_token(lr));
        CHECK_OK(cognito_sync_list_datasets_finish(ops[1], &ld, &err), err);
        CHECK(ld != NULL);
        CHECK_OK(cognito_sync_describe_identity_usage_finish(ops[2], &diu, &err), err);
        CHECK_STR(cognito_sync_identity_usage_identity_id(
                      cognito_sync_describe_identity_usage_output_identity_usage(diu)),
                  identity);
        CHECK_OK(cognito_sync_describe_identity_pool_usage_finish(ops[3], &dipu, &err), err);
        CHECK_STR(cognito_sync_identity_pool_usage_identity_pool_id(
                      cognito_sync_describe_identity_pool_usage_output_identity_pool_usage(dipu)),
                  pool2());
        CHECK_OK(cognito_sync_list_identity_pool_usage_finish(ops[4], &lipu, &err), err);
        CHECK(cognito_sync_list_identity_pool_usage_output_identity_pool_usage_count(lipu) >= 1);
        CHECK_OK(cognito_sync_set_identity_pool_configuration_finish(ops[5], &sipc, &err), err);
        CHECK_STR(cognito_sync_set_identity_pool_configuration_output_identity_pool_id(sipc),
                  pool2());
        CHECK_OK(cognito_sync_get_cognito_events_finish(ops[6], &gce, &err), err);
        CHECK(cognito_sync_get_cognito_events_output_event_count(gce) == 0);
        cognito_sync_list_records_output_free(lr);
        cognito_sync_list_datasets_output_free(ld);
        cognito_sync_describe_identity_usage_output_free(diu);
        cognito_sync_describe_identity_pool_usage_output_free(dipu);
        cognito_sync_list_identity_pool_usage_output_free(lipu);
        cognito_sync_set_identity_pool_configuration_output_free(sipc);
        cognito_sync_get_cognito_events_output_free(gce);
        for (i = 0; i < 7; i++) {
            cognito_sync_op_free(ops[i]);
        }
    }

    /* Frame batch 2: writes that need batch 1. */
    {
        cognito_sync_record_patch patch = {0};
        cognito_sync_update_records_request ur = {0};
        cognito_sync_get_identity_pool_configuration_request gipc = {0};
        cognito_sync_set_cognito_events_request sce = {0};
        cognito_sync_register_device_request rd = {0};
        cognito_sync_bulk_publish_request bp = {0};
        patch.key = "level";
        patch.value = "7";
        ur.identity_pool_id = pool2();
        ur.identity_id = identity;
        ur.dataset_name = dataset;
        ur.record_patches = &patch;
        ur.record_patch_count = 1;
        ur.sync_session_token = token;
        gipc.identity_pool_id = pool2();
        sce.identity_pool_id = pool2();
        sce.events = &event;
        sce.event_count = 1;
        rd.identity_pool_id = pool2();
        rd.identity_id = identity;
        rd.platform = "APNS";
        rd.token = "apns-token";
        bp.identity_pool_id = pool2();
        CHECK_OK(cognito_sync_update_records_start(user, &ur, NULL, NULL, &ops[0], &err), err);
        CHECK_OK(cognito_sync_get_identity_pool_configuration_start(dev, &gipc, NULL, NULL,
                                                                    &ops[1], &err),
                 err);
        CHECK_OK(cognito_sync_set_cognito_events_start(dev, &sce, NULL, NULL, &ops[2], &err), err);
        CHECK_OK(cognito_sync_register_device_start(user, &rd, NULL, NULL, &ops[3], &err), err);
        CHECK_OK(cognito_sync_bulk_publish_start(dev, &bp, NULL, NULL, &ops[4], &err), err);
    }
    run_frames(ops, 5);
    {
        cognito_sync_update_records_output *ur = NULL;
        cognito_sync_get_identity_pool_configuration_output *gipc = NULL;
        cognito_sync_register_device_output *rd = NULL;
        cognito_sync_bulk_publish_output *bp = NULL;
        CHECK_OK(cognito_sync_update_records_finish(ops[0], &ur, &err), err);
        CHECK(cognito_sync_update_records_output_record_count(ur) == 1);
        CHECK_OK(cognito_sync_get_identity_pool_configuration_finish(ops[1], &gipc, &err), err);
        CHECK_STR(cognito_sync_push_sync_role_arn(
                      cognito_sync_get_identity_pool_configuration_output_push_sync(gipc)),
                  push.role_arn);
        CHECK_OK(cognito_sync_set_cognito_events_finish(ops[2], &err), err);
        CHECK_OK(cognito_sync_register_device_finish(ops[3], &rd, &err), err);
        if (cognito_sync_register_device_output_device_id(rd) != NULL) {
            snprintf(device, sizeof device, "%s", cognito_sync_register_device_output_device_id(rd));
        }
        CHECK(device[0] != '\0');
        CHECK_OK(cognito_sync_bulk_publish_finish(ops[4], &bp, &err), err);
        CHECK_STR(cognito_sync_bulk_publish_output_identity_pool_id(bp), pool2());
        cognito_sync_update_records_output_free(ur);
        cognito_sync_get_identity_pool_configuration_output_free(gipc);
        cognito_sync_register_device_output_free(rd);
        cognito_sync_bulk_publish_output_free(bp);
        for (i = 0; i < 5; i++) {
            cognito_sync_op_free(ops[i]);
        }
    }

    /* Frame batch 3. */
    {
        cognito_sync_describe_dataset_request dd = {0};
        cognito_sync_subscribe_to_dataset_request sub = {0};
        cognito_sync_get_cognito_events_request gce = {0};
        cognito_sync_get_bulk_publish_details_request gbpd = {0};
        dd.identity_pool_id = pool2();
        dd.identity_id = identity;
        dd.dataset_name = dataset;
        sub.identity_pool_id = pool2();
        sub.identity_id = identity;
        sub.dataset_name = dataset;
        sub.device_id = device;
        gce.identity_pool_id = pool2();
        gbpd.identity_pool_id = pool2();
        CHECK_OK(cognito_sync_describe_dataset_start(user, &dd, NULL, NULL, &ops[0], &err), err);
        CHECK_OK(cognito_sync_subscribe_to_dataset_start(user, &sub, NULL, NULL, &ops[1], &err),
                 err);
        CHECK_OK(cognito_sync_get_cognito_events_start(dev, &gce, NULL, NULL, &ops[2], &err), err);
        CHECK_OK(cognito_sync_get_bulk_publish_details_start(dev, &gbpd, NULL, NULL, &ops[3], &err),
                 err);
    }
    run_frames(ops, 4);
    {
        cognito_sync_describe_dataset_output *dd = NULL;
        cognito_sync_get_cognito_events_output *gce = NULL;
        cognito_sync_get_bulk_publish_details_output *gbpd = NULL;
        int64_t n = 0;
        CHECK_OK(cognito_sync_describe_dataset_finish(ops[0], &dd, &err), err);
        CHECK(cognito_sync_dataset_metadata_num_records(cognito_sync_describe_dataset_output_dataset(dd),
                                               &n) &&
              n == 1);
        CHECK_OK(cognito_sync_subscribe_to_dataset_finish(ops[1], &err), err);
        CHECK_OK(cognito_sync_get_cognito_events_finish(ops[2], &gce, &err), err);
        CHECK(cognito_sync_get_cognito_events_output_event_count(gce) == 1);
        CHECK_OK(cognito_sync_get_bulk_publish_details_finish(ops[3], &gbpd, &err), err);
        CHECK(cognito_sync_get_bulk_publish_details_output_bulk_publish_status(gbpd) != NULL);
        cognito_sync_describe_dataset_output_free(dd);
        cognito_sync_get_cognito_events_output_free(gce);
        cognito_sync_get_bulk_publish_details_output_free(gbpd);
        for (i = 0; i < 4; i++) {
            cognito_sync_op_free(ops[i]);
        }
    }

    /* Frame batch 4. */
    {
        cognito_sync_unsubscribe_from_dataset_request unsub = {0};
        cognito_sync_delete_dataset_request del = {0};
        cognito_sync_delete_dataset_output *out = NULL;
        unsub.identity_pool_id = pool2();
        unsub.identity_id = identity;
        unsub.dataset_name = dataset;
        unsub.device_id = device;
        CHECK_OK(cognito_sync_unsubscribe_from_dataset_start(user, &unsub, NULL, NULL, &ops[0],
                                                             &err),
                 err);
        CHECK_STATUS(cognito_sync_op_wait(ops[0], -1), COGNITO_SYNC_STATUS_OK, NULL);
        CHECK_OK(cognito_sync_unsubscribe_from_dataset_finish(ops[0], &err), err);
        cognito_sync_op_free(ops[0]);
        del.identity_pool_id = pool2();
        del.identity_id = identity;
        del.dataset_name = dataset;
        CHECK_OK(cognito_sync_delete_dataset_start(user, &del, NULL, NULL, &ops[0], &err), err);
        CHECK_STATUS(cognito_sync_op_wait(ops[0], 10000), COGNITO_SYNC_STATUS_OK, NULL);
        CHECK_OK(cognito_sync_delete_dataset_finish(ops[0], &out, &err), err);
        CHECK_STR(cognito_sync_dataset_metadata_dataset_name(cognito_sync_delete_dataset_output_dataset(out)),
                  dataset);
        cognito_sync_delete_dataset_output_free(out);
        cognito_sync_op_free(ops[0]);
    }

    /* The identity id, non-blocking. */
    {
        char *id = NULL;
        CHECK_OK(cognito_sync_client_identity_id_start(user, NULL, NULL, &ops[0], &err), err);
        CHECK_STATUS(cognito_sync_op_wait(ops[0], -1), COGNITO_SYNC_STATUS_OK, NULL);
        CHECK_OK(cognito_sync_client_identity_id_finish(ops[0], &id, &err), err);
        CHECK_STR(id, identity);
        CHECK_STR(cognito_sync_op_name(ops[0]), "client_identity_id");
        cognito_sync_string_free(id);
        cognito_sync_op_free(ops[0]);
    }
    cognito_sync_string_free(identity);
    cognito_sync_client_free(user);
    cognito_sync_client_free(dev);
}

/* finish: PENDING while running, the error of a failed call, ALREADY_USED,
 * WRONG_OPERATION; nothing written on failure. */
static void test_finish_rules(void) {
    cognito_sync_client *slow = dev_client(test_fault_endpoint());
    cognito_sync_client *dev = dev_client(test_endpoint());
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    cognito_sync_get_cognito_events_request gce = {0};
    cognito_sync_get_cognito_events_output *out = (cognito_sync_get_cognito_events_output *)&op;
    cognito_sync_get_cognito_events_output *const sentinel = out;
    cognito_sync_describe_dataset_request dd = {0};
    cognito_sync_describe_dataset_output *dd_out = NULL;

    gce.identity_pool_id = test_pool(); /* delayed 3 s by the fault emulator */
    CHECK_OK(cognito_sync_get_cognito_events_start(slow, &gce, NULL, NULL, &op, &err), err);
    CHECK_STR(cognito_sync_op_name(op), "get_cognito_events");
    CHECK_STATUS(cognito_sync_op_poll(op), COGNITO_SYNC_STATUS_PENDING, NULL);
    CHECK_STATUS(cognito_sync_op_wait(op, 0), COGNITO_SYNC_STATUS_PENDING, NULL);
    CHECK_STATUS(cognito_sync_op_wait(op, 20), COGNITO_SYNC_STATUS_PENDING, NULL);
    CHECK_STATUS(cognito_sync_get_cognito_events_finish(op, &out, &err),
                 COGNITO_SYNC_STATUS_PENDING, err);
    CHECK(err == NULL); /* pending is not a failure: no error object */
    CHECK(out == sentinel);
    /* Freeing it cancels the request. */
    cognito_sync_op_free(op);
    op = NULL;

    dd.identity_pool_id = test_pool();
    dd.identity_id = "us-east-1:00000000-0000-0000-0000-0000000000aa";
    dd.dataset_name = "does-not-exist";
    CHECK_OK(cognito_sync_describe_dataset_start(dev, &dd, NULL, NULL, &op, &err), err);
    CHECK_STATUS(cognito_sync_op_wait(op, -1), COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND, NULL);
    CHECK_STATUS(cognito_sync_get_cognito_events_finish(op, &out, &err),
                 COGNITO_SYNC_STATUS_WRONG_OPERATION, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(out == sentinel);
    CHECK_STATUS(cognito_sync_describe_dataset_finish(op, &dd_out, &err),
                 COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND, err);
    CHECK(err != NULL);
    CHECK_STR(cognito_sync_error_code(err), "ResourceNotFoundException");
    CHECK(cognito_sync_error_http_status(err) == 404);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(dd_out == NULL);
    CHECK_STATUS(cognito_sync_describe_dataset_finish(op, &dd_out, &err),
                 COGNITO_SYNC_STATUS_ALREADY_USED, err);
    cognito_sync_error_free(err);
    err = NULL;
    /* poll still reports the final status after the result was taken */
    CHECK_STATUS(cognito_sync_op_poll(op), COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND, NULL);
    cognito_sync_op_free(op);

    cognito_sync_client_free(slow);
    cognito_sync_client_free(dev);
}

/* ---- callbacks ---------------------------------------------------------- */

struct callback_probe {
    pthread_mutex_t lock;
    pthread_cond_t done;
    int calls;
    int on_main_thread;
    void *user_data_seen;
    cognito_sync_status status;
    cognito_sync_status finish_status;
    cognito_sync_status blocking_status;
    cognito_sync_status wait_status;
    cognito_sync_status identity_status;
    cognito_sync_status start_status;
    cognito_sync_op *started_inside;
    size_t records;
    int free_self;
    cognito_sync_client *client;
    cognito_sync_op *other;
};

static pthread_t main_thread;

static void probe_init(struct callback_probe *p) {
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->done, NULL);
}

static void probe_destroy(struct callback_probe *p) {
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->done);
}

/* Waits up to ~10 s for `calls` callbacks; returns how many happened. */
static int probe_wait(struct callback_probe *p, int calls) {
    int got;
    int rounds = 0;
    pthread_mutex_lock(&p->lock);
    while (p->calls < calls && rounds < 1000) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 10 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec += 1;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p->done, &p->lock, &until);
        rounds++;
    }
    got = p->calls;
    pthread_mutex_unlock(&p->lock);
    return got;
}

static int probe_calls(struct callback_probe *p) {
    int calls;
    pthread_mutex_lock(&p->lock);
    calls = p->calls;
    pthread_mutex_unlock(&p->lock);
    return calls;
}

/* Completion callback: records where and how it ran, takes the result, tries
 * what is forbidden (blocking) and what is allowed (start, poll, free). */
static void on_done(void *user_data, cognito_sync_op *op, cognito_sync_status status) {
    struct callback_probe *p = (struct callback_probe *)user_data;
    cognito_sync_list_records_output *out = NULL;
    cognito_sync_error *err = NULL;
    pthread_mutex_lock(&p->lock);
    p->user_data_seen = user_data;
    p->on_main_thread = pthread_equal(pthread_self(), main_thread);
    p->status = status;
    p->finish_status = cognito_sync_list_records_finish(op, &out, &err);
    p->records = cognito_sync_list_records_output_record_count(out);
    cognito_sync_list_records_output_free(out);
    cognito_sync_error_free(err);
    if (p->client != NULL) {
        /* A blocking call here would deadlock a worker: refused. */
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *usage = NULL;
        char *id = NULL;
        cognito_sync_list_records_request again = {0};
        req.identity_pool_id = test_pool();
        p->blocking_status =
            cognito_sync_describe_identity_pool_usage(p->client, &req, &usage, NULL);
        p->identity_status = cognito_sync_client_identity_id(p->client, &id, NULL);
        p->wait_status = cognito_sync_op_wait(op, 100);
        /* Starting another operation is fine. */
        again.identity_pool_id = "us-east-1:00000000-0000-0000-0000-000000000001";
        again.identity_id = "us-east-1:00000000-0000-0000-0000-0000000000aa";
        again.dataset_name = "from-callback";
        p->start_status =
            cognito_sync_list_records_start(p->client, &again, NULL, NULL, &p->started_inside, NULL);
    }
    p->calls++;
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->lock);
    if (p->free_self) {
        cognito_sync_op_free(op); /* freeing its own handle from its callback is allowed */
    }
}

/* Host dispatch: a finished operation's callback waits for the pump and runs
 * on the pumping thread; freed operations are skipped; plain clients refuse. */
static void test_host_dispatch(void) {
    cognito_sync_client *dev = dev_client_host_dispatch(test_endpoint());
    cognito_sync_client *plain = dev_client(test_endpoint());
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    cognito_sync_op *dropped = NULL;
    struct callback_probe probe;
    cognito_sync_list_records_request req = {0};
    size_t ran = 99;

    probe_init(&probe);
    req.identity_pool_id = test_pool();
    req.identity_id = "us-east-1:00000000-0000-0000-0000-0000000000aa";
    req.dataset_name = "host-dispatch";
    CHECK_OK(cognito_sync_list_records_start(dev, &req, on_done, &probe, &op, &err), err);
    CHECK_STATUS(cognito_sync_op_wait(op, 10000), COGNITO_SYNC_STATUS_OK, NULL);
    sleep_ms(100);
    CHECK(probe_calls(&probe) == 0); /* finished, but no library thread ran it */
    CHECK_OK(cognito_sync_client_dispatch(dev, 0, &ran, &err), err);
    CHECK(ran == 0 && probe_calls(&probe) == 0);
    CHECK_OK(cognito_sync_client_dispatch(dev, 8, &ran, &err), err);
    CHECK(ran == 1 && probe_calls(&probe) == 1);
    CHECK(probe.on_main_thread);
    CHECK_STATUS(probe.status, COGNITO_SYNC_STATUS_OK, NULL);
    CHECK_STATUS(probe.finish_status, COGNITO_SYNC_STATUS_OK, NULL);
    CHECK_OK(cognito_sync_client_dispatch(dev, 8, &ran, &err), err);
    CHECK(ran == 0);
    /* Freed before the pump: its callback never runs. */
    CHECK_OK(cognito_sync_list_records_start(dev, &req, on_done, &probe, &dropped, &err), err);
    CHECK_STATUS(cognito_sync_op_wait(dropped, 10000), COGNITO_SYNC_STATUS_OK, NULL);
    cognito_sync_op_free(dropped);
    CHECK_OK(cognito_sync_client_dispatch(dev, 8, NULL, &err), err);
    CHECK(probe_calls(&probe) == 1);
    CHECK_STATUS(cognito_sync_client_dispatch(plain, 1, &ran, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    cognito_sync_op_free(op);
    cognito_sync_client_free(plain);
    cognito_sync_client_free(dev);
    probe_destroy(&probe);
}

/* Completion of a sync manager's non-blocking synchronize: where and how it ran. */
struct sync_probe {
    int calls;
    int on_main_thread;
    cognito_sync_status status;
};

static void on_synced(void *user_data, cognito_sync_op *op, cognito_sync_status status) {
    struct sync_probe *p = (struct sync_probe *)user_data;
    (void)op;
    p->on_main_thread = pthread_equal(pthread_self(), main_thread);
    p->status = status;
    p->calls++;
}

/* A sync manager built with a host-dispatch client queues the completions of its
 * non-blocking calls for the same pump. */
static void test_host_dispatch_sync_manager(void) {
    cognito_sync_client *dev = dev_client_host_dispatch(test_endpoint());
    cognito_sync_manager_options options;
    cognito_sync_manager *manager = NULL;
    cognito_sync_dataset *ds = NULL;
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    cognito_sync_sync_report *report = NULL;
    struct sync_probe probe = {0, 0, COGNITO_SYNC_STATUS_INTERNAL};
    size_t ran = 99;
    char dataset[64];

    unique_name(dataset, sizeof dataset, "hd-sync");
    memset(&options, 0, sizeof options);
    options.client = dev;
    options.identity_pool_id = test_pool();
    options.identity_id = "us-east-1:00000000-0000-0000-0000-0000000000ab";
    CHECK_OK(cognito_sync_manager_new(&options, &manager, &err), err);
    CHECK_OK(cognito_sync_manager_open_dataset(manager, dataset, &ds, &err), err);
    CHECK_OK(cognito_sync_dataset_put(ds, "k", "v", &err), err);
    CHECK_OK(cognito_sync_dataset_synchronize_start(ds, on_synced, &probe, &op, &err), err);
    CHECK_STATUS(cognito_sync_op_wait(op, 10000), COGNITO_SYNC_STATUS_OK, NULL);
    sleep_ms(100);
    CHECK(probe.calls == 0); /* finished, but no library thread ran it */
    CHECK_OK(cognito_sync_client_dispatch(dev, 8, &ran, &err), err);
    CHECK(ran == 1 && probe.calls == 1);
    CHECK(probe.on_main_thread);
    CHECK_STATUS(probe.status, COGNITO_SYNC_STATUS_OK, NULL);
    CHECK_OK(cognito_sync_dataset_synchronize_finish(op, &report, &err), err);
    CHECK(cognito_sync_sync_report_pushed(report) == 1);
    cognito_sync_sync_report_free(report);
    cognito_sync_op_free(op);
    cognito_sync_dataset_free(ds);
    cognito_sync_manager_free(manager);
    cognito_sync_client_free(dev);
}

static void test_callbacks(void) {
    cognito_sync_client *dev = dev_client(test_endpoint());
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    struct callback_probe probe;
    cognito_sync_list_records_request req = {0};

    probe_init(&probe);
    probe.client = dev;
    req.identity_pool_id = test_pool();
    req.identity_id = "us-east-1:00000000-0000-0000-0000-0000000000aa";
    req.dataset_name = "callbacks";
    CHECK_OK(cognito_sync_list_records_start(dev, &req, on_done, &probe, &op, &err), err);
    CHECK(probe_wait(&probe, 1) == 1);
    CHECK(probe.user_data_seen == &probe);
    CHECK(!probe.on_main_thread);
    CHECK_STATUS(probe.status, COGNITO_SYNC_STATUS_OK, NULL);
    CHECK_STATUS(probe.finish_status, COGNITO_SYNC_STATUS_OK, NULL);
    CHECK(probe.records == 0);
    CHECK_STATUS(probe.blocking_status, COGNITO_SYNC_STATUS_REENTRANT_CALL, NULL);
    CHECK_STATUS(probe.identity_status, COGNITO_SYNC_STATUS_REENTRANT_CALL, NULL);
    CHECK_STATUS(probe.wait_status, COGNITO_SYNC_STATUS_REENTRANT_CALL, NULL);
    CHECK_STATUS(probe.start_status, COGNITO_SYNC_STATUS_OK, NULL);
    CHECK(probe.started_inside != NULL);
    CHECK_STATUS(cognito_sync_op_wait(probe.started_inside, -1), COGNITO_SYNC_STATUS_OK, NULL);
    cognito_sync_op_free(probe.started_inside);
    /* After the callback the result is gone: it took it. */
    CHECK_STATUS(cognito_sync_list_records_finish(op, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT,
                 err);
    cognito_sync_error_free(err);
    err = NULL;
    {
        cognito_sync_list_records_output *out = NULL;
        CHECK_STATUS(cognito_sync_list_records_finish(op, &out, &err),
                     COGNITO_SYNC_STATUS_ALREADY_USED, err);
        cognito_sync_error_free(err);
        err = NULL;
    }
    cognito_sync_op_free(op);
    probe_destroy(&probe);

    /* A callback may free its own handle. */
    probe_init(&probe);
    probe.free_self = 1;
    CHECK_OK(cognito_sync_list_records_start(dev, &req, on_done, &probe, &op, &err), err);
    CHECK(probe_wait(&probe, 1) == 1);
    sleep_ms(20);
    probe_destroy(&probe);

    /* A failing operation calls back too, with its status. Client-side
     * validation runs in the operation, so _start succeeds. */
    probe_init(&probe);
    req.dataset_name = "bad name!";
    CHECK_OK(cognito_sync_list_records_start(dev, &req, on_done, &probe, &op, &err), err);
    CHECK(probe_wait(&probe, 1) == 1);
    CHECK_STATUS(probe.status, COGNITO_SYNC_STATUS_VALIDATION, NULL);
    CHECK_STATUS(probe.finish_status, COGNITO_SYNC_STATUS_VALIDATION, NULL);
    cognito_sync_op_free(op);
    probe_destroy(&probe);
    cognito_sync_client_free(dev);
}

/* Freeing an operation before it completes: cancelled, never called back. */
static void test_free_cancels_and_silences(void) {
    cognito_sync_client *slow = dev_client(test_fault_endpoint());
    cognito_sync_error *err = NULL;
    struct callback_probe probe;
    cognito_sync_op *op = NULL;
    cognito_sync_list_identity_pool_usage_request req = {0}; /* delayed 300 ms */

    probe_init(&probe);
    CHECK_OK(cognito_sync_list_identity_pool_usage_start(slow, &req, on_done, &probe, &op, &err),
             err);
    cognito_sync_op_free(op);
    sleep_ms(700);
    CHECK(probe_calls(&probe) == 0);

    /* Not freed: it completes and calls back. */
    CHECK_OK(cognito_sync_list_identity_pool_usage_start(slow, &req, on_done, &probe, &op, &err),
             err);
    CHECK(probe_wait(&probe, 1) == 1);
    CHECK_STATUS(probe.status, COGNITO_SYNC_STATUS_OK, NULL);
    CHECK_STATUS(probe.finish_status, COGNITO_SYNC_STATUS_WRONG_OPERATION, NULL);
    cognito_sync_op_free(op);
    probe_destroy(&probe);
    cognito_sync_client_free(slow);
}

struct blocked_call {
    cognito_sync_client *client;
    cognito_sync_status status;
};

static void *blocking_thread(void *arg) {
    struct blocked_call *call = (struct blocked_call *)arg;
    cognito_sync_get_cognito_events_request req = {0}; /* delayed 3 s */
    cognito_sync_get_cognito_events_output *out = NULL;
    req.identity_pool_id = test_pool();
    call->status = cognito_sync_get_cognito_events(call->client, &req, &out, NULL);
    cognito_sync_get_cognito_events_output_free(out);
    return NULL;
}

/* Freeing a client cancels its operations (blocking ones on other threads
 * too) and no callback of it runs afterwards. */
static void test_free_client_cancels(void) {
    cognito_sync_client *slow = dev_client(test_fault_endpoint());
    cognito_sync_error *err = NULL;
    struct callback_probe probe;
    cognito_sync_op *ops[3];
    cognito_sync_list_identity_pool_usage_request req = {0};
    struct blocked_call call;
    pthread_t thread;
    size_t i;

    probe_init(&probe);
    for (i = 0; i < 3; i++) {
        CHECK_OK(cognito_sync_list_identity_pool_usage_start(slow, &req, on_done, &probe, &ops[i],
                                                             &err),
                 err);
    }
    call.client = slow;
    call.status = COGNITO_SYNC_STATUS_OK;
    CHECK(pthread_create(&thread, NULL, blocking_thread, &call) == 0);
    sleep_ms(100); /* let the thread enter its call */
    cognito_sync_client_free(slow);
    pthread_join(thread, NULL);
    CHECK_STATUS(call.status, COGNITO_SYNC_STATUS_CANCELLED, NULL);
    for (i = 0; i < 3; i++) {
        cognito_sync_list_identity_pool_usage_output *out = NULL;
        CHECK_STATUS(cognito_sync_op_wait(ops[i], -1), COGNITO_SYNC_STATUS_CANCELLED, NULL);
        CHECK_STATUS(cognito_sync_list_identity_pool_usage_finish(ops[i], &out, &err),
                     COGNITO_SYNC_STATUS_CANCELLED, err);
        CHECK(err != NULL && cognito_sync_error_status(err) == COGNITO_SYNC_STATUS_CANCELLED);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(out == NULL);
        cognito_sync_op_free(ops[i]);
    }
    sleep_ms(500); /* past the 300 ms the calls would have taken */
    CHECK(probe_calls(&probe) == 0);
    probe_destroy(&probe);
}

/* A game with hundreds of requests in flight, all driven from one thread. */
static void test_many_concurrent_operations_from_one_thread(void) {
    enum { N = 200 };
    cognito_sync_client *dev = dev_client(test_endpoint());
    cognito_sync_error *err = NULL;
    static cognito_sync_op *ops[N];
    cognito_sync_describe_identity_pool_usage_request req = {0};
    size_t i;
    int ok = 0;

    req.identity_pool_id = test_pool();
    for (i = 0; i < N; i++) {
        CHECK_OK(cognito_sync_describe_identity_pool_usage_start(dev, &req, NULL, NULL, &ops[i],
                                                                 &err),
                 err);
    }
    run_frames(ops, N);
    for (i = 0; i < N; i++) {
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        if (cognito_sync_describe_identity_pool_usage_finish(ops[i], &out, &err) ==
            COGNITO_SYNC_STATUS_OK) {
            ok++;
        } else {
            fprintf(stderr, "op %u: %s\n", (unsigned)i, cognito_sync_error_message(err));
            cognito_sync_error_free(err);
            err = NULL;
        }
        cognito_sync_describe_identity_pool_usage_output_free(out);
        cognito_sync_op_free(ops[i]);
    }
    CHECK(ok == N);
    cognito_sync_client_free(dev);
}

int main(void) {
    main_thread = pthread_self();
    RUN(test_every_operation_from_a_frame_loop);
    RUN(test_finish_rules);
    RUN(test_callbacks);
    RUN(test_host_dispatch);
    RUN(test_host_dispatch_sync_manager);
    RUN(test_free_cancels_and_silences);
    RUN(test_free_client_cancels);
    RUN(test_many_concurrent_operations_from_one_thread);
    return harness_summary("test_nonblocking");
}
