/* Compile-fail test (scripts/test-c.sh): the service's dataset metadata and the sync
 * manager's dataset handle are distinct C types, so mixing them up is a compiler error
 * (in C with -Werror, where GCC reports incompatible pointer types; always in C++).
 * Built once with -DCASE=0 (correct use: must compile) and once per misuse CASE=1..3
 * (each must be rejected). */
#include "cognito_sync.h"

#ifndef CASE
#define CASE 0
#endif

int use(const cognito_sync_describe_dataset_output *out, cognito_sync_dataset *handle);

int use(const cognito_sync_describe_dataset_output *out, cognito_sync_dataset *handle) {
    const cognito_sync_dataset_metadata *meta = cognito_sync_describe_dataset_output_dataset(out);
    char *value = NULL;
    cognito_sync_error *err = NULL;
    int rc = 0;
#if CASE == 0
    (void)cognito_sync_dataset_metadata_dataset_name(meta);
    rc = (int)cognito_sync_dataset_get(handle, "key", &value, &err);
    cognito_sync_dataset_free(handle);
#elif CASE == 1 /* metadata where the handle is wanted */
    rc = (int)cognito_sync_dataset_get(meta, "key", &value, &err);
#elif CASE == 2 /* the handle where metadata is wanted */
    (void)cognito_sync_dataset_metadata_dataset_name(handle);
#elif CASE == 3 /* freeing borrowed metadata as if it were an owned handle */
    cognito_sync_dataset_free((cognito_sync_dataset_metadata *)meta);
#endif
    cognito_sync_string_free(value);
    cognito_sync_error_free(err);
    return rc;
}
