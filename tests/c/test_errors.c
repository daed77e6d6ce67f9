/* Every error class reaches C with its status and a complete error object:
 * message, AWS code, HTTP status, request id, retryability. Service errors
 * come from the emulator's real behaviour or from its fault injection
 * (see start_emulators in scripts/test-c.sh). */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"

static const char *pool3(void) { return env_or_die("CS_TEST_POOL_3"); }

static cognito_sync_client *client_with(const char *endpoint, const char *pool,
                                        uint64_t call_timeout_ms) {
    cognito_sync_config *config = cognito_sync_config_new();
    cognito_sync_client *client = NULL;
    CHECK_OK(cognito_sync_config_set_region(config, "us-east-1", NULL), NULL);
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, endpoint, NULL), NULL);
    CHECK_OK(cognito_sync_config_set_max_attempts(config, 1, NULL), NULL);
    if (call_timeout_ms > 0) {
        CHECK_OK(cognito_sync_config_set_call_timeout_ms(config, call_timeout_ms, NULL), NULL);
    }
    if (pool != NULL) {
        CHECK_OK(cognito_sync_config_set_cognito_identity(config, pool, NULL), NULL);
    } else {
        CHECK_OK(cognito_sync_config_set_static_credentials(config, "test", "test", NULL, NULL),
                 NULL);
    }
    CHECK_OK(cognito_sync_client_new(config, &client, NULL), NULL);
    cognito_sync_config_free(config);
    return client;
}

/* Checks the error object of a service error and frees it. */
static void check_service_error(cognito_sync_error **err, cognito_sync_status status,
                                const char *code, uint16_t http, bool retryable) {
    CHECK(*err != NULL);
    if (*err == NULL) {
        return;
    }
    CHECK(cognito_sync_error_status(*err) == status);
    CHECK_STR(cognito_sync_error_code(*err), code);
    CHECK(cognito_sync_error_http_status(*err) == http);
    CHECK(cognito_sync_error_request_id(*err) != NULL &&
          cognito_sync_error_request_id(*err)[0] != '\0');
    CHECK(cognito_sync_error_message(*err) != NULL &&
          cognito_sync_error_message(*err)[0] != '\0');
    CHECK(cognito_sync_error_is_retryable(*err) == retryable);
    cognito_sync_error_free(*err);
    *err = NULL;
}

/* Checks the error object of a client-side error (no response) and frees it. */
static void check_client_error(cognito_sync_error **err, cognito_sync_status status,
                               bool retryable) {
    CHECK(*err != NULL);
    if (*err == NULL) {
        return;
    }
    CHECK(cognito_sync_error_status(*err) == status);
    CHECK(cognito_sync_error_http_status(*err) == 0);
    CHECK(cognito_sync_error_request_id(*err) == NULL);
    CHECK(cognito_sync_error_message(*err) != NULL &&
          cognito_sync_error_message(*err)[0] != '\0');
    CHECK(cognito_sync_error_is_retryable(*err) == retryable);
    cognito_sync_error_free(*err);
    *err = NULL;
}

static void test_client_side_errors(void) {
    cognito_sync_error *err = NULL;
    cognito_sync_client *dev = dev_client(test_endpoint());
    cognito_sync_describe_dataset_request req = {0};
    cognito_sync_describe_dataset_output *out = NULL;
    const char *msg;

    /* Validation: nothing is sent, the message names the field. */
    req.identity_pool_id = test_pool();
    req.identity_id = "us-east-1:00000000-0000-0000-0000-0000000000aa";
    req.dataset_name = "not a valid name!";
    CHECK_STATUS(cognito_sync_describe_dataset(dev, &req, &out, &err),
                 COGNITO_SYNC_STATUS_VALIDATION, err);
    msg = cognito_sync_error_message(err);
    CHECK(msg != NULL && strstr(msg, "dataset") != NULL);
    CHECK(cognito_sync_error_code(err) == NULL);
    check_client_error(&err, COGNITO_SYNC_STATUS_VALIDATION, false);
    CHECK(out == NULL);
    cognito_sync_client_free(dev);

    /* Transport: nothing listens on port 1. */
    dev = dev_client("http://127.0.0.1:1");
    req.dataset_name = "ds";
    CHECK_STATUS(cognito_sync_describe_dataset(dev, &req, &out, &err),
                 COGNITO_SYNC_STATUS_TRANSPORT, err);
    check_client_error(&err, COGNITO_SYNC_STATUS_TRANSPORT, true);
    cognito_sync_client_free(dev);

    /* Transport: the server drops the connection. */
    dev = dev_client(test_fault_endpoint());
    {
        cognito_sync_delete_dataset_request del = {0};
        cognito_sync_delete_dataset_output *dout = NULL;
        del.identity_pool_id = test_pool();
        del.identity_id = req.identity_id;
        del.dataset_name = "ds";
        CHECK_STATUS(cognito_sync_delete_dataset(dev, &del, &dout, &err),
                     COGNITO_SYNC_STATUS_TRANSPORT, err);
        check_client_error(&err, COGNITO_SYNC_STATUS_TRANSPORT, true);
        CHECK(dout == NULL);
    }
    cognito_sync_client_free(dev);

    /* Timeout: the emulator delays GetCognitoEvents by 3 s; the call timeout is 300 ms. */
    dev = client_with(test_fault_endpoint(), NULL, 300);
    {
        cognito_sync_get_cognito_events_request ev = {0};
        cognito_sync_get_cognito_events_output *eout = NULL;
        ev.identity_pool_id = test_pool();
        CHECK_STATUS(cognito_sync_get_cognito_events(dev, &ev, &eout, &err),
                     COGNITO_SYNC_STATUS_TIMEOUT, err);
        CHECK(err != NULL && cognito_sync_error_status(err) == COGNITO_SYNC_STATUS_TIMEOUT);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(eout == NULL);
    }
    cognito_sync_client_free(dev);

    /* Credentials: Cognito Identity refuses an unknown pool. */
    {
        char *id = NULL;
        cognito_sync_client *user = client_with(
            test_endpoint(), "us-east-1:99999999-9999-9999-9999-999999999999", 0);
        CHECK_STATUS(cognito_sync_client_identity_id(user, &id, &err),
                     COGNITO_SYNC_STATUS_CREDENTIALS, err);
        CHECK(id == NULL);
        CHECK(err != NULL && cognito_sync_error_status(err) == COGNITO_SYNC_STATUS_CREDENTIALS);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK_STATUS(cognito_sync_describe_dataset(user, &req, &out, &err),
                     COGNITO_SYNC_STATUS_CREDENTIALS, err);
        cognito_sync_error_free(err);
        err = NULL;
        cognito_sync_client_free(user);
    }
}

static void test_service_errors_from_the_emulator(void) {
    cognito_sync_error *err = NULL;
    char *identity = NULL;
    char *other = NULL;
    cognito_sync_client *user = identity_client(test_endpoint(), &identity);
    cognito_sync_client *someone = identity_client(test_endpoint(), &other);
    char dataset[64];
    char token[1024];

    unique_name(dataset, sizeof dataset, "err");
    {
        /* ResourceNotFound: the dataset does not exist. */
        cognito_sync_describe_dataset_request req = {0};
        cognito_sync_describe_dataset_output *out = NULL;
        req.identity_pool_id = test_pool();
        req.identity_id = identity;
        req.dataset_name = dataset;
        CHECK_STATUS(cognito_sync_describe_dataset(user, &req, &out, &err),
                     COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND,
                            "ResourceNotFoundException", 404, false);
        CHECK(out == NULL);

        /* NotAuthorized: temporary credentials touching another identity. */
        req.identity_id = other;
        CHECK_STATUS(cognito_sync_describe_dataset(user, &req, &out, &err),
                     COGNITO_SYNC_STATUS_NOT_AUTHORIZED, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_NOT_AUTHORIZED, "NotAuthorizedException",
                            403, false);
    }
    {
        cognito_sync_list_records_request lreq = {0};
        cognito_sync_list_records_output *page = NULL;
        cognito_sync_update_records_request ureq = {0};
        cognito_sync_update_records_output *out = NULL;
        cognito_sync_record_patch patch = {0};
        int64_t too_high = 1000;
        lreq.identity_pool_id = test_pool();
        lreq.identity_id = identity;
        lreq.dataset_name = dataset;
        CHECK_OK(cognito_sync_list_records(user, &lreq, &page, &err), err);
        snprintf(token, sizeof token, "%s",
                 cognito_sync_list_records_output_sync_session_token(page));
        cognito_sync_list_records_output_free(page);
        page = NULL;

        patch.key = "score";
        patch.value = "1";
        ureq.identity_pool_id = test_pool();
        ureq.identity_id = identity;
        ureq.dataset_name = dataset;
        ureq.record_patches = &patch;
        ureq.record_patch_count = 1;
        ureq.sync_session_token = token;
        CHECK_OK(cognito_sync_update_records(user, &ureq, &out, &err), err);
        cognito_sync_update_records_output_free(out);
        out = NULL;

        /* ResourceConflict: the same stale sync count again. */
        CHECK_STATUS(cognito_sync_update_records(user, &ureq, &out, &err),
                     COGNITO_SYNC_STATUS_RESOURCE_CONFLICT, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_RESOURCE_CONFLICT,
                            "ResourceConflictException", 409, false);
        CHECK(out == NULL);

        /* InvalidParameter: a session token that is not one. */
        ureq.sync_session_token = "garbage";
        patch.sync_count = 1;
        CHECK_STATUS(cognito_sync_update_records(user, &ureq, &out, &err),
                     COGNITO_SYNC_STATUS_INVALID_PARAMETER, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_INVALID_PARAMETER,
                            "InvalidParameterException", 400, false);

        /* InvalidParameter: a sync count the dataset never had. */
        lreq.last_sync_count = &too_high;
        CHECK_STATUS(cognito_sync_list_records(user, &lreq, &page, &err),
                     COGNITO_SYNC_STATUS_INVALID_PARAMETER, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_INVALID_PARAMETER,
                            "InvalidParameterException", 400, false);
        CHECK(page == NULL);
    }
    {
        /* An unknown access key: an error code outside the model, kept verbatim. */
        cognito_sync_config *config = cognito_sync_config_new();
        cognito_sync_client *stranger = NULL;
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        CHECK_OK(cognito_sync_config_set_region(config, "us-east-1", NULL), NULL);
        CHECK_OK(cognito_sync_config_set_endpoint_url(config, test_endpoint(), NULL), NULL);
        CHECK_OK(cognito_sync_config_set_static_credentials(config, "AKIDUNKNOWN", "nope", NULL,
                                                            NULL),
                 NULL);
        CHECK_OK(cognito_sync_client_new(config, &stranger, NULL), NULL);
        req.identity_pool_id = test_pool();
        CHECK_STATUS(cognito_sync_describe_identity_pool_usage(stranger, &req, &out, &err),
                     COGNITO_SYNC_STATUS_SERVICE_ERROR, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_SERVICE_ERROR,
                            "UnrecognizedClientException", 403, false);
        cognito_sync_client_free(stranger);
        cognito_sync_config_free(config);
    }
    cognito_sync_string_free(identity);
    cognito_sync_string_free(other);
    cognito_sync_client_free(user);
    cognito_sync_client_free(someone);
}

static void test_configuration_and_bulk_publish_errors(void) {
    cognito_sync_error *err = NULL;
    cognito_sync_client *dev = dev_client(test_endpoint());
    char *identity = NULL;
    cognito_sync_client *user = client_with(test_endpoint(), pool3(), 0);
    CHECK_OK(cognito_sync_client_identity_id(user, &identity, &err), err);
    {
        /* InvalidConfiguration: push sync is not configured on this pool. */
        cognito_sync_register_device_request req = {0};
        cognito_sync_register_device_output *out = NULL;
        req.identity_pool_id = pool3();
        req.identity_id = identity;
        req.platform = "APNS";
        req.token = "token";
        CHECK_STATUS(cognito_sync_register_device(user, &req, &out, &err),
                     COGNITO_SYNC_STATUS_INVALID_CONFIGURATION, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_INVALID_CONFIGURATION,
                            "InvalidConfigurationException", 400, false);
        CHECK(out == NULL);
    }
    {
        /* DuplicateRequest while a bulk publish runs, AlreadyStreamed after it. */
        cognito_sync_set_identity_pool_configuration_request cfg = {0};
        cognito_sync_set_identity_pool_configuration_output *cfg_out = NULL;
        cognito_sync_cognito_streams_input streams = {0};
        cognito_sync_bulk_publish_request bulk = {0};
        cognito_sync_bulk_publish_output *bulk_out = NULL;
        cognito_sync_get_bulk_publish_details_request details = {0};
        int tries;
        int done = 0;
        streams.stream_name = "stream";
        streams.role_arn = "arn:aws:iam::123456789012:role/streams";
        streams.streaming_status = "ENABLED";
        cfg.identity_pool_id = pool3();
        cfg.cognito_streams = &streams;
        CHECK_OK(cognito_sync_set_identity_pool_configuration(dev, &cfg, &cfg_out, &err), err);
        cognito_sync_set_identity_pool_configuration_output_free(cfg_out);
        bulk.identity_pool_id = pool3();
        CHECK_OK(cognito_sync_bulk_publish(dev, &bulk, &bulk_out, &err), err);
        cognito_sync_bulk_publish_output_free(bulk_out);
        bulk_out = NULL;
        CHECK_STATUS(cognito_sync_bulk_publish(dev, &bulk, &bulk_out, &err),
                     COGNITO_SYNC_STATUS_DUPLICATE_REQUEST, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_DUPLICATE_REQUEST,
                            "DuplicateRequestException", 400, false);
        details.identity_pool_id = pool3();
        for (tries = 0; tries < 100 && !done; tries++) {
            cognito_sync_get_bulk_publish_details_output *d = NULL;
            const char *status;
            CHECK_OK(cognito_sync_get_bulk_publish_details(dev, &details, &d, &err), err);
            status = cognito_sync_get_bulk_publish_details_output_bulk_publish_status(d);
            done = status != NULL && strcmp(status, "SUCCEEDED") == 0;
            cognito_sync_get_bulk_publish_details_output_free(d);
            if (!done) {
                sleep_ms(50);
            }
        }
        CHECK(done);
        CHECK_STATUS(cognito_sync_bulk_publish(dev, &bulk, &bulk_out, &err),
                     COGNITO_SYNC_STATUS_ALREADY_STREAMED, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_ALREADY_STREAMED,
                            "AlreadyStreamedException", 400, false);
        CHECK(bulk_out == NULL);
    }
    cognito_sync_string_free(identity);
    cognito_sync_client_free(user);
    cognito_sync_client_free(dev);
}

/* Injected faults: each remaining modeled error and an unknown code. */
static void test_injected_service_errors(void) {
    cognito_sync_error *err = NULL;
    cognito_sync_client *dev = dev_client(test_fault_endpoint());
    const char *ident = "us-east-1:00000000-0000-0000-0000-0000000000aa";
    {
        cognito_sync_describe_identity_usage_request req = {0};
        cognito_sync_describe_identity_usage_output *out = NULL;
        req.identity_pool_id = test_pool();
        req.identity_id = ident;
        CHECK_STATUS(cognito_sync_describe_identity_usage(dev, &req, &out, &err),
                     COGNITO_SYNC_STATUS_TOO_MANY_REQUESTS, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_TOO_MANY_REQUESTS,
                            "TooManyRequestsException", 429, true);
        CHECK(out == NULL);
    }
    {
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        req.identity_pool_id = test_pool();
        CHECK_STATUS(cognito_sync_describe_identity_pool_usage(dev, &req, &out, &err),
                     COGNITO_SYNC_STATUS_INTERNAL_ERROR, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_INTERNAL_ERROR, "InternalErrorException",
                            500, true);
    }
    {
        cognito_sync_list_datasets_request req = {0};
        cognito_sync_list_datasets_output *out = NULL;
        req.identity_pool_id = test_pool();
        req.identity_id = ident;
        CHECK_STATUS(cognito_sync_list_datasets(dev, &req, &out, &err),
                     COGNITO_SYNC_STATUS_LAMBDA_THROTTLED, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_LAMBDA_THROTTLED,
                            "LambdaThrottledException", 429, true);
    }
    {
        cognito_sync_get_bulk_publish_details_request req = {0};
        cognito_sync_get_bulk_publish_details_output *out = NULL;
        req.identity_pool_id = test_pool();
        CHECK_STATUS(cognito_sync_get_bulk_publish_details(dev, &req, &out, &err),
                     COGNITO_SYNC_STATUS_CONCURRENT_MODIFICATION, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_CONCURRENT_MODIFICATION,
                            "ConcurrentModificationException", 400, false);
    }
    {
        cognito_sync_get_identity_pool_configuration_request req = {0};
        cognito_sync_get_identity_pool_configuration_output *out = NULL;
        req.identity_pool_id = test_pool();
        CHECK_STATUS(cognito_sync_get_identity_pool_configuration(dev, &req, &out, &err),
                     COGNITO_SYNC_STATUS_INVALID_LAMBDA_FUNCTION_OUTPUT, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_INVALID_LAMBDA_FUNCTION_OUTPUT,
                            "InvalidLambdaFunctionOutputException", 400, false);
    }
    {
        cognito_sync_cognito_event event = {"SyncTrigger",
                                            "arn:aws:lambda:us-east-1:123456789012:function:f"};
        cognito_sync_set_cognito_events_request req = {0};
        req.identity_pool_id = test_pool();
        req.events = &event;
        req.event_count = 1;
        CHECK_STATUS(cognito_sync_set_cognito_events(dev, &req, &err),
                     COGNITO_SYNC_STATUS_LIMIT_EXCEEDED, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_LIMIT_EXCEEDED, "LimitExceededException",
                            400, false);
    }
    {
        cognito_sync_describe_dataset_request req = {0};
        cognito_sync_describe_dataset_output *out = NULL;
        req.identity_pool_id = test_pool();
        req.identity_id = ident;
        req.dataset_name = "ds";
        CHECK_STATUS(cognito_sync_describe_dataset(dev, &req, &out, &err),
                     COGNITO_SYNC_STATUS_SERVICE_ERROR, err);
        check_service_error(&err, COGNITO_SYNC_STATUS_SERVICE_ERROR, "BrandNewException", 400,
                            false);
    }
    cognito_sync_client_free(dev);
}

/* A hostile server on 127.0.0.1: answers one request with a record dated in year 10000. */
static void *hostile_server(void *arg) {
    int listener = *(int *)arg;
    static const char body[] =
        "{\"Records\":[{\"Key\":\"k\",\"Value\":\"v\",\"SyncCount\":1,"
        "\"LastModifiedDate\":253402300800}],\"DatasetSyncCount\":1,\"SyncSessionToken\":\"t\"}";
    char head[256];
    char buf[8192];
    size_t got = 0;
    int conn = accept(listener, NULL, NULL);
    if (conn < 0) {
        return NULL;
    }
    while (got < sizeof buf - 1) { /* read the request head */
        ssize_t n = read(conn, buf + got, sizeof buf - 1 - got);
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
        buf[got] = 0;
        if (strstr(buf, "\r\n\r\n") != NULL) {
            break;
        }
    }
    snprintf(head, sizeof head,
             "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
             "Connection: close\r\n\r\n",
             sizeof body - 1);
    if (write(conn, head, strlen(head)) < 0 || write(conn, body, sizeof body - 1) < 0) {
        perror("hostile server write");
    }
    close(conn);
    return NULL;
}

/* Issue 19, part 2: an out-of-range timestamp from a server is refused when the response is
 * parsed (TRANSPORT, "timestamp out of range"), never handed to C as a value. */
static void test_out_of_range_timestamp_from_a_server(void) {
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    pthread_t thread;
    char url[64];
    cognito_sync_client *client;
    cognito_sync_list_records_request req = {0};
    cognito_sync_list_records_output *out = NULL;
    cognito_sync_error *err = NULL;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(listener >= 0);
    CHECK(bind(listener, (struct sockaddr *)&addr, sizeof addr) == 0);
    CHECK(listen(listener, 1) == 0);
    CHECK(getsockname(listener, (struct sockaddr *)&addr, &len) == 0);
    CHECK(pthread_create(&thread, NULL, hostile_server, &listener) == 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", (int)ntohs(addr.sin_port));
    client = client_with(url, NULL, 0);
    req.identity_pool_id = test_pool();
    req.identity_id = "us-east-1:00000000-0000-0000-0000-0000000000aa";
    req.dataset_name = "d";
    CHECK_STATUS(cognito_sync_list_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_TRANSPORT,
                 err);
    CHECK(out == NULL);
    CHECK(err != NULL && strstr(cognito_sync_error_message(err), "timestamp out of range") != NULL);
    cognito_sync_error_free(err);
    cognito_sync_client_free(client);
    pthread_join(thread, NULL);
    close(listener);
}

int main(void) {
    RUN(test_client_side_errors);
    RUN(test_service_errors_from_the_emulator);
    RUN(test_configuration_and_bulk_publish_errors);
    RUN(test_injected_service_errors);
    RUN(test_out_of_range_timestamp_from_a_server);
    return harness_summary("test_errors");
}
