/* The C driver of the benchmark: our C ABI (include/cognito_sync.h, libcognito_sync.so),
 * blocking from N threads or non-blocking with N calls in flight driven from one thread by
 * completion callbacks. Same flags and same one-line JSON result as the Rust `run` driver:
 *
 *   bench-c --client c-blocking|c-nonblocking --op list|update --conc N --calls N
 *           --warmup N --max-time S --target canned|emulator --endpoint URL --pool ID
 *           --identities ID[,ID...]
 *
 * Built by scripts/bench.sh; run by the harness's `suite`. */
#define _GNU_SOURCE
#include "cognito_sync.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define RECORDS 10
#define VALUE_LEN 100
#define LIST_DATASET "bench-list"
#define UPDATE_DATASET "bench-update"
#define CANNED_TOKEN "canned-sync-session-token"

static void die(const char *what, cognito_sync_status st, cognito_sync_error *err) {
    fprintf(stderr, "error: %s: %s: %s\n", what, cognito_sync_status_str(st),
            err ? cognito_sync_error_message(err) : "");
    exit(1);
}

/* ---- options ---- */
static const char *opt_client = "c-blocking", *opt_op = "list", *opt_target = "canned";
static const char *opt_endpoint, *opt_pool;
static char *opt_identities;
static long opt_conc = 1, opt_calls = 1000, opt_warmup = 20;
static double opt_max_time = 1.0;

static void parse_args(int argc, char **argv) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *k = argv[i], *v = argv[i + 1];
        if (!strcmp(k, "--client")) opt_client = v;
        else if (!strcmp(k, "--op")) opt_op = v;
        else if (!strcmp(k, "--conc")) opt_conc = atol(v);
        else if (!strcmp(k, "--calls")) opt_calls = atol(v);
        else if (!strcmp(k, "--warmup")) opt_warmup = atol(v);
        else if (!strcmp(k, "--max-time")) opt_max_time = atof(v);
        else if (!strcmp(k, "--target")) opt_target = v;
        else if (!strcmp(k, "--endpoint")) opt_endpoint = v;
        else if (!strcmp(k, "--pool")) opt_pool = v;
        else if (!strcmp(k, "--identities")) opt_identities = strdup(v);
        else { fprintf(stderr, "error: unknown flag %s\n", k); exit(2); }
    }
    if (!opt_endpoint || !opt_pool || !opt_identities || opt_conc < 1) {
        fprintf(stderr, "error: --endpoint, --pool and --identities are required\n");
        exit(2);
    }
}

/* ---- time ---- */
static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t cpu_us(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000u +
           (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

/* ---- workload ---- */
static cognito_sync_client *client;
static int is_update, on_emulator;
static char keys[RECORDS][16], values[RECORDS][VALUE_LEN + 1];

typedef struct {
    const char *identity;
    int64_t sync_count;
    char *token;
    cognito_sync_record_patch patches[RECORDS];
    uint64_t *lat;
    long share, done;
} worker;

static void make_values(void) {
    for (int i = 0; i < RECORDS; i++) {
        snprintf(keys[i], sizeof keys[i], "key%d", i);
        int n = snprintf(values[i], sizeof values[i], "value-%d-", i);
        for (; n < VALUE_LEN; n++) values[i][n] = (char)('a' + n % 26);
        values[i][VALUE_LEN] = 0;
    }
}

static cognito_sync_list_records_request list_request(const worker *w) {
    static const int64_t zero = 0;
    cognito_sync_list_records_request r = {
        .identity_pool_id = opt_pool,
        .identity_id = w->identity,
        .dataset_name = LIST_DATASET,
        .last_sync_count = &zero,
    };
    return r;
}

static cognito_sync_update_records_request update_request(worker *w) {
    for (int i = 0; i < RECORDS; i++) {
        cognito_sync_record_patch p = {
            .op = COGNITO_SYNC_OPERATION_REPLACE,
            .key = keys[i],
            .value = values[i],
            .sync_count = w->sync_count,
        };
        w->patches[i] = p;
    }
    cognito_sync_update_records_request r = {
        .identity_pool_id = opt_pool,
        .identity_id = w->identity,
        .dataset_name = UPDATE_DATASET,
        .record_patches = w->patches,
        .record_patch_count = RECORDS,
        .sync_session_token = w->token,
    };
    return r;
}

/* The dataset's sync count and a session token, read before the window (emulator only). */
static void sync_state(worker *w) {
    cognito_sync_list_records_request r = {
        .identity_pool_id = opt_pool, .identity_id = w->identity, .dataset_name = UPDATE_DATASET};
    cognito_sync_list_records_output *out = NULL;
    cognito_sync_error *err = NULL;
    cognito_sync_status st = cognito_sync_list_records(client, &r, &out, &err);
    if (st != COGNITO_SYNC_STATUS_OK) die("list_records (setup)", st, err);
    int64_t count = 0;
    cognito_sync_list_records_output_dataset_sync_count(out, &count);
    w->sync_count = count;
    w->token = strdup(cognito_sync_list_records_output_sync_session_token(out));
    cognito_sync_list_records_output_free(out);
}

/* Checks a finished call's output and frees it. */
static void check_list(cognito_sync_list_records_output *out) {
    if (cognito_sync_list_records_output_record_count(out) != RECORDS) {
        fprintf(stderr, "error: list_records returned %zu records\n",
                cognito_sync_list_records_output_record_count(out));
        exit(1);
    }
    cognito_sync_list_records_output_free(out);
}

static void check_update(worker *w, cognito_sync_update_records_output *out) {
    if (cognito_sync_update_records_output_record_count(out) != RECORDS) {
        fprintf(stderr, "error: update_records returned %zu records\n",
                cognito_sync_update_records_output_record_count(out));
        exit(1);
    }
    cognito_sync_update_records_output_free(out);
    w->sync_count++;
}

/* ---- blocking: one thread per call in flight ---- */
static pthread_barrier_t gate;
static uint64_t deadline_ns;

static void blocking_call(worker *w) {
    cognito_sync_error *err = NULL;
    if (is_update) {
        cognito_sync_update_records_request r = update_request(w);
        cognito_sync_update_records_output *out = NULL;
        cognito_sync_status st = cognito_sync_update_records(client, &r, &out, &err);
        if (st != COGNITO_SYNC_STATUS_OK) die("update_records", st, err);
        check_update(w, out);
    } else {
        cognito_sync_list_records_request r = list_request(w);
        cognito_sync_list_records_output *out = NULL;
        cognito_sync_status st = cognito_sync_list_records(client, &r, &out, &err);
        if (st != COGNITO_SYNC_STATUS_OK) die("list_records", st, err);
        check_list(out);
    }
}

static void *blocking_worker(void *arg) {
    worker *w = arg;
    for (long i = 0; i < opt_warmup; i++) blocking_call(w);
    pthread_barrier_wait(&gate);
    pthread_barrier_wait(&gate);
    for (long i = 0; i < w->share; i++) {
        uint64_t t0 = now_ns();
        blocking_call(w);
        uint64_t t1 = now_ns();
        w->lat[w->done++] = t1 - t0;
        if (t1 >= deadline_ns) break;
    }
    return NULL;
}

/* ---- non-blocking: every call started with _start, completions signalled by callback ---- */
typedef struct {
    worker *w;
    cognito_sync_op *op;
    uint64_t started;
    long remaining_warmup;
    int measuring;
} slot;

static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static long *done_queue;
static long done_head, done_tail, done_cap;

static void on_complete(void *user_data, cognito_sync_op *op, cognito_sync_status status) {
    (void)op;
    (void)status;
    pthread_mutex_lock(&done_lock);
    done_queue[done_tail++ % done_cap] = (long)(intptr_t)user_data;
    pthread_cond_signal(&done_cond);
    pthread_mutex_unlock(&done_lock);
}

static void start_call(slot *s, long index) {
    cognito_sync_error *err = NULL;
    cognito_sync_status st;
    s->started = now_ns();
    if (is_update) {
        cognito_sync_update_records_request r = update_request(s->w);
        st = cognito_sync_update_records_start(client, &r, on_complete, (void *)(intptr_t)index,
                                               &s->op, &err);
    } else {
        cognito_sync_list_records_request r = list_request(s->w);
        st = cognito_sync_list_records_start(client, &r, on_complete, (void *)(intptr_t)index,
                                             &s->op, &err);
    }
    if (st != COGNITO_SYNC_STATUS_OK) die("_start", st, err);
}

static void finish_call(slot *s) {
    cognito_sync_error *err = NULL;
    cognito_sync_status st;
    if (is_update) {
        cognito_sync_update_records_output *out = NULL;
        st = cognito_sync_update_records_finish(s->op, &out, &err);
        if (st != COGNITO_SYNC_STATUS_OK) die("update_records_finish", st, err);
        check_update(s->w, out);
    } else {
        cognito_sync_list_records_output *out = NULL;
        st = cognito_sync_list_records_finish(s->op, &out, &err);
        if (st != COGNITO_SYNC_STATUS_OK) die("list_records_finish", st, err);
        check_list(out);
    }
    cognito_sync_op_free(s->op);
    s->op = NULL;
}

static long next_done(void) {
    pthread_mutex_lock(&done_lock);
    while (done_head == done_tail) pthread_cond_wait(&done_cond, &done_lock);
    long index = done_queue[done_head++ % done_cap];
    pthread_mutex_unlock(&done_lock);
    return index;
}

/* Runs `phase` calls per slot (warm-up when !measuring) with every slot in flight at once. */
static void nonblocking_phase(slot *slots, long conc, int measuring) {
    long active = 0;
    for (long i = 0; i < conc; i++) {
        slots[i].measuring = measuring;
        slots[i].remaining_warmup = measuring ? slots[i].w->share : opt_warmup;
        if (slots[i].remaining_warmup > 0) {
            start_call(&slots[i], i);
            active++;
        }
    }
    while (active > 0) {
        long i = next_done();
        slot *s = &slots[i];
        finish_call(s);
        uint64_t t1 = now_ns();
        if (measuring) s->w->lat[s->w->done++] = t1 - s->started;
        s->remaining_warmup--;
        if (s->remaining_warmup > 0 && !(measuring && t1 >= deadline_ns)) {
            start_call(s, i);
        } else {
            active--;
        }
    }
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double percentile_us(const uint64_t *sorted, long n, double p) {
    if (n == 0) return 0;
    long rank = (long)((p / 100.0) * n + 0.999999999);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    return sorted[rank - 1] / 1000.0;
}

int main(int argc, char **argv) {
    parse_args(argc, argv);
    is_update = !strcmp(opt_op, "update");
    on_emulator = !strcmp(opt_target, "emulator");
    int nonblocking = !strcmp(opt_client, "c-nonblocking");
    make_values();

    cognito_sync_error *err = NULL;
    cognito_sync_config *config = cognito_sync_config_new();
    cognito_sync_status st;
    if ((st = cognito_sync_config_set_region(config, "us-east-1", &err))) die("region", st, err);
    if ((st = cognito_sync_config_set_endpoint_url(config, opt_endpoint, &err)))
        die("endpoint", st, err);
    if ((st = cognito_sync_config_set_static_credentials(config, "test", "test", NULL, &err)))
        die("credentials", st, err);
    if ((st = cognito_sync_client_new(config, &client, &err))) die("client", st, err);
    cognito_sync_config_free(config);

    /* Identities, one per worker slot. */
    char *ids[64];
    long n_ids = 0;
    for (char *t = strtok(opt_identities, ","); t && n_ids < 64; t = strtok(NULL, ",")) ids[n_ids++] = t;

    long conc = opt_conc;
    worker *workers = calloc((size_t)conc, sizeof *workers);
    for (long i = 0; i < conc; i++) {
        worker *w = &workers[i];
        w->identity = ids[i % n_ids];
        w->share = opt_calls / conc + (i < opt_calls % conc);
        w->lat = malloc(sizeof(uint64_t) * (size_t)(w->share + 1));
        if (is_update && on_emulator) {
            sync_state(w);
        } else {
            w->token = strdup(CANNED_TOKEN);
        }
    }

    uint64_t t0, cpu0;
    if (!nonblocking) {
        pthread_barrier_init(&gate, NULL, (unsigned)conc + 1);
        pthread_t *threads = calloc((size_t)conc, sizeof *threads);
        for (long i = 0; i < conc; i++) pthread_create(&threads[i], NULL, blocking_worker, &workers[i]);
        pthread_barrier_wait(&gate);
        cpu0 = cpu_us();
        t0 = now_ns();
        deadline_ns = t0 + (uint64_t)(opt_max_time * 1e9);
        pthread_barrier_wait(&gate);
        for (long i = 0; i < conc; i++) pthread_join(threads[i], NULL);
        free(threads);
    } else {
        done_cap = conc + 1;
        done_queue = calloc((size_t)done_cap, sizeof *done_queue);
        slot *slots = calloc((size_t)conc, sizeof *slots);
        for (long i = 0; i < conc; i++) slots[i].w = &workers[i];
        nonblocking_phase(slots, conc, 0);
        cpu0 = cpu_us();
        t0 = now_ns();
        deadline_ns = t0 + (uint64_t)(opt_max_time * 1e9);
        nonblocking_phase(slots, conc, 1);
        free(slots);
    }
    uint64_t wall = now_ns() - t0;
    uint64_t cpu = cpu_us() - cpu0;

    long total = 0;
    for (long i = 0; i < conc; i++) total += workers[i].done;
    uint64_t *all = malloc(sizeof(uint64_t) * (size_t)(total + 1));
    long k = 0;
    for (long i = 0; i < conc; i++) {
        memcpy(all + k, workers[i].lat, sizeof(uint64_t) * (size_t)workers[i].done);
        k += workers[i].done;
    }
    qsort(all, (size_t)total, sizeof *all, cmp_u64);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"calls\":%ld,\"wall_s\":%.9f,\"cpu_us\":%llu,\"p50_us\":%.3f,\"p99_us\":%.3f,"
           "\"max_rss_kib\":%ld}\n",
           total, wall / 1e9, (unsigned long long)cpu, percentile_us(all, total, 50),
           percentile_us(all, total, 99), ru.ru_maxrss);
    fflush(stdout);
    cognito_sync_client_free(client);
    for (long i = 0; i < conc; i++) {
        free(workers[i].lat);
        free(workers[i].token);
    }
    free(workers);
    free(all);
    free(done_queue);
    free(opt_identities);
    return 0;
}
