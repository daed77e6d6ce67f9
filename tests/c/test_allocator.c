/* The host allocator hook (cognito_sync_set_allocator): a counting allocator
 * that tags each block it makes receives every allocation of real work (a
 * client's blocking and non-blocking calls against the emulator, a sync
 * manager with an SQLite file store and a synchronize): each free and resize
 * names a live block of the hook with its exact size and alignment, the live
 * blocks stop growing once the library's process-wide state exists, and the
 * setter is refused with NULL functions, a second time, and (in a child
 * process) once the library has allocated without it. On Linux with glibc,
 * malloc and friends are interposed too: once the library's threads exist,
 * no allocation call may come from the library's own code while the hook is
 * set (Rust's standard library allocates each thread's handle with malloc
 * itself, by design: those few blocks per thread are the documented exception). */
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include <stdint.h>

#include "harness.h"

#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define WATCH_MALLOC 1
#include <errno.h>
#include <link.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#if defined(_WIN32)
#include <process.h>
#define test_getpid() ((long)_getpid())
#else
#include <unistd.h>
#define test_getpid() ((long)getpid())
#endif

/* ---------------------------------------------------------------- the hook */

#define MAGIC_LIVE 0x4c49564542594b31ULL /* "LIVEBYK1" */
#define MAGIC_FREED 0x4652454544424b31ULL

struct block {
    uint64_t magic;
    size_t size;
    size_t alignment;
    void *raw;
};

struct counters {
    long allocs, reallocs, frees, live, bad, over_aligned, calls_with_user_data;
};

static struct counters counts;
static int user_data_tag;

static void bump(long *counter, long by) { __atomic_add_fetch(counter, by, __ATOMIC_RELAXED); }
static long read_counter(long *counter) { return __atomic_load_n(counter, __ATOMIC_RELAXED); }

static void *make_block(size_t size, size_t alignment) {
    size_t align = alignment < 16 ? 16 : alignment;
    char *raw = malloc(size + align + sizeof(struct block));
    uintptr_t p;
    struct block *b;
    if (raw == NULL) return NULL;
    p = ((uintptr_t)raw + sizeof(struct block) + align - 1) & ~(uintptr_t)(align - 1);
    b = (struct block *)(p - sizeof(struct block));
    b->magic = MAGIC_LIVE;
    b->size = size;
    b->alignment = alignment;
    b->raw = raw;
    return (void *)p;
}

/* The block's header if `ptr` is a live block of this size and alignment. */
static struct block *live_block(void *ptr, size_t size, size_t alignment, const char *what) {
    struct block *b = (struct block *)((char *)ptr - sizeof(struct block));
    if (b->magic != MAGIC_LIVE || b->size != size || b->alignment != alignment) {
        fprintf(stderr, "     %s of %p (%lu bytes, align %lu): %s\n", what, ptr,
                (unsigned long)size, (unsigned long)alignment,
                b->magic == MAGIC_FREED ? "already freed"
                : b->magic == MAGIC_LIVE ? "wrong size or alignment"
                                         : "not a block of the hook");
        bump(&counts.bad, 1);
        return NULL;
    }
    return b;
}

static void *hook_alloc(void *user_data, size_t size, size_t alignment) {
    void *p;
    if (user_data == &user_data_tag) bump(&counts.calls_with_user_data, 1);
    if (size == 0 || alignment == 0 || (alignment & (alignment - 1)) != 0) bump(&counts.bad, 1);
    if (alignment > 16) bump(&counts.over_aligned, 1);
    p = make_block(size, alignment);
    if (p != NULL) {
        bump(&counts.allocs, 1);
        bump(&counts.live, 1);
    }
    return p;
}

static void *hook_realloc(void *user_data, void *ptr, size_t old_size, size_t new_size,
                          size_t alignment) {
    struct block *old = live_block(ptr, old_size, alignment, "realloc");
    void *p;
    if (user_data == &user_data_tag) bump(&counts.calls_with_user_data, 1);
    if (old == NULL || new_size == 0) return NULL;
    p = make_block(new_size, alignment);
    if (p == NULL) return NULL;
    memcpy(p, ptr, old_size < new_size ? old_size : new_size);
    old->magic = MAGIC_FREED;
    free(old->raw);
    bump(&counts.reallocs, 1);
    return p;
}

static void hook_free(void *user_data, void *ptr, size_t size, size_t alignment) {
    struct block *b = live_block(ptr, size, alignment, "free");
    if (user_data == &user_data_tag) bump(&counts.calls_with_user_data, 1);
    if (b == NULL) return;
    b->magic = MAGIC_FREED;
    free(b->raw);
    bump(&counts.frees, 1);
    bump(&counts.live, -1);
}

/* ------------------------------------------- allocation calls from the library */
#ifdef WATCH_MALLOC
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static uintptr_t lib_lo, lib_hi; /* the library's mapped segments */
static long library_calls;       /* malloc-family calls made by the library's code */

static void note(void *return_address) {
    uintptr_t a = (uintptr_t)return_address;
    if (a >= lib_lo && a < lib_hi) bump(&library_calls, 1);
}

void *malloc(size_t n) {
    note(__builtin_return_address(0));
    return __libc_malloc(n);
}
void *calloc(size_t n, size_t size) {
    note(__builtin_return_address(0));
    return __libc_calloc(n, size);
}
void *realloc(void *p, size_t n) {
    note(__builtin_return_address(0));
    return __libc_realloc(p, n);
}
void *memalign(size_t alignment, size_t n) {
    note(__builtin_return_address(0));
    return __libc_memalign(alignment, n);
}
void *aligned_alloc(size_t alignment, size_t n) {
    note(__builtin_return_address(0));
    return __libc_memalign(alignment, n);
}
int posix_memalign(void **out, size_t alignment, size_t n) {
    void *p;
    note(__builtin_return_address(0));
    p = __libc_memalign(alignment, n);
    if (p == NULL) return ENOMEM;
    *out = p;
    return 0;
}
void free(void *p) { __libc_free(p); }

static int find_library(struct dl_phdr_info *info, size_t size, void *data) {
    uintptr_t probe = *(uintptr_t *)data, lo = UINTPTR_MAX, hi = 0;
    int i;
    (void)size;
    for (i = 0; i < info->dlpi_phnum; i++) {
        uintptr_t start, end;
        if (info->dlpi_phdr[i].p_type != PT_LOAD) continue;
        start = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
        end = start + info->dlpi_phdr[i].p_memsz;
        if (start < lo) lo = start;
        if (end > hi) hi = end;
    }
    if (probe >= lo && probe < hi) {
        lib_lo = lo;
        lib_hi = hi;
        return 1;
    }
    return 0;
}
#endif

/* ---------------------------------------------------------------- work */

/* Everything a game does with the library, freed again at the end. */
static void real_work(const char *store_path, int round) {
    cognito_sync_error *err = NULL;
    char *identity = NULL;
    char dataset[64];
    cognito_sync_client *client = identity_client(test_endpoint(), &identity);
    cognito_sync_manager_options options;
    cognito_sync_manager *manager = NULL;
    cognito_sync_dataset *ds = NULL;
    cognito_sync_sync_report *report = NULL;
    char *value = NULL;
    int64_t zero = 0;

    unique_name(dataset, sizeof dataset, "alloc");
    { /* blocking: write, then list */
        cognito_sync_list_records_request lreq;
        cognito_sync_list_records_output *page = NULL;
        cognito_sync_update_records_request ureq;
        cognito_sync_update_records_output *written = NULL;
        cognito_sync_record_patch patch;
        memset(&lreq, 0, sizeof lreq);
        lreq.identity_pool_id = test_pool();
        lreq.identity_id = identity;
        lreq.dataset_name = dataset;
        lreq.last_sync_count = &zero;
        CHECK_OK(cognito_sync_list_records(client, &lreq, &page, &err), err);
        memset(&patch, 0, sizeof patch);
        patch.key = "level";
        patch.value = round == 1 ? "1" : "2";
        memset(&ureq, 0, sizeof ureq);
        ureq.identity_pool_id = test_pool();
        ureq.identity_id = identity;
        ureq.dataset_name = dataset;
        ureq.record_patches = &patch;
        ureq.record_patch_count = 1;
        ureq.sync_session_token = cognito_sync_list_records_output_sync_session_token(page);
        CHECK_OK(cognito_sync_update_records(client, &ureq, &written, &err), err);
        cognito_sync_update_records_output_free(written);
        cognito_sync_list_records_output_free(page);
    }
    { /* non-blocking, on the library's worker threads */
        cognito_sync_list_records_request lreq;
        cognito_sync_list_records_output *page = NULL;
        cognito_sync_op *op = NULL;
        memset(&lreq, 0, sizeof lreq);
        lreq.identity_pool_id = test_pool();
        lreq.identity_id = identity;
        lreq.dataset_name = dataset;
        CHECK_OK(cognito_sync_list_records_start(client, &lreq, NULL, NULL, &op, &err), err);
        CHECK_OK(cognito_sync_op_wait(op, 30000), NULL);
        CHECK_OK(cognito_sync_list_records_finish(op, &page, &err), err);
        CHECK(cognito_sync_list_records_output_record_count(page) == 1);
        cognito_sync_list_records_output_free(page);
        cognito_sync_op_free(op);
    }
    { /* the sync manager: SQLite file store, local writes, a synchronize */
        memset(&options, 0, sizeof options);
        options.client = client;
        options.identity_pool_id = test_pool();
        options.identity_id = identity;
        options.store_path = store_path;
        CHECK_OK(cognito_sync_manager_new(&options, &manager, &err), err);
        CHECK_OK(cognito_sync_manager_open_dataset(manager, dataset, &ds, &err), err);
        CHECK_OK(cognito_sync_dataset_put(ds, "coins", "120", &err), err);
        CHECK_OK(cognito_sync_dataset_synchronize(ds, &report, &err), err);
        cognito_sync_sync_report_free(report);
        CHECK_OK(cognito_sync_dataset_get(ds, "level", &value, &err), err);
        CHECK_STR(value, round == 1 ? "1" : "2");
        cognito_sync_string_free(value);
        cognito_sync_dataset_free(ds);
        cognito_sync_manager_free(manager);
    }
    cognito_sync_string_free(identity);
    cognito_sync_client_free(client);
}

/* Live blocks once the library's threads are idle (they free what finished
 * calls left them: pooled connections closing, timers). */
static long settled_live(void) {
    long last = read_counter(&counts.live);
    int i, stable = 0;
    for (i = 0; i < 100 && stable < 4; i++) {
        long now;
        sleep_ms(50);
        now = read_counter(&counts.live);
        stable = now == last ? stable + 1 : 0;
        last = now;
    }
    return last;
}

#ifdef WATCH_MALLOC
/* In a child process: the library allocates with the system allocator while
 * no hook is set (the interposer sees it), and the setter is then refused. */
static int child_refused_after_use(void) {
    cognito_sync_config *config = cognito_sync_config_new();
    cognito_sync_status status;
    long seen = read_counter(&library_calls);
    if (config == NULL || seen == 0) {
        fprintf(stderr, "child: no allocation seen from the library (%ld)\n", seen);
        return 3;
    }
    status = cognito_sync_set_allocator(hook_alloc, hook_realloc, hook_free, NULL, NULL);
    cognito_sync_config_free(config);
    if (status != COGNITO_SYNC_STATUS_INVALID_ARGUMENT) {
        fprintf(stderr, "child: setter after use gave %s\n", cognito_sync_status_str(status));
        return 4;
    }
    return 0;
}
#endif

int main(void) {
    cognito_sync_error *err = NULL;
    char store_path[512];
    long allocs_before, live_after_first, live_after_second, live_after_third;
#ifdef WATCH_MALLOC
    long library_calls_after_first;
#endif
    const char *tmp = "/tmp";
#if defined(_WIN32)
    if (getenv("TEMP") != NULL) tmp = getenv("TEMP");
#endif
    snprintf(store_path, sizeof store_path, "%s/cognito-sync-c-alloc-%ld.db", tmp, test_getpid());
    remove(store_path);

#ifdef WATCH_MALLOC
    {
        uintptr_t probe = (uintptr_t)&cognito_sync_version;
        int status = 0;
        pid_t child;
        CHECK(dl_iterate_phdr(find_library, &probe) == 1 && lib_lo < lib_hi);
        fflush(NULL);
        child = fork();
        if (child == 0) _exit(child_refused_after_use());
        CHECK(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0);
        fprintf(stderr, "-- refused after use (child process): exit %d\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
#else
    fprintf(stderr, "-- no malloc interposer on this platform: the refusal after use "
                    "and the library's direct malloc calls are not checked here\n");
#endif

    /* Refused: incomplete functions. The error object is a system allocation,
     * so the setter works again once it is freed. */
    CHECK_STATUS(cognito_sync_set_allocator(NULL, hook_realloc, hook_free, NULL, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(err != NULL && strstr(cognito_sync_error_message(err), "alloc") != NULL);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK_STATUS(cognito_sync_set_allocator(hook_alloc, NULL, hook_free, NULL, NULL),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, NULL);
    CHECK_STATUS(cognito_sync_set_allocator(hook_alloc, hook_realloc, NULL, NULL, NULL),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, NULL);

    CHECK_OK(cognito_sync_set_allocator(hook_alloc, hook_realloc, hook_free, &user_data_tag,
                                        &err), err);
    allocs_before = read_counter(&counts.allocs);

    /* Refused: a second time. */
    CHECK_STATUS(cognito_sync_set_allocator(hook_alloc, hook_realloc, hook_free, NULL, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    CHECK(err != NULL && strstr(cognito_sync_error_message(err), "before") != NULL);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(read_counter(&counts.allocs) > allocs_before); /* the error came from the hook */

    fprintf(stderr, "-- real work, three rounds\n");
    real_work(store_path, 1);
    live_after_first = settled_live();
#ifdef WATCH_MALLOC
    library_calls_after_first = read_counter(&library_calls);
#endif
    real_work(store_path, 2);
    live_after_second = settled_live();
    real_work(store_path, 2);
    live_after_third = settled_live();
    remove(store_path);

    fprintf(stderr,
            "   hook: %ld allocations, %ld resizes, %ld frees (%ld over 16-byte alignment); "
            "live blocks after each round: %ld, %ld, %ld\n",
            read_counter(&counts.allocs), read_counter(&counts.reallocs),
            read_counter(&counts.frees), read_counter(&counts.over_aligned), live_after_first,
            live_after_second, live_after_third);
    CHECK(read_counter(&counts.allocs) > 1000);
    CHECK(read_counter(&counts.reallocs) > 0);
    CHECK(read_counter(&counts.frees) > 1000);
    CHECK(read_counter(&counts.bad) == 0);
    /* user_data reaches every call */
    CHECK(read_counter(&counts.calls_with_user_data) ==
          read_counter(&counts.allocs) + read_counter(&counts.reallocs) +
              read_counter(&counts.frees));
    /* What the library keeps (worker threads, per-thread engines, SQLite's
     * process-wide state) exists after the first round; later rounds free
     * everything they allocate (a leaked client, manager or result would be
     * dozens of blocks per round; the worker threads' idle state moves by 2). */
    CHECK(live_after_second <= live_after_first + 4 && live_after_third <= live_after_first + 4);
#ifdef WATCH_MALLOC
    /* The first round starts the library's threads: Rust's standard library
     * allocates each one's handle itself. Later rounds make none. */
    fprintf(stderr,
            "   malloc-family calls from the library's code: %ld in the first round (thread "
            "handles), %ld after it\n",
            library_calls_after_first, read_counter(&library_calls) - library_calls_after_first);
    CHECK(library_calls_after_first <= 32);
    CHECK(read_counter(&library_calls) == library_calls_after_first);
#endif
    return harness_summary("test_allocator");
}
