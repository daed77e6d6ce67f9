#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <time.h>
#include <unistd.h>

int harness_passed = 0;
int harness_failed = 0;

void harness_check(int ok, const char *expr, const char *file, int line) {
    if (ok) {
        harness_passed++;
    } else {
        harness_failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, expr);
    }
}

void harness_check_status(cognito_sync_status got, cognito_sync_status want,
                          const cognito_sync_error *err, const char *expr, const char *file,
                          int line) {
    if (got == want) {
        harness_passed++;
        return;
    }
    harness_failed++;
    fprintf(stderr, "FAIL %s:%d: %s gave %u (%s), expected %u (%s)\n", file, line, expr,
            (unsigned)got, cognito_sync_status_str(got), (unsigned)want,
            cognito_sync_status_str(want));
    if (err != NULL) {
        const char *code = cognito_sync_error_code(err);
        fprintf(stderr, "     error: %s [code %s, http %u]\n", cognito_sync_error_message(err),
                code ? code : "-", (unsigned)cognito_sync_error_http_status(err));
    }
}

int harness_summary(const char *name) {
    printf("%s: %d passed, %d failed\n", name, harness_passed, harness_failed);
    fflush(stdout);
    return harness_failed == 0 ? 0 : 1;
}

const char *env_or_die(const char *name) {
    const char *value = getenv(name);
    if (value == NULL || value[0] == '\0') {
        fprintf(stderr, "environment variable %s is not set (run scripts/test-c.sh)\n", name);
        exit(2);
    }
    return value;
}

const char *test_endpoint(void) { return env_or_die("CS_TEST_ENDPOINT"); }
const char *test_pool(void) { return env_or_die("CS_TEST_POOL"); }
const char *test_fault_endpoint(void) { return env_or_die("CS_TEST_FAULT_ENDPOINT"); }

static cognito_sync_config *base_config(const char *endpoint) {
    cognito_sync_config *config = cognito_sync_config_new();
    if (config == NULL || cognito_sync_config_set_region(config, "us-east-1", NULL) != 0 ||
        cognito_sync_config_set_endpoint_url(config, endpoint, NULL) != 0 ||
        cognito_sync_config_set_max_attempts(config, 1, NULL) != 0) {
        fprintf(stderr, "cannot build a configuration\n");
        exit(2);
    }
    return config;
}

static cognito_sync_client *new_client(cognito_sync_config *config) {
    cognito_sync_client *client = NULL;
    cognito_sync_error *err = NULL;
    if (cognito_sync_client_new(config, &client, &err) != COGNITO_SYNC_STATUS_OK) {
        fprintf(stderr, "cannot create a client: %s\n", cognito_sync_error_message(err));
        exit(2);
    }
    cognito_sync_config_free(config);
    return client;
}

cognito_sync_client *dev_client(const char *endpoint) {
    cognito_sync_config *config = base_config(endpoint);
    if (cognito_sync_config_set_static_credentials(config, "test", "test", NULL, NULL) != 0) {
        exit(2);
    }
    return new_client(config);
}

cognito_sync_client *dev_client_host_dispatch(const char *endpoint) {
    cognito_sync_config *config = base_config(endpoint);
    if (cognito_sync_config_set_static_credentials(config, "test", "test", NULL, NULL) != 0 ||
        cognito_sync_config_set_host_dispatch(config, true, NULL) != 0) {
        exit(2);
    }
    return new_client(config);
}

cognito_sync_client *identity_client(const char *endpoint, char **identity_id) {
    return identity_client_for(endpoint, test_pool(), identity_id);
}

cognito_sync_client *identity_client_for(const char *endpoint, const char *pool,
                                         char **identity_id) {
    cognito_sync_config *config = base_config(endpoint);
    cognito_sync_client *client;
    cognito_sync_error *err = NULL;
    if (cognito_sync_config_set_cognito_identity(config, pool, NULL) != 0) {
        exit(2);
    }
    client = new_client(config);
    if (cognito_sync_client_identity_id(client, identity_id, &err) != COGNITO_SYNC_STATUS_OK) {
        fprintf(stderr, "cannot get an identity: %s\n", cognito_sync_error_message(err));
        exit(2);
    }
    return client;
}

void unique_name(char *buf, size_t size, const char *prefix) {
    static unsigned counter = 0;
    snprintf(buf, size, "%s-%ld-%u", prefix, (long)getpid(), ++counter);
}

void sleep_ms(unsigned ms) {
    struct timespec ts;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}
