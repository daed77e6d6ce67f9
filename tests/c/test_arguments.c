/* Generated once from the header, then maintained by hand: every function
 * called with NULL pointers (and zero numbers) must fail cleanly with
 * COGNITO_SYNC_STATUS_NULL_ARGUMENT (or return its documented default),
 * never crash; every required request member NULL or invalid UTF-8 is
 * refused before anything is sent; out-parameters stay untouched. No
 * emulator needed: nothing here reaches the network. */
#include "harness.h"

static const char bad_utf8[] = {'u', 's', '-', (char)0xC3, (char)0x28, 0};
static const char *pool = "us-east-1:00000000-0000-0000-0000-000000000001";
static const char *ident = "us-east-1:00000000-0000-0000-0000-0000000000aa";

/* An error object was written, with the expected status and a message. */
static void check_err(cognito_sync_error **err, cognito_sync_status want) {
    CHECK(*err != NULL);
    if (*err != NULL) {
        CHECK(cognito_sync_error_status(*err) == want);
        CHECK(cognito_sync_error_message(*err) != NULL);
        CHECK(cognito_sync_error_code(*err) == NULL);
        CHECK(cognito_sync_error_http_status(*err) == 0);
        CHECK(cognito_sync_error_request_id(*err) == NULL);
        CHECK(!cognito_sync_error_is_retryable(*err));
        cognito_sync_error_free(*err);
        *err = NULL;
    }
}

/* Every fallible function with NULL pointers: NULL_ARGUMENT and an error object. */
static void test_every_fallible_function_refuses_null(void) {
    cognito_sync_error *err = NULL;

    CHECK_STATUS(cognito_sync_config_set_region(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_endpoint_url(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_static_credentials(NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_use_default_credentials(NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_use_profile(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_cognito_identity(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_add_cognito_login(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_cognito_identity_id(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_cognito_identity_endpoint_url(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_app_name(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_max_attempts(NULL, 0, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_connect_timeout_ms(NULL, 0, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_call_timeout_ms(NULL, 0, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_client_new(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_client_identity_id(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_client_identity_id_start(NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_client_identity_id_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_bulk_publish(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_bulk_publish_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_bulk_publish_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_cognito_events(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_cognito_events_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_cognito_events_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_cognito_events(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_cognito_events_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_cognito_events_finish(NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_finish(NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_finish(NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_identity_pool_usage(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_identity_pool_usage_start(NULL, NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_identity_pool_usage_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_conflict_set_value(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_get(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_put(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_remove(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_get_all(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_count(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_size_in_bytes(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_has_unsynced_changes(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_delete(NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_synchronize(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_synchronize_start(NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_synchronize_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_full_resync(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_full_resync_start(NULL, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_dataset_full_resync_finish(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_manager_new(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_manager_open_dataset(NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_manager_list_datasets(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_manager_identity_id(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_manager_wipe(NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_manager_poll_event(NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_manager_wait_event(NULL, 0, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
}

/* Getters and polls given NULL return their documented default. */
static void test_every_getter_tolerates_null(void) {
    CHECK(cognito_sync_error_status(NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_error_message(NULL) == NULL);
    CHECK(cognito_sync_error_code(NULL) == NULL);
    CHECK(cognito_sync_error_request_id(NULL) == NULL);
    CHECK(!cognito_sync_error_is_retryable(NULL));
    CHECK(cognito_sync_op_poll(NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_op_wait(NULL, 0) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STR(cognito_sync_op_name(NULL), ""); /* documented: "" */
    CHECK(cognito_sync_bulk_publish_output_identity_pool_id(NULL) == NULL);
    CHECK(cognito_sync_get_bulk_publish_details_output_identity_pool_id(NULL) == NULL);
    CHECK(!cognito_sync_get_bulk_publish_details_output_bulk_publish_start_time(NULL, NULL));
    CHECK(!cognito_sync_get_bulk_publish_details_output_bulk_publish_complete_time(NULL, NULL));
    CHECK(cognito_sync_get_bulk_publish_details_output_bulk_publish_status(NULL) == NULL);
    CHECK(cognito_sync_get_bulk_publish_details_output_failure_message(NULL) == NULL);
    CHECK(cognito_sync_delete_dataset_output_dataset(NULL) == NULL);
    CHECK(cognito_sync_describe_dataset_output_dataset(NULL) == NULL);
    CHECK(cognito_sync_list_datasets_output_dataset_count(NULL) == 0);
    CHECK(cognito_sync_list_datasets_output_dataset(NULL, 0) == NULL);
    CHECK(!cognito_sync_list_datasets_output_count(NULL, NULL));
    CHECK(cognito_sync_list_datasets_output_next_token(NULL) == NULL);
    CHECK(cognito_sync_get_cognito_events_output_event_count(NULL) == 0);
    CHECK(cognito_sync_get_cognito_events_output_event_type(NULL, 0) == NULL);
    CHECK(cognito_sync_get_cognito_events_output_event_lambda_function_arn(NULL, 0) == NULL);
    CHECK(cognito_sync_get_identity_pool_configuration_output_identity_pool_id(NULL) == NULL);
    CHECK(cognito_sync_get_identity_pool_configuration_output_push_sync(NULL) == NULL);
    CHECK(cognito_sync_get_identity_pool_configuration_output_cognito_streams(NULL) == NULL);
    CHECK(cognito_sync_set_identity_pool_configuration_output_identity_pool_id(NULL) == NULL);
    CHECK(cognito_sync_set_identity_pool_configuration_output_push_sync(NULL) == NULL);
    CHECK(cognito_sync_set_identity_pool_configuration_output_cognito_streams(NULL) == NULL);
    CHECK(cognito_sync_register_device_output_device_id(NULL) == NULL);
    CHECK(cognito_sync_list_records_output_record_count(NULL) == 0);
    CHECK(cognito_sync_list_records_output_record(NULL, 0) == NULL);
    CHECK(cognito_sync_list_records_output_next_token(NULL) == NULL);
    CHECK(!cognito_sync_list_records_output_count(NULL, NULL));
    CHECK(!cognito_sync_list_records_output_dataset_sync_count(NULL, NULL));
    CHECK(cognito_sync_list_records_output_last_modified_by(NULL) == NULL);
    CHECK(cognito_sync_list_records_output_merged_dataset_name_count(NULL) == 0);
    CHECK(cognito_sync_list_records_output_merged_dataset_name(NULL, 0) == NULL);
    CHECK(!cognito_sync_list_records_output_dataset_exists(NULL, NULL));
    CHECK(!cognito_sync_list_records_output_dataset_deleted_after_requested_sync_count(NULL, NULL));
    CHECK(cognito_sync_list_records_output_sync_session_token(NULL) == NULL);
    CHECK(cognito_sync_update_records_output_record_count(NULL) == 0);
    CHECK(cognito_sync_update_records_output_record(NULL, 0) == NULL);
    CHECK(cognito_sync_describe_identity_pool_usage_output_identity_pool_usage(NULL) == NULL);
    CHECK(cognito_sync_describe_identity_usage_output_identity_usage(NULL) == NULL);
    CHECK(cognito_sync_list_identity_pool_usage_output_identity_pool_usage_count(NULL) == 0);
    CHECK(cognito_sync_list_identity_pool_usage_output_identity_pool_usage(NULL, 0) == NULL);
    CHECK(!cognito_sync_list_identity_pool_usage_output_max_results(NULL, NULL));
    CHECK(!cognito_sync_list_identity_pool_usage_output_count(NULL, NULL));
    CHECK(cognito_sync_list_identity_pool_usage_output_next_token(NULL) == NULL);
    CHECK(cognito_sync_record_key(NULL) == NULL);
    CHECK(cognito_sync_record_value(NULL) == NULL);
    CHECK(cognito_sync_record_value_len(NULL) == 0);
    CHECK(!cognito_sync_record_sync_count(NULL, NULL));
    CHECK(!cognito_sync_record_last_modified_date(NULL, NULL));
    CHECK(cognito_sync_record_last_modified_by(NULL) == NULL);
    CHECK(!cognito_sync_record_device_last_modified_date(NULL, NULL));
    CHECK(cognito_sync_dataset_metadata_identity_id(NULL) == NULL);
    CHECK(cognito_sync_dataset_metadata_dataset_name(NULL) == NULL);
    CHECK(!cognito_sync_dataset_metadata_creation_date(NULL, NULL));
    CHECK(!cognito_sync_dataset_metadata_last_modified_date(NULL, NULL));
    CHECK(cognito_sync_dataset_metadata_last_modified_by(NULL) == NULL);
    CHECK(!cognito_sync_dataset_metadata_data_storage(NULL, NULL));
    CHECK(!cognito_sync_dataset_metadata_num_records(NULL, NULL));
    CHECK(cognito_sync_identity_usage_identity_id(NULL) == NULL);
    CHECK(cognito_sync_identity_usage_identity_pool_id(NULL) == NULL);
    CHECK(!cognito_sync_identity_usage_last_modified_date(NULL, NULL));
    CHECK(!cognito_sync_identity_usage_dataset_count(NULL, NULL));
    CHECK(!cognito_sync_identity_usage_data_storage(NULL, NULL));
    CHECK(cognito_sync_identity_pool_usage_identity_pool_id(NULL) == NULL);
    CHECK(!cognito_sync_identity_pool_usage_sync_sessions_count(NULL, NULL));
    CHECK(!cognito_sync_identity_pool_usage_data_storage(NULL, NULL));
    CHECK(!cognito_sync_identity_pool_usage_last_modified_date(NULL, NULL));
    CHECK(cognito_sync_push_sync_application_arn_count(NULL) == 0);
    CHECK(cognito_sync_push_sync_application_arn(NULL, 0) == NULL);
    CHECK(cognito_sync_push_sync_role_arn(NULL) == NULL);
    CHECK(cognito_sync_cognito_streams_stream_name(NULL) == NULL);
    CHECK(cognito_sync_cognito_streams_role_arn(NULL) == NULL);
    CHECK(cognito_sync_cognito_streams_streaming_status(NULL) == NULL);
    CHECK(cognito_sync_conflict_identity_id(NULL) == NULL);
    CHECK(cognito_sync_conflict_dataset(NULL) == NULL);
    CHECK(cognito_sync_conflict_key(NULL) == NULL);
    CHECK(cognito_sync_conflict_local_value(NULL) == NULL);
    CHECK(cognito_sync_conflict_remote_value(NULL) == NULL);
    CHECK(!cognito_sync_conflict_device_last_modified(NULL, 0, NULL));
    CHECK(!cognito_sync_conflict_remote_last_modified(NULL, NULL));
    CHECK(cognito_sync_conflict_remote_last_modified_by(NULL) == NULL);
    CHECK(cognito_sync_event_get_kind(NULL) == 0);
    CHECK(cognito_sync_event_identity_id(NULL) == NULL);
    CHECK(cognito_sync_event_previous_identity_id(NULL) == NULL);
    CHECK(cognito_sync_event_dataset(NULL) == NULL);
    CHECK(cognito_sync_event_source(NULL) == 0);
    CHECK(cognito_sync_event_phase(NULL) == 0);
    CHECK(cognito_sync_event_key_count(NULL) == 0);
    CHECK(cognito_sync_event_key(NULL, 0) == NULL);
    CHECK(!cognito_sync_event_sync_id(NULL, NULL));
    CHECK(cognito_sync_event_report(NULL) == NULL);
    CHECK(cognito_sync_event_error(NULL) == NULL);
    CHECK(cognito_sync_string_list_count(NULL) == 0);
    CHECK(cognito_sync_string_list_item(NULL, 0) == NULL);
    CHECK(cognito_sync_key_values_count(NULL) == 0);
    CHECK(cognito_sync_key_values_key(NULL, 0) == NULL);
    CHECK(cognito_sync_key_values_value(NULL, 0) == NULL);
    CHECK(cognito_sync_sync_report_dataset(NULL) == NULL);
    CHECK(cognito_sync_sync_report_identity_id(NULL) == NULL);
    CHECK(cognito_sync_sync_report_changed_key_count(NULL) == 0);
    CHECK(cognito_sync_sync_report_changed_key(NULL, 0) == NULL);
    CHECK(cognito_sync_sync_report_merged_dataset_count(NULL) == 0);
    CHECK(cognito_sync_sync_report_merged_dataset(NULL, 0) == NULL);
    CHECK(!cognito_sync_sync_report_deleted(NULL));
    CHECK(!cognito_sync_sync_report_deleted_remotely(NULL));
    CHECK(!cognito_sync_sync_report_coalesced(NULL));
}

/* Freeing NULL does nothing, for every free function. */
static void test_every_free_accepts_null(void) {
    cognito_sync_config_free(NULL);
    cognito_sync_client_free(NULL);
    cognito_sync_error_free(NULL);
    cognito_sync_op_free(NULL);
    cognito_sync_bulk_publish_output_free(NULL);
    cognito_sync_get_bulk_publish_details_output_free(NULL);
    cognito_sync_delete_dataset_output_free(NULL);
    cognito_sync_describe_dataset_output_free(NULL);
    cognito_sync_list_datasets_output_free(NULL);
    cognito_sync_get_cognito_events_output_free(NULL);
    cognito_sync_get_identity_pool_configuration_output_free(NULL);
    cognito_sync_set_identity_pool_configuration_output_free(NULL);
    cognito_sync_register_device_output_free(NULL);
    cognito_sync_list_records_output_free(NULL);
    cognito_sync_update_records_output_free(NULL);
    cognito_sync_describe_identity_pool_usage_output_free(NULL);
    cognito_sync_describe_identity_usage_output_free(NULL);
    cognito_sync_list_identity_pool_usage_output_free(NULL);
    cognito_sync_string_free(NULL);
    cognito_sync_dataset_free(NULL);
    cognito_sync_event_free(NULL);
    cognito_sync_string_list_free(NULL);
    cognito_sync_key_values_free(NULL);
    cognito_sync_manager_free(NULL);
    cognito_sync_sync_report_free(NULL);
    CHECK(1);
}

/* A client that never connects: these requests fail before any I/O. */
static cognito_sync_client *offline_client(void) {
    cognito_sync_config *config = cognito_sync_config_new();
    cognito_sync_client *client = NULL;
    CHECK_OK(cognito_sync_config_set_region(config, "us-east-1", NULL), NULL);
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, "http://127.0.0.1:1", NULL), NULL);
    CHECK_OK(cognito_sync_config_set_static_credentials(config, "AKID", "SECRET", NULL, NULL), NULL);
    CHECK_OK(cognito_sync_client_new(config, &client, NULL), NULL);
    cognito_sync_config_free(config);
    return client;
}

static void test_bulk_publish_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_bulk_publish_output *out = (cognito_sync_bulk_publish_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_bulk_publish_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_bulk_publish_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_bulk_publish(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_bulk_publish_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_bulk_publish(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_bulk_publish_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    CHECK_STATUS(cognito_sync_bulk_publish(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_bulk_publish(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_bulk_publish_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_bulk_publish_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_bulk_publish(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_bulk_publish_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_get_bulk_publish_details_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_get_bulk_publish_details_output *out = (cognito_sync_get_bulk_publish_details_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_get_bulk_publish_details_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_get_bulk_publish_details_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_get_bulk_publish_details(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_get_bulk_publish_details(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    CHECK_STATUS(cognito_sync_get_bulk_publish_details(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_bulk_publish_details_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_get_bulk_publish_details(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_get_bulk_publish_details_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_delete_dataset_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_delete_dataset_output *out = (cognito_sync_delete_dataset_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_delete_dataset_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_delete_dataset_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_delete_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_delete_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_delete_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_delete_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_delete_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_delete_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.dataset_name = NULL;
    CHECK_STATUS(cognito_sync_delete_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.dataset_name = bad_utf8;
    CHECK_STATUS(cognito_sync_delete_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_delete_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    CHECK_STATUS(cognito_sync_delete_dataset(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_delete_dataset_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_delete_dataset(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_delete_dataset_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_describe_dataset_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_describe_dataset_output *out = (cognito_sync_describe_dataset_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_describe_dataset_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_describe_dataset_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_describe_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_describe_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_describe_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_describe_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_describe_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_describe_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.dataset_name = NULL;
    CHECK_STATUS(cognito_sync_describe_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.dataset_name = bad_utf8;
    CHECK_STATUS(cognito_sync_describe_dataset(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_describe_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    CHECK_STATUS(cognito_sync_describe_dataset(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_dataset_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_describe_dataset(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_describe_dataset_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_list_datasets_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_list_datasets_output *out = (cognito_sync_list_datasets_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_list_datasets_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_list_datasets_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_list_datasets(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_list_datasets(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_list_datasets_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_list_datasets(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_list_datasets(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_list_datasets_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    CHECK_STATUS(cognito_sync_list_datasets(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_datasets_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_list_datasets(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_list_datasets_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_describe_identity_pool_usage_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_describe_identity_pool_usage_output *out = (cognito_sync_describe_identity_pool_usage_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_describe_identity_pool_usage_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_describe_identity_pool_usage_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_pool_usage_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_describe_identity_pool_usage(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_describe_identity_pool_usage_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_describe_identity_usage_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_describe_identity_usage_output *out = (cognito_sync_describe_identity_usage_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_describe_identity_usage_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_describe_identity_usage_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_describe_identity_usage(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_describe_identity_usage(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_describe_identity_usage_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_describe_identity_usage(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_describe_identity_usage(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_describe_identity_usage_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    CHECK_STATUS(cognito_sync_describe_identity_usage(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_describe_identity_usage_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_describe_identity_usage(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_describe_identity_usage_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_list_identity_pool_usage_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_list_identity_pool_usage_output *out = (cognito_sync_list_identity_pool_usage_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_list_identity_pool_usage_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_list_identity_pool_usage_request req;
    memset(&req, 0, sizeof req);
    CHECK_STATUS(cognito_sync_list_identity_pool_usage(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_identity_pool_usage(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_identity_pool_usage_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_identity_pool_usage_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_list_identity_pool_usage(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_list_identity_pool_usage_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_get_cognito_events_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_get_cognito_events_output *out = (cognito_sync_get_cognito_events_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_get_cognito_events_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_get_cognito_events_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_get_cognito_events(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_cognito_events_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_get_cognito_events(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_get_cognito_events_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    CHECK_STATUS(cognito_sync_get_cognito_events(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_cognito_events(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_cognito_events_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_cognito_events_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_get_cognito_events(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_get_cognito_events_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_set_cognito_events_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    cognito_sync_set_cognito_events_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_set_cognito_events(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_cognito_events_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_set_cognito_events(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_set_cognito_events_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    CHECK_STATUS(cognito_sync_set_cognito_events(client, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_cognito_events_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_cognito_events_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_set_cognito_events(NULL, &req, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_set_cognito_events_finish(NULL, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
}

static void test_get_identity_pool_configuration_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_get_identity_pool_configuration_output *out = (cognito_sync_get_identity_pool_configuration_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_get_identity_pool_configuration_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_get_identity_pool_configuration_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_get_identity_pool_configuration_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_get_identity_pool_configuration(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_get_identity_pool_configuration_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_set_identity_pool_configuration_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_set_identity_pool_configuration_output *out = (cognito_sync_set_identity_pool_configuration_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_set_identity_pool_configuration_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_set_identity_pool_configuration_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_set_identity_pool_configuration_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_set_identity_pool_configuration(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_set_identity_pool_configuration_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_list_records_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_list_records_output *out = (cognito_sync_list_records_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_list_records_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_list_records_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_list_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_list_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_list_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_list_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_list_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_list_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.dataset_name = NULL;
    CHECK_STATUS(cognito_sync_list_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.dataset_name = bad_utf8;
    CHECK_STATUS(cognito_sync_list_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_list_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    CHECK_STATUS(cognito_sync_list_records(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_list_records_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_list_records(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_list_records_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_update_records_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_update_records_output *out = (cognito_sync_update_records_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_update_records_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_update_records_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.dataset_name = NULL;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.dataset_name = bad_utf8;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.sync_session_token = NULL;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    req.sync_session_token = bad_utf8;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "x";
    CHECK_STATUS(cognito_sync_update_records(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_update_records_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_update_records(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_update_records_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_register_device_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_register_device_output *out = (cognito_sync_register_device_output *)&err; /* sentinel: must stay untouched */
    cognito_sync_register_device_output *const sentinel = out;
    cognito_sync_op *op = NULL;
    cognito_sync_register_device_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.platform = NULL;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.platform = bad_utf8;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.token = NULL;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    req.token = bad_utf8;
    CHECK_STATUS(cognito_sync_register_device(client, &req, &out, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.platform = "GCM";
    req.token = "x";
    CHECK_STATUS(cognito_sync_register_device(client, &req, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device(client, NULL, &out, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(out == sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_register_device_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_register_device(NULL, &req, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_register_device_finish(NULL, &out, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(out == sentinel);
}

static void test_subscribe_to_dataset_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    cognito_sync_subscribe_to_dataset_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.dataset_name = NULL;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.dataset_name = bad_utf8;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.device_id = NULL;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.device_id = bad_utf8;
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    CHECK_STATUS(cognito_sync_subscribe_to_dataset(client, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_subscribe_to_dataset_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_subscribe_to_dataset(NULL, &req, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_subscribe_to_dataset_finish(NULL, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
}

static void test_unsubscribe_from_dataset_request_members(cognito_sync_client *client) {
    cognito_sync_error *err = NULL;
    cognito_sync_op *op = NULL;
    cognito_sync_unsubscribe_from_dataset_request req;
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_pool_id = NULL;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_pool_id = bad_utf8;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_id = NULL;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.identity_id = bad_utf8;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.dataset_name = NULL;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.dataset_name = bad_utf8;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.device_id = NULL;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    req.device_id = bad_utf8;
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, &req, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    memset(&req, 0, sizeof req);
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.device_id = "x";
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset(client, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(client, &req, NULL, NULL, NULL, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_unsubscribe_from_dataset_start(NULL, &req, NULL, NULL, &op, &err), COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    CHECK(op == NULL);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    /* Without err_out the status alone reports the failure. */
    CHECK(cognito_sync_unsubscribe_from_dataset(NULL, &req, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK(cognito_sync_unsubscribe_from_dataset_finish(NULL, NULL) == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
}

static void test_request_members(void) {
    cognito_sync_client *client = offline_client();
    test_bulk_publish_request_members(client);
    test_get_bulk_publish_details_request_members(client);
    test_delete_dataset_request_members(client);
    test_describe_dataset_request_members(client);
    test_list_datasets_request_members(client);
    test_describe_identity_pool_usage_request_members(client);
    test_describe_identity_usage_request_members(client);
    test_list_identity_pool_usage_request_members(client);
    test_get_cognito_events_request_members(client);
    test_set_cognito_events_request_members(client);
    test_get_identity_pool_configuration_request_members(client);
    test_set_identity_pool_configuration_request_members(client);
    test_list_records_request_members(client);
    test_update_records_request_members(client);
    test_register_device_request_members(client);
    test_subscribe_to_dataset_request_members(client);
    test_unsubscribe_from_dataset_request_members(client);
    cognito_sync_client_free(client);
}
/* Members nested in arrays and sub-structs are checked too, with their path. */
static void test_nested_members(void) {
    cognito_sync_client *client = offline_client();
    cognito_sync_error *err = NULL;
    cognito_sync_update_records_output *out = NULL;
    cognito_sync_update_records_request req = {0};
    cognito_sync_record_patch patches[2];
    const char *msg;

    memset(patches, 0, sizeof patches);
    patches[0].key = "a";
    patches[0].value = "1";
    patches[1].key = NULL;
    req.identity_pool_id = pool;
    req.identity_id = ident;
    req.dataset_name = "ds";
    req.sync_session_token = "t";
    req.record_patches = patches;
    req.record_patch_count = 2;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    msg = cognito_sync_error_message(err);
    CHECK(msg != NULL && strstr(msg, "record_patches[1].key") != NULL);
    cognito_sync_error_free(err);
    err = NULL;

    patches[1].key = "b";
    patches[1].op = 7;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;

    patches[1].op = COGNITO_SYNC_OPERATION_REMOVE;
    patches[1].value = bad_utf8;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err),
                 COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    cognito_sync_error_free(err);
    err = NULL;

    /* A count with a NULL array. */
    req.record_patches = NULL;
    CHECK_STATUS(cognito_sync_update_records(client, &req, &out, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK(out == NULL);

    {
        cognito_sync_set_cognito_events_request ev = {0};
        cognito_sync_cognito_event events[1] = {{NULL, "arn"}};
        ev.identity_pool_id = pool;
        ev.events = events;
        ev.event_count = 1;
        CHECK_STATUS(cognito_sync_set_cognito_events(client, &ev, &err),
                     COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
        cognito_sync_error_free(err);
        err = NULL;
        events[0].event_type = "SyncTrigger";
        events[0].lambda_function_arn = bad_utf8;
        CHECK_STATUS(cognito_sync_set_cognito_events(client, &ev, &err),
                     COGNITO_SYNC_STATUS_INVALID_UTF8, err);
        cognito_sync_error_free(err);
        err = NULL;
    }
    {
        cognito_sync_set_identity_pool_configuration_request cfg = {0};
        cognito_sync_set_identity_pool_configuration_output *cout = NULL;
        const char *arns[2] = {"arn:aws:sns:us-east-1:123456789012:app/GCM/a", NULL};
        cognito_sync_push_sync_input push = {0};
        cognito_sync_cognito_streams_input streams = {0};
        push.application_arns = arns;
        push.application_arn_count = 2;
        cfg.identity_pool_id = pool;
        cfg.push_sync = &push;
        CHECK_STATUS(cognito_sync_set_identity_pool_configuration(client, &cfg, &cout, &err),
                     COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
        msg = cognito_sync_error_message(err);
        CHECK(msg != NULL && strstr(msg, "push_sync.application_arns[1]") != NULL);
        cognito_sync_error_free(err);
        err = NULL;
        push.application_arn_count = 1;
        push.role_arn = bad_utf8;
        CHECK_STATUS(cognito_sync_set_identity_pool_configuration(client, &cfg, &cout, &err),
                     COGNITO_SYNC_STATUS_INVALID_UTF8, err);
        cognito_sync_error_free(err);
        err = NULL;
        cfg.push_sync = NULL;
        streams.streaming_status = bad_utf8;
        cfg.cognito_streams = &streams;
        CHECK_STATUS(cognito_sync_set_identity_pool_configuration(client, &cfg, &cout, &err),
                     COGNITO_SYNC_STATUS_INVALID_UTF8, err);
        cognito_sync_error_free(err);
        err = NULL;
        CHECK(cout == NULL);
    }
    cognito_sync_client_free(client);
}

static void test_configuration_arguments(void) {
    cognito_sync_config *config = cognito_sync_config_new();
    cognito_sync_client *client = (cognito_sync_client *)&config; /* sentinel */
    cognito_sync_client *const sentinel = client;
    cognito_sync_error *err = NULL;
    char *id = (char *)&err;
    char *const id_sentinel = id;

    CHECK(config != NULL);
    CHECK_STATUS(cognito_sync_config_set_region(config, bad_utf8, &err),
                 COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_config_set_region(config, NULL, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_endpoint_url(config, bad_utf8, &err),
                 COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_config_set_static_credentials(config, "AKID", NULL, NULL, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_static_credentials(config, "AKID", "S", bad_utf8, &err),
                 COGNITO_SYNC_STATUS_INVALID_UTF8, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_UTF8);
    CHECK_STATUS(cognito_sync_config_set_max_attempts(config, 0, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_connect_timeout_ms(config, 0, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_call_timeout_ms(config, 0, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    /* Cognito settings need Cognito credentials first. */
    CHECK_STATUS(cognito_sync_config_add_cognito_login(config, "graph.facebook.com", "tok", &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_sync_config_set_cognito_identity_id(config, ident, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(
        cognito_sync_config_set_cognito_identity_endpoint_url(config, "http://127.0.0.1:1", &err),
        COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);

    /* Every setter works on a valid configuration. */
    CHECK_OK(cognito_sync_config_set_region(config, "eu-west-1", &err), err);
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, "http://127.0.0.1:1", &err), err);
    CHECK_OK(cognito_sync_config_set_max_attempts(config, 5, &err), err);
    CHECK_OK(cognito_sync_config_set_connect_timeout_ms(config, 1000, &err), err);
    CHECK_OK(cognito_sync_config_set_call_timeout_ms(config, 5000, &err), err);
    CHECK_OK(cognito_sync_config_set_app_name(config, "my-game/1.2", &err), err);
    CHECK_OK(cognito_sync_config_use_profile(config, "default", &err), err);
    CHECK_OK(cognito_sync_config_use_default_credentials(config, &err), err);
    CHECK_OK(cognito_sync_config_set_static_credentials(config, "AKID", "S", "TOKEN", &err), err);
    CHECK_OK(cognito_sync_config_set_cognito_identity(config, pool, &err), err);
    CHECK_OK(cognito_sync_config_add_cognito_login(config, "graph.facebook.com", "tok", &err), err);
    CHECK_OK(cognito_sync_config_set_cognito_identity_id(config, ident, &err), err);
    CHECK_OK(
        cognito_sync_config_set_cognito_identity_endpoint_url(config, "http://127.0.0.1:1", &err),
        err);
    CHECK_OK(cognito_sync_client_new(config, &client, &err), err);
    CHECK(client != sentinel && client != NULL);
    cognito_sync_client_free(client);

    /* An unusable configuration fails at client creation, out-param untouched. */
    client = sentinel;
    CHECK_OK(cognito_sync_config_use_default_credentials(config, &err), err);
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, "not a url", &err), err);
    CHECK_STATUS(cognito_sync_client_new(config, &client, &err), COGNITO_SYNC_STATUS_VALIDATION,
                 err);
    CHECK(client == sentinel);
    cognito_sync_error_free(err);
    err = NULL;

    /* An application name that cannot go in a header fails at client creation too. */
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, "http://127.0.0.1:1", &err), err);
    CHECK_OK(cognito_sync_config_set_app_name(config, "caf\xc3\xa9\n", &err), err);
    CHECK_STATUS(cognito_sync_client_new(config, &client, &err), COGNITO_SYNC_STATUS_VALIDATION,
                 err);
    CHECK(client == sentinel);
    CHECK(err != NULL && strstr(cognito_sync_error_message(err), "app_name") != NULL);
    cognito_sync_error_free(err);
    err = NULL;
    CHECK_OK(cognito_sync_config_set_app_name(config, "my-game/1.2", &err), err);
    CHECK_OK(cognito_sync_config_set_endpoint_url(config, "http://127.0.0.1:1", &err), err);
    CHECK_OK(cognito_sync_config_set_cognito_identity(config, "not-a-pool", &err), err);
    CHECK_STATUS(cognito_sync_client_new(config, &client, &err), COGNITO_SYNC_STATUS_VALIDATION,
                 err);
    CHECK(client == sentinel);
    cognito_sync_error_free(err);
    err = NULL;

    /* A client without Cognito credentials has no identity id. */
    CHECK_OK(cognito_sync_config_set_static_credentials(config, "AKID", "S", NULL, &err), err);
    CHECK_OK(cognito_sync_client_new(config, &client, &err), err);
    CHECK_STATUS(cognito_sync_client_identity_id(client, &id, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    CHECK(id == id_sentinel);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_sync_client_identity_id_start(client, NULL, NULL, NULL, &err),
                 COGNITO_SYNC_STATUS_NULL_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_NULL_ARGUMENT);
    cognito_sync_client_free(client);
    cognito_sync_config_free(config);
}

static void test_version_and_status_text(void) {
    char header[32];
    const char *s;
    unsigned code;
    snprintf(header, sizeof header, "%d.%d.%d", COGNITO_SYNC_VERSION_MAJOR,
             COGNITO_SYNC_VERSION_MINOR, COGNITO_SYNC_VERSION_PATCH);
    CHECK_STR(cognito_sync_version(), COGNITO_SYNC_VERSION);
    CHECK_STR(cognito_sync_version(), header);

    CHECK_STR(cognito_sync_status_str(COGNITO_SYNC_STATUS_OK), "ok");
    CHECK_STR(cognito_sync_status_str(99999), "unknown status");
    CHECK_STR(cognito_sync_status_str(2), "unknown status");
    s = cognito_sync_status_str(COGNITO_SYNC_STATUS_RESOURCE_CONFLICT);
    CHECK(s != NULL && strstr(s, "ResourceConflictException") != NULL);
    /* Every value in the ranges has static text, known or "unknown status". */
    for (code = 0; code < 1000; code++) {
        s = cognito_sync_status_str(code);
        CHECK(s != NULL && s[0] != '\0');
    }
    /* The numbers are part of the ABI. */
    CHECK(COGNITO_SYNC_STATUS_PENDING == 1);
    CHECK(COGNITO_SYNC_STATUS_NULL_ARGUMENT == 100);
    CHECK(COGNITO_SYNC_STATUS_INVALID_UTF8 == 101);
    CHECK(COGNITO_SYNC_STATUS_REENTRANT_CALL == 103);
    CHECK(COGNITO_SYNC_STATUS_VALIDATION == 200);
    CHECK(COGNITO_SYNC_STATUS_INVALID_PARAMETER == 300);
    CHECK(COGNITO_SYNC_STATUS_CONCURRENT_MODIFICATION == 312);
    CHECK(COGNITO_SYNC_STATUS_SERVICE_ERROR == 399);
    CHECK(COGNITO_SYNC_STATUS_PANIC == 900);
    CHECK(COGNITO_SYNC_LOG_LEVEL_TRACE == 5);
    CHECK(COGNITO_SYNC_OPERATION_REPLACE == 0 && COGNITO_SYNC_OPERATION_REMOVE == 1);
}

static void test_log_level_is_checked(void) {
    cognito_sync_error *err = NULL;
    CHECK_STATUS(cognito_sync_set_log_callback(NULL, 6, NULL, &err),
                 COGNITO_SYNC_STATUS_INVALID_ARGUMENT, err);
    check_err(&err, COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK_OK(cognito_sync_set_log_callback(NULL, COGNITO_SYNC_LOG_LEVEL_OFF, NULL, &err), err);
}

int main(void) {
    RUN(test_version_and_status_text);
    RUN(test_every_fallible_function_refuses_null);
    RUN(test_every_getter_tolerates_null);
    RUN(test_every_free_accepts_null);
    RUN(test_request_members);
    RUN(test_nested_members);
    RUN(test_configuration_arguments);
    RUN(test_log_level_is_checked);
    return harness_summary("test_arguments");
}
