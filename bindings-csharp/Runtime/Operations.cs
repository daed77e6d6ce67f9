using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync.Native;
using N = CognitoSync.Native.NativeMethods;

namespace CognitoSync
{
    // The operations: each request is built in an arena (UTF-8 copies freed after the call),
    // each result read into immutable classes before the native output is freed.
    public sealed partial class Client
    {
        // ---------------------------------------------------------------- ListRecords
        private static Func<Utf8Arena, IntPtr> ListRecordsReq(string identityPoolId, string identityId, string datasetName,
            long? lastSyncCount, string nextToken, int? maxResults, string syncSessionToken)
        {
            return a => a.Struct(new cognito_sync_list_records_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
                dataset_name = a.Required(datasetName, "datasetName"),
                last_sync_count = a.Int64(lastSyncCount),
                next_token = a.Str(nextToken, "nextToken"),
                max_results = a.Int32(maxResults),
                sync_session_token = a.Str(syncSessionToken, "syncSessionToken"),
            });
        }

        private static ListRecordsResult ReadListRecords(IntPtr o)
        {
            return new ListRecordsResult(
                Read.Many(o, N.cognito_sync_list_records_output_record_count, N.cognito_sync_list_records_output_record, Read.Record),
                Utf8.Read(N.cognito_sync_list_records_output_next_token(o)),
                Read.I32(N.cognito_sync_list_records_output_count, o),
                Read.I64(N.cognito_sync_list_records_output_dataset_sync_count, o),
                Utf8.Read(N.cognito_sync_list_records_output_last_modified_by(o)),
                Read.Many(o, N.cognito_sync_list_records_output_merged_dataset_name_count, N.cognito_sync_list_records_output_merged_dataset_name, Utf8.Read),
                Read.Bool(N.cognito_sync_list_records_output_dataset_exists, o),
                Read.Bool(N.cognito_sync_list_records_output_dataset_deleted_after_requested_sync_count, o),
                Utf8.Read(N.cognito_sync_list_records_output_sync_session_token(o)));
        }

        public ListRecordsResult ListRecords(string identityPoolId, string identityId, string datasetName,
            long? lastSyncCount = null, string nextToken = null, int? maxResults = null, string syncSessionToken = null)
        {
            return Call(ListRecordsReq(identityPoolId, identityId, datasetName, lastSyncCount, nextToken, maxResults, syncSessionToken),
                N.cognito_sync_list_records, ReadListRecords, N.cognito_sync_list_records_output_free);
        }

        public Task<ListRecordsResult> ListRecordsAsync(string identityPoolId, string identityId, string datasetName,
            long? lastSyncCount = null, string nextToken = null, int? maxResults = null, string syncSessionToken = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(ListRecordsReq(identityPoolId, identityId, datasetName, lastSyncCount, nextToken, maxResults, syncSessionToken),
                N.cognito_sync_list_records_start, N.cognito_sync_list_records_finish, ReadListRecords,
                N.cognito_sync_list_records_output_free, cancellationToken);
        }

        /// <summary>Every record changed after lastSyncCount, following NextToken page by page.</summary>
        public IEnumerable<Record> ListAllRecords(string identityPoolId, string identityId, string datasetName,
            long? lastSyncCount = null, int? pageSize = null)
        {
            string token = null;
            do
            {
                var page = ListRecords(identityPoolId, identityId, datasetName, lastSyncCount, token, pageSize);
                foreach (var r in page.Records) yield return r;
                token = page.NextToken;
            } while (!string.IsNullOrEmpty(token));
        }

        // ---------------------------------------------------------------- UpdateRecords
        private static Func<Utf8Arena, IntPtr> UpdateRecordsReq(string identityPoolId, string identityId, string datasetName,
            IList<RecordPatch> patches, string syncSessionToken, string deviceId, string clientContext)
        {
            return a =>
            {
                IntPtr array = IntPtr.Zero;
                int n = patches == null ? 0 : patches.Count;
                if (n > 0)
                {
                    int size = System.Runtime.InteropServices.Marshal.SizeOf(typeof(cognito_sync_record_patch));
                    array = a.Alloc(size * n);
                    for (int i = 0; i < n; i++)
                    {
                        var p = patches[i];
                        if (p == null) throw new ValidationException("recordPatches[" + i + "] is null");
                        var c = new cognito_sync_record_patch
                        {
                            op = (uint)(p.IsReplace ? Operation.Replace : Operation.Remove),
                            key = a.Required(p.Key, "recordPatches[" + i + "].Key"),
                            @value = a.Str(p.Value, "recordPatches[" + i + "].Value"),
                            sync_count = p.SyncCount,
                            device_last_modified_date = p.DeviceLastModifiedDate.HasValue
                                ? a.Int64(p.DeviceLastModifiedDate.Value.ToUnixTimeMilliseconds()) : IntPtr.Zero,
                        };
                        System.Runtime.InteropServices.Marshal.StructureToPtr(c, new IntPtr(array.ToInt64() + (long)size * i), false);
                    }
                }
                return a.Struct(new cognito_sync_update_records_request
                {
                    identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                    identity_id = a.Required(identityId, "identityId"),
                    dataset_name = a.Required(datasetName, "datasetName"),
                    device_id = a.Str(deviceId, "deviceId"),
                    record_patches = array,
                    record_patch_count = (UIntPtr)n,
                    sync_session_token = a.Required(syncSessionToken, "syncSessionToken"),
                    client_context = a.Str(clientContext, "clientContext"),
                });
            };
        }

        private static UpdateRecordsResult ReadUpdateRecords(IntPtr o)
        {
            return new UpdateRecordsResult(Read.Many(o, N.cognito_sync_update_records_output_record_count,
                N.cognito_sync_update_records_output_record, Read.Record));
        }

        public UpdateRecordsResult UpdateRecords(string identityPoolId, string identityId, string datasetName,
            IList<RecordPatch> recordPatches, string syncSessionToken, string deviceId = null, string clientContext = null)
        {
            return Call(UpdateRecordsReq(identityPoolId, identityId, datasetName, recordPatches, syncSessionToken, deviceId, clientContext),
                N.cognito_sync_update_records, ReadUpdateRecords, N.cognito_sync_update_records_output_free);
        }

        public Task<UpdateRecordsResult> UpdateRecordsAsync(string identityPoolId, string identityId, string datasetName,
            IList<RecordPatch> recordPatches, string syncSessionToken, string deviceId = null, string clientContext = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(UpdateRecordsReq(identityPoolId, identityId, datasetName, recordPatches, syncSessionToken, deviceId, clientContext),
                N.cognito_sync_update_records_start, N.cognito_sync_update_records_finish, ReadUpdateRecords,
                N.cognito_sync_update_records_output_free, cancellationToken);
        }

        // ---------------------------------------------------------------- ListDatasets
        private static Func<Utf8Arena, IntPtr> ListDatasetsReq(string identityPoolId, string identityId, string nextToken, int? maxResults)
        {
            return a => a.Struct(new cognito_sync_list_datasets_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
                next_token = a.Str(nextToken, "nextToken"),
                max_results = a.Int32(maxResults),
            });
        }

        private static ListDatasetsResult ReadListDatasets(IntPtr o)
        {
            return new ListDatasetsResult(
                Read.Many(o, N.cognito_sync_list_datasets_output_dataset_count, N.cognito_sync_list_datasets_output_dataset, Read.Dataset),
                Read.I32(N.cognito_sync_list_datasets_output_count, o),
                Utf8.Read(N.cognito_sync_list_datasets_output_next_token(o)));
        }

        public ListDatasetsResult ListDatasets(string identityPoolId, string identityId, string nextToken = null, int? maxResults = null)
        {
            return Call(ListDatasetsReq(identityPoolId, identityId, nextToken, maxResults), N.cognito_sync_list_datasets,
                ReadListDatasets, N.cognito_sync_list_datasets_output_free);
        }

        public Task<ListDatasetsResult> ListDatasetsAsync(string identityPoolId, string identityId, string nextToken = null,
            int? maxResults = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(ListDatasetsReq(identityPoolId, identityId, nextToken, maxResults), N.cognito_sync_list_datasets_start,
                N.cognito_sync_list_datasets_finish, ReadListDatasets, N.cognito_sync_list_datasets_output_free, cancellationToken);
        }

        /// <summary>Every dataset of an identity, following NextToken page by page.</summary>
        public IEnumerable<DatasetMetadata> ListAllDatasets(string identityPoolId, string identityId, int? pageSize = null)
        {
            string token = null;
            do
            {
                var page = ListDatasets(identityPoolId, identityId, token, pageSize);
                foreach (var d in page.Datasets) yield return d;
                token = page.NextToken;
            } while (!string.IsNullOrEmpty(token));
        }

        // ---------------------------------------------------------------- DescribeDataset / DeleteDataset
        private static Func<Utf8Arena, IntPtr> DescribeDatasetReq(string identityPoolId, string identityId, string datasetName)
        {
            return a => a.Struct(new cognito_sync_describe_dataset_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
                dataset_name = a.Required(datasetName, "datasetName"),
            });
        }

        private static Func<Utf8Arena, IntPtr> DeleteDatasetReq(string identityPoolId, string identityId, string datasetName)
        {
            return a => a.Struct(new cognito_sync_delete_dataset_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
                dataset_name = a.Required(datasetName, "datasetName"),
            });
        }

        public DatasetMetadata DescribeDataset(string identityPoolId, string identityId, string datasetName)
        {
            return Call(DescribeDatasetReq(identityPoolId, identityId, datasetName), N.cognito_sync_describe_dataset,
                o => Read.Dataset(N.cognito_sync_describe_dataset_output_dataset(o)), N.cognito_sync_describe_dataset_output_free);
        }

        public Task<DatasetMetadata> DescribeDatasetAsync(string identityPoolId, string identityId, string datasetName,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(DescribeDatasetReq(identityPoolId, identityId, datasetName), N.cognito_sync_describe_dataset_start,
                N.cognito_sync_describe_dataset_finish, o => Read.Dataset(N.cognito_sync_describe_dataset_output_dataset(o)),
                N.cognito_sync_describe_dataset_output_free, cancellationToken);
        }

        /// <summary>Deletes a dataset; returns its metadata as it was.</summary>
        public DatasetMetadata DeleteDataset(string identityPoolId, string identityId, string datasetName)
        {
            return Call(DeleteDatasetReq(identityPoolId, identityId, datasetName), N.cognito_sync_delete_dataset,
                o => Read.Dataset(N.cognito_sync_delete_dataset_output_dataset(o)), N.cognito_sync_delete_dataset_output_free);
        }

        public Task<DatasetMetadata> DeleteDatasetAsync(string identityPoolId, string identityId, string datasetName,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(DeleteDatasetReq(identityPoolId, identityId, datasetName), N.cognito_sync_delete_dataset_start,
                N.cognito_sync_delete_dataset_finish, o => Read.Dataset(N.cognito_sync_delete_dataset_output_dataset(o)),
                N.cognito_sync_delete_dataset_output_free, cancellationToken);
        }

        // ---------------------------------------------------------------- usage
        private static Func<Utf8Arena, IntPtr> ListPoolUsageReq(string nextToken, int? maxResults)
        {
            return a => a.Struct(new cognito_sync_list_identity_pool_usage_request
            {
                next_token = a.Str(nextToken, "nextToken"),
                max_results = a.Int32(maxResults),
            });
        }

        private static ListIdentityPoolUsageResult ReadListPoolUsage(IntPtr o)
        {
            return new ListIdentityPoolUsageResult(
                Read.Many(o, N.cognito_sync_list_identity_pool_usage_output_identity_pool_usage_count,
                    N.cognito_sync_list_identity_pool_usage_output_identity_pool_usage, Read.PoolUsage),
                Read.I32(N.cognito_sync_list_identity_pool_usage_output_max_results, o),
                Read.I32(N.cognito_sync_list_identity_pool_usage_output_count, o),
                Utf8.Read(N.cognito_sync_list_identity_pool_usage_output_next_token(o)));
        }

        public ListIdentityPoolUsageResult ListIdentityPoolUsage(string nextToken = null, int? maxResults = null)
        {
            return Call(ListPoolUsageReq(nextToken, maxResults), N.cognito_sync_list_identity_pool_usage, ReadListPoolUsage,
                N.cognito_sync_list_identity_pool_usage_output_free);
        }

        public Task<ListIdentityPoolUsageResult> ListIdentityPoolUsageAsync(string nextToken = null, int? maxResults = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(ListPoolUsageReq(nextToken, maxResults), N.cognito_sync_list_identity_pool_usage_start,
                N.cognito_sync_list_identity_pool_usage_finish, ReadListPoolUsage, N.cognito_sync_list_identity_pool_usage_output_free,
                cancellationToken);
        }

        /// <summary>Every pool's usage, following NextToken page by page.</summary>
        public IEnumerable<IdentityPoolUsage> ListAllIdentityPoolUsage(int? pageSize = null)
        {
            string token = null;
            do
            {
                var page = ListIdentityPoolUsage(token, pageSize);
                foreach (var u in page.IdentityPoolUsages) yield return u;
                token = page.NextToken;
            } while (!string.IsNullOrEmpty(token));
        }

        private static Func<Utf8Arena, IntPtr> DescribePoolUsageReq(string identityPoolId)
        {
            return a => a.Struct(new cognito_sync_describe_identity_pool_usage_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
            });
        }

        public IdentityPoolUsage DescribeIdentityPoolUsage(string identityPoolId)
        {
            return Call(DescribePoolUsageReq(identityPoolId), N.cognito_sync_describe_identity_pool_usage,
                o => Read.PoolUsage(N.cognito_sync_describe_identity_pool_usage_output_identity_pool_usage(o)),
                N.cognito_sync_describe_identity_pool_usage_output_free);
        }

        public Task<IdentityPoolUsage> DescribeIdentityPoolUsageAsync(string identityPoolId,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(DescribePoolUsageReq(identityPoolId), N.cognito_sync_describe_identity_pool_usage_start,
                N.cognito_sync_describe_identity_pool_usage_finish,
                o => Read.PoolUsage(N.cognito_sync_describe_identity_pool_usage_output_identity_pool_usage(o)),
                N.cognito_sync_describe_identity_pool_usage_output_free, cancellationToken);
        }

        private static Func<Utf8Arena, IntPtr> DescribeUsageReq(string identityPoolId, string identityId)
        {
            return a => a.Struct(new cognito_sync_describe_identity_usage_request
            {
                identity_pool_id = a.Required(identityPoolId, "identityPoolId"),
                identity_id = a.Required(identityId, "identityId"),
            });
        }

        public IdentityUsage DescribeIdentityUsage(string identityPoolId, string identityId)
        {
            return Call(DescribeUsageReq(identityPoolId, identityId), N.cognito_sync_describe_identity_usage,
                o => Read.Usage(N.cognito_sync_describe_identity_usage_output_identity_usage(o)),
                N.cognito_sync_describe_identity_usage_output_free);
        }

        public Task<IdentityUsage> DescribeIdentityUsageAsync(string identityPoolId, string identityId,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(DescribeUsageReq(identityPoolId, identityId), N.cognito_sync_describe_identity_usage_start,
                N.cognito_sync_describe_identity_usage_finish, o => Read.Usage(N.cognito_sync_describe_identity_usage_output_identity_usage(o)),
                N.cognito_sync_describe_identity_usage_output_free, cancellationToken);
        }
    }
}
