using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using CognitoSync.Native;

namespace CognitoSync
{
    /// <summary>One record of a dataset (immutable).</summary>
    public sealed class Record
    {
        public Record(string key, string value, long syncCount, DateTimeOffset? lastModifiedDate, string lastModifiedBy,
            DateTimeOffset? deviceLastModifiedDate = null)
        {
            Key = key; Value = value; SyncCount = syncCount; LastModifiedDate = lastModifiedDate; LastModifiedBy = lastModifiedBy;
            DeviceLastModifiedDate = deviceLastModifiedDate;
        }
        /// <summary>The device clock of the last change, as the writer sent it.</summary>
        public DateTimeOffset? DeviceLastModifiedDate { get; private set; }
        public string Key { get; private set; }
        /// <summary>null when the record is deleted.</summary>
        public string Value { get; private set; }
        public long SyncCount { get; private set; }
        public DateTimeOffset? LastModifiedDate { get; private set; }
        public string LastModifiedBy { get; private set; }
    }

    /// <summary>A change of UpdateRecords.</summary>
    public sealed class RecordPatch
    {
        private RecordPatch(bool replace, string key, string value, long syncCount, DateTimeOffset? deviceLastModifiedDate)
        {
            IsReplace = replace; Key = key; Value = value; SyncCount = syncCount; DeviceLastModifiedDate = deviceLastModifiedDate;
        }
        public static RecordPatch Replace(string key, string value, long syncCount, DateTimeOffset? deviceLastModifiedDate = null)
        {
            return new RecordPatch(true, key, value, syncCount, deviceLastModifiedDate);
        }
        public static RecordPatch Remove(string key, long syncCount, DateTimeOffset? deviceLastModifiedDate = null)
        {
            return new RecordPatch(false, key, null, syncCount, deviceLastModifiedDate);
        }
        /// <summary>The device clock of the change (optional; used by last-writer-wins).</summary>
        public DateTimeOffset? DeviceLastModifiedDate { get; private set; }
        public bool IsReplace { get; private set; }
        public string Key { get; private set; }
        public string Value { get; private set; }
        public long SyncCount { get; private set; }
    }

    /// <summary>The service's metadata of a dataset (immutable).</summary>
    public sealed class DatasetMetadata
    {
        public DatasetMetadata(string identityId, string datasetName, DateTimeOffset? creationDate,
            DateTimeOffset? lastModifiedDate, string lastModifiedBy, long? dataStorage, long? numRecords)
        {
            IdentityId = identityId; DatasetName = datasetName; CreationDate = creationDate;
            LastModifiedDate = lastModifiedDate; LastModifiedBy = lastModifiedBy; DataStorage = dataStorage; NumRecords = numRecords;
        }
        public string IdentityId { get; private set; }
        public string DatasetName { get; private set; }
        public DateTimeOffset? CreationDate { get; private set; }
        public DateTimeOffset? LastModifiedDate { get; private set; }
        public string LastModifiedBy { get; private set; }
        public long? DataStorage { get; private set; }
        public long? NumRecords { get; private set; }
    }

    public sealed class ListRecordsResult
    {
        public ListRecordsResult(IList<Record> records, string nextToken, long? count, long? datasetSyncCount,
            string lastModifiedBy, IList<string> mergedDatasetNames, bool? datasetExists,
            bool? datasetDeletedAfterRequestedSyncCount, string syncSessionToken)
        {
            Records = new ReadOnlyCollection<Record>(records); NextToken = nextToken; Count = count;
            DatasetSyncCount = datasetSyncCount; LastModifiedBy = lastModifiedBy;
            MergedDatasetNames = new ReadOnlyCollection<string>(mergedDatasetNames); DatasetExists = datasetExists;
            DatasetDeletedAfterRequestedSyncCount = datasetDeletedAfterRequestedSyncCount; SyncSessionToken = syncSessionToken;
        }
        public ReadOnlyCollection<Record> Records { get; private set; }
        public string NextToken { get; private set; }
        public long? Count { get; private set; }
        public long? DatasetSyncCount { get; private set; }
        public string LastModifiedBy { get; private set; }
        public ReadOnlyCollection<string> MergedDatasetNames { get; private set; }
        public bool? DatasetExists { get; private set; }
        public bool? DatasetDeletedAfterRequestedSyncCount { get; private set; }
        public string SyncSessionToken { get; private set; }
    }

    public sealed class UpdateRecordsResult
    {
        public UpdateRecordsResult(IList<Record> records) { Records = new ReadOnlyCollection<Record>(records); }
        public ReadOnlyCollection<Record> Records { get; private set; }
    }

    public sealed class ListDatasetsResult
    {
        public ListDatasetsResult(IList<DatasetMetadata> datasets, long? count, string nextToken)
        {
            Datasets = new ReadOnlyCollection<DatasetMetadata>(datasets); Count = count; NextToken = nextToken;
        }
        public ReadOnlyCollection<DatasetMetadata> Datasets { get; private set; }
        public long? Count { get; private set; }
        public string NextToken { get; private set; }
    }

    public sealed class IdentityPoolUsage
    {
        public IdentityPoolUsage(string identityPoolId, long? syncSessionsCount, long? dataStorage, DateTimeOffset? lastModifiedDate)
        {
            IdentityPoolId = identityPoolId; SyncSessionsCount = syncSessionsCount; DataStorage = dataStorage; LastModifiedDate = lastModifiedDate;
        }
        public string IdentityPoolId { get; private set; }
        public long? SyncSessionsCount { get; private set; }
        public long? DataStorage { get; private set; }
        public DateTimeOffset? LastModifiedDate { get; private set; }
    }

    public sealed class IdentityUsage
    {
        public IdentityUsage(string identityId, string identityPoolId, DateTimeOffset? lastModifiedDate, long? datasetCount, long? dataStorage)
        {
            IdentityId = identityId; IdentityPoolId = identityPoolId; LastModifiedDate = lastModifiedDate; DatasetCount = datasetCount; DataStorage = dataStorage;
        }
        public string IdentityId { get; private set; }
        public string IdentityPoolId { get; private set; }
        public DateTimeOffset? LastModifiedDate { get; private set; }
        public long? DatasetCount { get; private set; }
        public long? DataStorage { get; private set; }
    }

    public sealed class ListIdentityPoolUsageResult
    {
        public ListIdentityPoolUsageResult(IList<IdentityPoolUsage> usages, long? maxResults, long? count, string nextToken)
        {
            IdentityPoolUsages = new ReadOnlyCollection<IdentityPoolUsage>(usages); MaxResults = maxResults; Count = count; NextToken = nextToken;
        }
        public ReadOnlyCollection<IdentityPoolUsage> IdentityPoolUsages { get; private set; }
        public long? MaxResults { get; private set; }
        public long? Count { get; private set; }
        public string NextToken { get; private set; }
    }

    /// <summary>Reads native shapes into the immutable classes above (borrowed pointers only).</summary>
    internal static unsafe class Read
    {
        public delegate bool I64Getter(IntPtr obj, IntPtr value);
        public delegate bool I32Getter(IntPtr obj, IntPtr value);

        public static long? I64(I64Getter f, IntPtr obj)
        {
            long v = 0;
            return f(obj, (IntPtr)(&v)) ? v : (long?)null;
        }

        public static long? I32(I32Getter f, IntPtr obj)
        {
            int v = 0;
            return f(obj, (IntPtr)(&v)) ? v : (long?)null;
        }

        public static bool? Bool(Func<IntPtr, IntPtr, bool> f, IntPtr obj)
        {
            byte v = 0;
            return f(obj, (IntPtr)(&v)) ? v != 0 : (bool?)null;
        }

        public static DateTimeOffset? Ms(I64Getter f, IntPtr obj)
        {
            long? v = I64(f, obj);
            return v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : (DateTimeOffset?)null;
        }

        public static Record Record(IntPtr r)
        {
            IntPtr v = NativeMethods.cognito_sync_record_value(r);
            string value = v == IntPtr.Zero ? null : Utf8.Read(v, (int)NativeMethods.cognito_sync_record_value_len(r));
            return new Record(Utf8.Read(NativeMethods.cognito_sync_record_key(r)), value,
                I64(NativeMethods.cognito_sync_record_sync_count, r) ?? 0,
                Ms(NativeMethods.cognito_sync_record_last_modified_date, r),
                Utf8.Read(NativeMethods.cognito_sync_record_last_modified_by(r)),
                Ms(NativeMethods.cognito_sync_record_device_last_modified_date, r));
        }

        // The one place that names the dataset metadata accessors (renamed by issue 19).
        public static DatasetMetadata Dataset(IntPtr d)
        {
            if (d == IntPtr.Zero) return null;
            return new DatasetMetadata(Utf8.Read(NativeMethods.cognito_sync_dataset_metadata_identity_id(d)),
                Utf8.Read(NativeMethods.cognito_sync_dataset_metadata_dataset_name(d)),
                Ms(NativeMethods.cognito_sync_dataset_metadata_creation_date, d),
                Ms(NativeMethods.cognito_sync_dataset_metadata_last_modified_date, d),
                Utf8.Read(NativeMethods.cognito_sync_dataset_metadata_last_modified_by(d)),
                I64(NativeMethods.cognito_sync_dataset_metadata_data_storage, d),
                I64(NativeMethods.cognito_sync_dataset_metadata_num_records, d));
        }

        public static IdentityPoolUsage PoolUsage(IntPtr u)
        {
            if (u == IntPtr.Zero) return null;
            return new IdentityPoolUsage(Utf8.Read(NativeMethods.cognito_sync_identity_pool_usage_identity_pool_id(u)),
                I64(NativeMethods.cognito_sync_identity_pool_usage_sync_sessions_count, u),
                I64(NativeMethods.cognito_sync_identity_pool_usage_data_storage, u),
                Ms(NativeMethods.cognito_sync_identity_pool_usage_last_modified_date, u));
        }

        public static IdentityUsage Usage(IntPtr u)
        {
            if (u == IntPtr.Zero) return null;
            return new IdentityUsage(Utf8.Read(NativeMethods.cognito_sync_identity_usage_identity_id(u)),
                Utf8.Read(NativeMethods.cognito_sync_identity_usage_identity_pool_id(u)),
                Ms(NativeMethods.cognito_sync_identity_usage_last_modified_date, u),
                I32(NativeMethods.cognito_sync_identity_usage_dataset_count, u),
                I64(NativeMethods.cognito_sync_identity_usage_data_storage, u));
        }

        public static List<T> Many<T>(IntPtr obj, Func<IntPtr, UIntPtr> count, Func<IntPtr, UIntPtr, IntPtr> at, Func<IntPtr, T> read)
        {
            int n = (int)count(obj);
            var list = new List<T>(n);
            for (int i = 0; i < n; i++) list.Add(read(at(obj, (UIntPtr)i)));
            return list;
        }
    }
}

namespace CognitoSync
{
    /// <summary>Result of GetBulkPublishDetails (immutable).</summary>
    public sealed class BulkPublishDetails
    {
        public BulkPublishDetails(string identityPoolId, DateTimeOffset? startTime, DateTimeOffset? completeTime,
            string status, string failureMessage)
        {
            IdentityPoolId = identityPoolId; StartTime = startTime; CompleteTime = completeTime;
            Status = status; FailureMessage = failureMessage;
        }
        public string IdentityPoolId { get; private set; }
        public DateTimeOffset? StartTime { get; private set; }
        public DateTimeOffset? CompleteTime { get; private set; }
        /// <summary>"NOT_STARTED", "IN_PROGRESS", "FAILED", "SUCCEEDED" (or a newer value verbatim).</summary>
        public string Status { get; private set; }
        public string FailureMessage { get; private set; }
    }

    /// <summary>Push sync configuration of a pool (immutable; also the input of SetIdentityPoolConfiguration).</summary>
    public sealed class PushSync
    {
        public PushSync(IList<string> applicationArns, string roleArn)
        {
            ApplicationArns = applicationArns == null ? null : new ReadOnlyCollection<string>(new List<string>(applicationArns));
            RoleArn = roleArn;
        }
        /// <summary>SNS platform application ARNs; null = absent.</summary>
        public ReadOnlyCollection<string> ApplicationArns { get; private set; }
        public string RoleArn { get; private set; }
    }

    /// <summary>Cognito streams configuration of a pool (immutable; also an input).</summary>
    public sealed class CognitoStreams
    {
        public CognitoStreams(string streamName, string roleArn, string streamingStatus)
        {
            StreamName = streamName; RoleArn = roleArn; StreamingStatus = streamingStatus;
        }
        public string StreamName { get; private set; }
        public string RoleArn { get; private set; }
        /// <summary>"ENABLED" or "DISABLED" (or a newer value verbatim).</summary>
        public string StreamingStatus { get; private set; }
    }

    /// <summary>Result of Get/SetIdentityPoolConfiguration (immutable).</summary>
    public sealed class IdentityPoolConfiguration
    {
        public IdentityPoolConfiguration(string identityPoolId, PushSync pushSync, CognitoStreams cognitoStreams)
        {
            IdentityPoolId = identityPoolId; PushSync = pushSync; CognitoStreams = cognitoStreams;
        }
        public string IdentityPoolId { get; private set; }
        /// <summary>null when the pool has none.</summary>
        public PushSync PushSync { get; private set; }
        /// <summary>null when the pool has none.</summary>
        public CognitoStreams CognitoStreams { get; private set; }
    }
}
