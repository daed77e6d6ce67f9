/* Many threads sharing one client; the logging hook (lines arrive with their
 * level, never a secret, stop when unregistered, re-registration from inside
 * the callback is refused). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <pthread.h>

#include "harness.h"

enum { THREADS = 8, ROUNDS = 10 };

struct worker {
    cognito_sync_client *client;
    const char *identity;
    int index;
    int failures;
};

/* Each thread writes and reads back its own dataset ROUNDS times. */
static void *worker_main(void *arg) {
    struct worker *w = (struct worker *)arg;
    char dataset[64];
    int round;
    snprintf(dataset, sizeof dataset, "thread-%d", w->index);
    for (round = 0; round < ROUNDS; round++) {
        cognito_sync_list_records_request lreq = {0};
        cognito_sync_list_records_output *page = NULL;
        cognito_sync_update_records_request ureq = {0};
        cognito_sync_update_records_output *out = NULL;
        cognito_sync_record_patch patch = {0};
        char value[32];
        int64_t count = 0;
        lreq.identity_pool_id = test_pool();
        lreq.identity_id = w->identity;
        lreq.dataset_name = dataset;
        if (cognito_sync_list_records(w->client, &lreq, &page, NULL) != COGNITO_SYNC_STATUS_OK) {
            w->failures++;
            continue;
        }
        cognito_sync_list_records_output_dataset_sync_count(page, &count);
        snprintf(value, sizeof value, "round-%d", round);
        patch.key = "progress";
        patch.value = value;
        patch.sync_count = count;
        ureq.identity_pool_id = test_pool();
        ureq.identity_id = w->identity;
        ureq.dataset_name = dataset;
        ureq.record_patches = &patch;
        ureq.record_patch_count = 1;
        ureq.sync_session_token = cognito_sync_list_records_output_sync_session_token(page);
        if (cognito_sync_update_records(w->client, &ureq, &out, NULL) != COGNITO_SYNC_STATUS_OK) {
            w->failures++;
        } else {
            const cognito_sync_record *r = cognito_sync_update_records_output_record(out, 0);
            if (r == NULL || strcmp(cognito_sync_record_value(r), value) != 0) {
                w->failures++;
            }
        }
        cognito_sync_update_records_output_free(out);
        cognito_sync_list_records_output_free(page);
    }
    return NULL;
}

/* Threads of this process whose name starts like the runtime's workers
 * ("cognito-sync-worker", truncated by Linux to 15 characters; the
 * blocking pool's threads are "cognito-sync-blocking"). */
static int count_threads(void);
static int count_worker_threads(void) {
    int n = count_threads(), waited;
    /* A new thread names itself once it first runs: on a loaded machine, give
     * the runtime's workers up to 5 s to do so. */
    for (waited = 0; n >= 0 && n < 3 && waited < 5000; waited += 20) {
        sleep_ms(20);
        n = count_threads();
    }
    if (n != 3) {
        fprintf(stderr, "   worker threads counted: %d\n", n);
    }
    return n;
}
static int count_threads(void) {
    DIR *dir = opendir("/proc/self/task");
    struct dirent *entry;
    int count = 0;
    if (dir == NULL) {
        return -1;
    }
    while ((entry = readdir(dir)) != NULL) {
        char path[300];
        char name[64] = {0};
        FILE *comm;
        if (entry->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, "/proc/self/task/%s/comm", entry->d_name);
        comm = fopen(path, "r");
        if (comm == NULL) {
            continue;
        }
        if (fgets(name, sizeof name, comm) != NULL && strncmp(name, "cognito-sync-wo", 15) == 0) {
            count++;
        }
        fclose(comm);
    }
    closedir(dir);
    return count;
}

/* Runs first: the worker count is taken when the runtime starts. */
static void test_worker_threads(void) {
    cognito_sync_error *err = NULL;
    char *identity = NULL;
    cognito_sync_client *client;
    CHECK_STATUS(cognito_sync_set_worker_threads(0, &err), COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK_STATUS(cognito_sync_set_worker_threads(65, &err), COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK_OK(cognito_sync_set_worker_threads(3, &err), err);
    client = identity_client(test_endpoint(), &identity);
    CHECK(count_worker_threads() == 3);
    /* Too late now: refused, and the runtime keeps its three workers. */
    CHECK_STATUS(cognito_sync_set_worker_threads(5, &err), COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    CHECK(err != NULL && strstr(cognito_sync_error_message(err), "before the first client") != NULL);
    cognito_sync_error_free(err);
    CHECK(count_worker_threads() == 3);
    cognito_sync_string_free(identity);
    cognito_sync_client_free(client);
}

static void test_many_threads_share_one_client(void) {
    char *identity = NULL;
    cognito_sync_client *client = identity_client(test_endpoint(), &identity);
    struct worker workers[THREADS];
    pthread_t threads[THREADS];
    int i;
    for (i = 0; i < THREADS; i++) {
        workers[i].client = client;
        workers[i].identity = identity;
        workers[i].index = i;
        workers[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, worker_main, &workers[i]) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].failures == 0);
    }
    cognito_sync_string_free(identity);
    cognito_sync_client_free(client);
}

/* Clients created and freed at will, from several threads at once. */
static void *churn_main(void *arg) {
    int i;
    (void)arg;
    for (i = 0; i < 20; i++) {
        cognito_sync_client *client = dev_client(test_endpoint());
        cognito_sync_op *op = NULL;
        cognito_sync_describe_identity_pool_usage_request req = {0};
        req.identity_pool_id = test_pool();
        if (cognito_sync_describe_identity_pool_usage_start(client, &req, NULL, NULL, &op, NULL) ==
            COGNITO_SYNC_STATUS_OK) {
            if (i % 2 == 0) {
                cognito_sync_op_wait(op, -1);
            }
            cognito_sync_op_free(op);
        }
        cognito_sync_client_free(client);
    }
    return NULL;
}

static void test_clients_created_and_freed_at_will(void) {
    pthread_t threads[4];
    int i;
    for (i = 0; i < 4; i++) {
        CHECK(pthread_create(&threads[i], NULL, churn_main, NULL) == 0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
    }
}

/* ---- logging ------------------------------------------------------------ */

struct log_probe {
    pthread_mutex_t lock;
    int lines;
    int retry_lines;
    int secret_seen;
    unsigned max_level_seen;
    cognito_sync_status reentrant_status;
    int tried_reentrant;
};

static struct log_probe probe;

static void on_log(void *user_data, cognito_sync_log_level level, const char *target,
                   const char *message) {
    struct log_probe *p = (struct log_probe *)user_data;
    const char *secret = env_or_die("CS_TEST_SECRET");
    pthread_mutex_lock(&p->lock);
    p->lines++;
    if ((unsigned)level > p->max_level_seen) {
        p->max_level_seen = (unsigned)level;
    }
    if (strstr(message, "retrying") != NULL) {
        p->retry_lines++;
    }
    if (strstr(message, secret) != NULL || strstr(target, secret) != NULL) {
        p->secret_seen++;
    }
    if (!p->tried_reentrant) {
        p->tried_reentrant = 1;
        p->reentrant_status = cognito_sync_set_log_callback(NULL, 0, NULL, NULL);
    }
    pthread_mutex_unlock(&p->lock);
}

static int probe_lines(void) {
    int lines;
    pthread_mutex_lock(&probe.lock);
    lines = probe.lines;
    pthread_mutex_unlock(&probe.lock);
    return lines;
}

static void test_logging_hook(void) {
    cognito_sync_error *err = NULL;
    cognito_sync_config *config = cognito_sync_config_new();
    cognito_sync_client *client = NULL;
    cognito_sync_client *faulty = NULL;
    int before;

    pthread_mutex_init(&probe.lock, NULL);
    CHECK_OK(cognito_sync_set_log_callback(on_log, COGNITO_SYNC_LOG_LEVEL_TRACE, &probe, &err), err);

    /* A client with a distinctive secret: it must never be logged. */
    CHECK_OK(cognito_sync_config_set_region(config, "us-east-1", NULL), NULL);
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, test_endpoint(), NULL), NULL);
    CHECK_OK(cognito_sync_config_set_static_credentials(config, env_or_die("CS_TEST_SECRET_KEY_ID"),
                                                        env_or_die("CS_TEST_SECRET"),
                                                        "session-token-never-logged", NULL),
             NULL);
    CHECK_OK(cognito_sync_client_new(config, &client, NULL), NULL);
    {
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        req.identity_pool_id = test_pool();
        /* The emulator refuses the session token (not one it issued): fine,
         * what matters here is what was logged on the way. */
        cognito_sync_describe_identity_pool_usage(client, &req, &out, NULL);
        cognito_sync_describe_identity_pool_usage_output_free(out);
    }

    /* A retried call logs its retry at debug level. */
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, test_fault_endpoint(), NULL), NULL);
    CHECK_OK(cognito_sync_config_set_static_credentials(config, "test", "test", NULL, NULL), NULL);
    CHECK_OK(cognito_sync_config_set_max_attempts(config, 2, NULL), NULL);
    CHECK_OK(cognito_sync_client_new(config, &faulty, NULL), NULL);
    {
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        req.identity_pool_id = test_pool(); /* always InternalErrorException there */
        CHECK_STATUS(cognito_sync_describe_identity_pool_usage(faulty, &req, &out, &err),
                     COGNITO_SYNC_STATUS_INTERNAL_ERROR, err);
        cognito_sync_error_free(err);
        err = NULL;
    }
    pthread_mutex_lock(&probe.lock);
    CHECK(probe.lines > 0);
    CHECK(probe.retry_lines >= 1);
    CHECK(probe.secret_seen == 0);
    CHECK(probe.max_level_seen >= COGNITO_SYNC_LOG_LEVEL_DEBUG &&
          probe.max_level_seen <= COGNITO_SYNC_LOG_LEVEL_TRACE);
    CHECK(probe.tried_reentrant);
    CHECK_STATUS(probe.reentrant_status, COGNITO_SYNC_STATUS_REENTRANT_CALL, NULL);
    pthread_mutex_unlock(&probe.lock);

    /* Lower the level: no debug line (the retry) any more. */
    pthread_mutex_lock(&probe.lock);
    probe.retry_lines = 0;
    pthread_mutex_unlock(&probe.lock);
    CHECK_OK(cognito_sync_set_log_callback(on_log, COGNITO_SYNC_LOG_LEVEL_WARN, &probe, &err), err);
    {
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        req.identity_pool_id = test_pool();
        cognito_sync_describe_identity_pool_usage(faulty, &req, &out, NULL);
    }
    pthread_mutex_lock(&probe.lock);
    CHECK(probe.retry_lines == 0);
    pthread_mutex_unlock(&probe.lock);

    /* Unregistered: no call at all afterwards. */
    CHECK_OK(cognito_sync_set_log_callback(NULL, COGNITO_SYNC_LOG_LEVEL_OFF, NULL, &err), err);
    before = probe_lines();
    {
        cognito_sync_describe_identity_pool_usage_request req = {0};
        cognito_sync_describe_identity_pool_usage_output *out = NULL;
        req.identity_pool_id = test_pool();
        cognito_sync_describe_identity_pool_usage(faulty, &req, &out, NULL);
    }
    CHECK(probe_lines() == before);

    cognito_sync_client_free(client);
    cognito_sync_client_free(faulty);
    cognito_sync_config_free(config);
    pthread_mutex_destroy(&probe.lock);
}

int main(void) {
    RUN(test_worker_threads);
    RUN(test_many_threads_share_one_client);
    RUN(test_clients_created_and_freed_at_will);
    RUN(test_logging_hook);
    return harness_summary("test_threads");
}
