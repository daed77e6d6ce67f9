//! The service's operations, listed once. `for_each_operation!(callback)` expands to
//! `callback! { /// docs\n name(Input) -> Output; ... }` with one entry per operation, so
//! the async client, the blocking client and anything else with one item per operation are
//! generated from the same list.

macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            /// BulkPublish: publish all existing datasets of a pool to its Kinesis stream
            /// (developer credentials).
            bulk_publish(BulkPublishInput) -> BulkPublishOutput;
            /// DeleteDataset: delete a dataset and its records.
            delete_dataset(DeleteDatasetInput) -> DeleteDatasetOutput;
            /// DescribeDataset: a dataset's metadata.
            describe_dataset(DescribeDatasetInput) -> DescribeDatasetOutput;
            /// DescribeIdentityPoolUsage: usage of a pool (developer credentials).
            describe_identity_pool_usage(DescribeIdentityPoolUsageInput) -> DescribeIdentityPoolUsageOutput;
            /// DescribeIdentityUsage: usage of an identity.
            describe_identity_usage(DescribeIdentityUsageInput) -> DescribeIdentityUsageOutput;
            /// GetBulkPublishDetails: state of the last bulk publish (developer credentials).
            get_bulk_publish_details(GetBulkPublishDetailsInput) -> GetBulkPublishDetailsOutput;
            /// GetCognitoEvents: the pool's event to Lambda mapping (developer credentials).
            get_cognito_events(GetCognitoEventsInput) -> GetCognitoEventsOutput;
            /// GetIdentityPoolConfiguration: push sync and streams settings (developer credentials).
            get_identity_pool_configuration(GetIdentityPoolConfigurationInput) -> GetIdentityPoolConfigurationOutput;
            /// ListDatasets: one page of an identity's datasets.
            list_datasets(ListDatasetsInput) -> ListDatasetsOutput;
            /// ListIdentityPoolUsage: one page of the account's pools (developer credentials).
            list_identity_pool_usage(ListIdentityPoolUsageInput) -> ListIdentityPoolUsageOutput;
            /// ListRecords: one page of the records changed after `last_sync_count`, with the
            /// session token UpdateRecords needs.
            list_records(ListRecordsInput) -> ListRecordsOutput;
            /// RegisterDevice: register a device for push sync (Cognito credentials).
            register_device(RegisterDeviceInput) -> RegisterDeviceOutput;
            /// SetCognitoEvents: set the pool's Sync Trigger Lambda (developer credentials).
            set_cognito_events(SetCognitoEventsInput) -> SetCognitoEventsOutput;
            /// SetIdentityPoolConfiguration: set push sync and streams (developer credentials).
            set_identity_pool_configuration(SetIdentityPoolConfigurationInput) -> SetIdentityPoolConfigurationOutput;
            /// SubscribeToDataset: push notifications of a dataset's changes to a device.
            subscribe_to_dataset(SubscribeToDatasetInput) -> SubscribeToDatasetOutput;
            /// UnsubscribeFromDataset: stop them.
            unsubscribe_from_dataset(UnsubscribeFromDatasetInput) -> UnsubscribeFromDatasetOutput;
            /// UpdateRecords: apply patches; a stale sync count fails with
            /// [`ErrorKind::ResourceConflict`](crate::ErrorKind::ResourceConflict) and nothing is applied.
            update_records(UpdateRecordsInput) -> UpdateRecordsOutput;
        }
    };
}
