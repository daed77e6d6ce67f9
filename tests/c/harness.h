/* A tiny test harness shared by the C tests: checks that report the file,
 * line and (for statuses) the error message, and a closing summary line. */
#ifndef COGNITO_SYNC_TEST_HARNESS_H
#define COGNITO_SYNC_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cognito_sync.h"

extern int harness_passed;
extern int harness_failed;

void harness_check(int ok, const char *expr, const char *file, int line);
void harness_check_status(cognito_sync_status got, cognito_sync_status want,
                          const cognito_sync_error *err, const char *expr, const char *file,
                          int line);
int harness_summary(const char *name);

#define CHECK(cond) harness_check((cond) ? 1 : 0, #cond, __FILE__, __LINE__)
/* Checks a status; prints the error object when it differs. */
#define CHECK_STATUS(got, want, err) \
    harness_check_status((got), (want), (err), #got, __FILE__, __LINE__)
#define CHECK_OK(expr, err) CHECK_STATUS((expr), COGNITO_SYNC_STATUS_OK, (err))
#define CHECK_STR(got, want) \
    harness_check((got) != NULL && strcmp((got), (want)) == 0, #got " == " #want, __FILE__, __LINE__)
#define RUN(test)                                   \
    do {                                            \
        fprintf(stderr, "-- %s\n", #test);          \
        test();                                     \
    } while (0)

/* Environment set by scripts/test-c.sh. */
const char *env_or_die(const char *name);
/* The main emulator, its identity pool, and the one with injected faults. */
const char *test_endpoint(void);
const char *test_pool(void);
const char *test_fault_endpoint(void);

/* A client with the developer key test/test, one attempt per call. */
cognito_sync_client *dev_client(const char *endpoint);
/* The same in host-dispatch mode: callbacks run in cognito_sync_client_dispatch. */
cognito_sync_client *dev_client_host_dispatch(const char *endpoint);
/* A client with Cognito Identity credentials for the test pool; writes its
 * identity id (free with cognito_sync_string_free) to *identity_id. */
cognito_sync_client *identity_client(const char *endpoint, char **identity_id);
/* The same for another identity pool. */
cognito_sync_client *identity_client_for(const char *endpoint, const char *pool,
                                         char **identity_id);
/* A dataset name unique to this process and call: PREFIX-PID-N. */
void unique_name(char *buf, size_t size, const char *prefix);
/* Sleeps for ms milliseconds. */
void sleep_ms(unsigned ms);

#endif
