using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using N = CognitoSync.Native.NativeMethods;

namespace CognitoSync
{
    /// <summary>Built-in conflict policies (values of the C ABI's cognito_sync_conflict_policy).</summary>
    public enum ConflictPolicy : uint
    {
        /// <summary>The version written last, by device clock, wins (ties: the service's).</summary>
        LastWriterWins = 0,
        RemoteWins = 1,
        LocalWins = 2,
        /// <summary>SyncManagerOptions.ConflictResolver decides (set automatically with a resolver).</summary>
        Custom = 3,
    }

    /// <summary>What happens to the local copy of a dataset deleted on the service.</summary>
    public enum DatasetDeletedAction : uint
    {
        DeleteLocal = 1,
        /// <summary>The default: keep and push only the changes never pushed.</summary>
        KeepUnsynced = 2,
        RestoreFromLocal = 3,
    }

    /// <summary>What SwitchIdentity does with the previous identity's local data.</summary>
    public enum IdentitySwitch : uint
    {
        /// <summary>Leave it under the previous identity (a different user signs in).</summary>
        KeepSeparate = 0,
        /// <summary>Move every dataset to the new identity (a guest signs in: keep the progress).</summary>
        MoveData = 1,
        /// <summary>Delete it ("sign out and forget").</summary>
        DiscardPrevious = 2,
    }

    public enum SyncEventKind : uint
    {
        Other = 0, Changed = 1, SyncStarted = 2, SyncProgress = 3, SyncSucceeded = 4, SyncFailed = 5,
        DatasetsMerged = 6, DatasetDeleted = 7, IdentityChanged = 8, EventsDropped = 9,
    }

    public enum ChangeSource : uint { None = 0, Local = 1, Remote = 2 }

    public enum SyncPhase : uint { None = 0, DeletingRemote = 1, Pulling = 2, Pushing = 3, Retrying = 4 }

    /// <summary>One record changed both locally and on the service (read before the resolver runs).</summary>
    public sealed class Conflict
    {
        internal Conflict(IntPtr c)
        {
            IdentityId = Utf8.Read(N.cognito_sync_conflict_identity_id(c));
            Dataset = Utf8.Read(N.cognito_sync_conflict_dataset(c));
            Key = Utf8.Read(N.cognito_sync_conflict_key(c));
            LocalValue = Utf8.Read(N.cognito_sync_conflict_local_value(c));
            RemoteValue = Utf8.Read(N.cognito_sync_conflict_remote_value(c));
            LocalSyncCount = N.cognito_sync_conflict_sync_count(c, true);
            RemoteSyncCount = N.cognito_sync_conflict_sync_count(c, false);
            LocalDeviceLastModified = Ms((IntPtr p) => N.cognito_sync_conflict_device_last_modified(c, true, p));
            RemoteDeviceLastModified = Ms((IntPtr p) => N.cognito_sync_conflict_device_last_modified(c, false, p));
            RemoteLastModified = Ms((IntPtr p) => N.cognito_sync_conflict_remote_last_modified(c, p));
            RemoteLastModifiedBy = Utf8.Read(N.cognito_sync_conflict_remote_last_modified_by(c));
        }

        private static unsafe DateTimeOffset? Ms(Func<IntPtr, bool> f)
        {
            long v = 0;
            return f((IntPtr)(&v)) ? DateTimeOffset.FromUnixTimeMilliseconds(v) : (DateTimeOffset?)null;
        }

        public string IdentityId { get; private set; }
        public string Dataset { get; private set; }
        public string Key { get; private set; }
        /// <summary>null when the record was removed locally.</summary>
        public string LocalValue { get; private set; }
        /// <summary>null when the record was removed on the service.</summary>
        public string RemoteValue { get; private set; }
        public long LocalSyncCount { get; private set; }
        public long RemoteSyncCount { get; private set; }
        public DateTimeOffset? LocalDeviceLastModified { get; private set; }
        public DateTimeOffset? RemoteDeviceLastModified { get; private set; }
        public DateTimeOffset? RemoteLastModified { get; private set; }
        public string RemoteLastModifiedBy { get; private set; }
    }

    /// <summary>What a ConflictResolver decides for one conflict.</summary>
    public sealed class ConflictResolution
    {
        private ConflictResolution(Native.Resolution kind, string value) { Kind = kind; Value = value; }
        internal Native.Resolution Kind { get; private set; }
        internal string Value { get; private set; }

        /// <summary>Keep the local version (pushed over the service's).</summary>
        public static readonly ConflictResolution KeepLocal = new ConflictResolution(Native.Resolution.KeepLocal, null);
        /// <summary>Take the service's version; the local change is dropped.</summary>
        public static readonly ConflictResolution KeepRemote = new ConflictResolution(Native.Resolution.KeepRemote, null);
        /// <summary>Remove the record everywhere.</summary>
        public static readonly ConflictResolution Remove = new ConflictResolution(Native.Resolution.Remove, null);
        /// <summary>Stop this synchronize (SyncAbortedException); nothing of the attempt is applied.</summary>
        public static readonly ConflictResolution Abort = new ConflictResolution(Native.Resolution.Abort, null);

        /// <summary>Store this value (e.g. a merge of both) and push it.</summary>
        public static ConflictResolution UseValue(string value)
        {
            if (value == null) throw new ArgumentNullException("value");
            return new ConflictResolution(Native.Resolution.UseValue, value);
        }
    }

    /// <summary>
    /// Decides one conflict. Runs on the thread running the synchronize (a library worker thread
    /// or the caller of a blocking Synchronize), possibly for several datasets at once: it must be
    /// thread-safe and must not touch Unity APIs. Returning null or throwing aborts the synchronize.
    /// </summary>
    public delegate ConflictResolution ConflictResolver(Conflict conflict);

    /// <summary>The report of a successful synchronize (immutable).</summary>
    public sealed class SyncReport
    {
        internal SyncReport(IntPtr r)
        {
            Dataset = Utf8.Read(N.cognito_sync_sync_report_dataset(r));
            IdentityId = Utf8.Read(N.cognito_sync_sync_report_identity_id(r));
            SyncId = N.cognito_sync_sync_report_sync_id(r);
            ChangedKeys = new ReadOnlyCollection<string>(Read.Many(r, N.cognito_sync_sync_report_changed_key_count, N.cognito_sync_sync_report_changed_key, Utf8.Read));
            Pushed = (long)N.cognito_sync_sync_report_pushed(r);
            Conflicts = (long)N.cognito_sync_sync_report_conflicts(r);
            Attempts = (int)N.cognito_sync_sync_report_attempts(r);
            Requests = (int)N.cognito_sync_sync_report_requests(r);
            LastSyncCount = N.cognito_sync_sync_report_last_sync_count(r);
            MergedDatasets = new ReadOnlyCollection<string>(Read.Many(r, N.cognito_sync_sync_report_merged_dataset_count, N.cognito_sync_sync_report_merged_dataset, Utf8.Read));
            Deleted = N.cognito_sync_sync_report_deleted(r);
            DeletedRemotely = N.cognito_sync_sync_report_deleted_remotely(r);
            Coalesced = N.cognito_sync_sync_report_coalesced(r);
        }

        internal static SyncReport Take(IntPtr r)
        {
            try { return new SyncReport(r); }
            finally { N.cognito_sync_sync_report_free(r); }
        }

        public string Dataset { get; private set; }
        public string IdentityId { get; private set; }
        public ulong SyncId { get; private set; }
        /// <summary>Keys whose local value changed because of the service.</summary>
        public ReadOnlyCollection<string> ChangedKeys { get; private set; }
        /// <summary>Local changes the service acknowledged.</summary>
        public long Pushed { get; private set; }
        /// <summary>Conflicts settled by the policy or the resolver.</summary>
        public long Conflicts { get; private set; }
        public int Attempts { get; private set; }
        public int Requests { get; private set; }
        public long LastSyncCount { get; private set; }
        public ReadOnlyCollection<string> MergedDatasets { get; private set; }
        public bool Deleted { get; private set; }
        public bool DeletedRemotely { get; private set; }
        public bool Coalesced { get; private set; }
    }

    /// <summary>One notification of a SyncManager (immutable).</summary>
    public sealed class SyncEvent
    {
        internal SyncEvent(IntPtr e)
        {
            Kind = (SyncEventKind)N.cognito_sync_event_get_kind(e);
            IdentityId = Utf8.Read(N.cognito_sync_event_identity_id(e));
            PreviousIdentityId = Utf8.Read(N.cognito_sync_event_previous_identity_id(e));
            Dataset = Utf8.Read(N.cognito_sync_event_dataset(e));
            Source = (ChangeSource)N.cognito_sync_event_source(e);
            Phase = (SyncPhase)N.cognito_sync_event_phase(e);
            Keys = new ReadOnlyCollection<string>(Read.Many(e, N.cognito_sync_event_key_count, N.cognito_sync_event_key, Utf8.Read));
            SyncId = ReadSyncId(e);
            IntPtr report = N.cognito_sync_event_report(e);
            Report = report == IntPtr.Zero ? null : new SyncReport(report); // borrowed
            Error = Errors.Borrowed(N.cognito_sync_event_error(e));
            DroppedCount = (long)N.cognito_sync_event_dropped_count(e);
        }

        private static unsafe ulong? ReadSyncId(IntPtr e)
        {
            ulong v = 0;
            return N.cognito_sync_event_sync_id(e, (IntPtr)(&v)) ? v : (ulong?)null;
        }

        internal static SyncEvent Take(IntPtr e)
        {
            if (e == IntPtr.Zero) return null;
            try { return new SyncEvent(e); }
            finally { N.cognito_sync_event_free(e); }
        }

        public SyncEventKind Kind { get; private set; }
        /// <summary>The identity concerned (the new one for IdentityChanged).</summary>
        public string IdentityId { get; private set; }
        public string PreviousIdentityId { get; private set; }
        public string Dataset { get; private set; }
        public ChangeSource Source { get; private set; }
        public SyncPhase Phase { get; private set; }
        /// <summary>Changed keys, merged dataset names, or datasets moved (see Kind).</summary>
        public ReadOnlyCollection<string> Keys { get; private set; }
        public ulong? SyncId { get; private set; }
        /// <summary>The report of SyncSucceeded; null otherwise.</summary>
        public SyncReport Report { get; private set; }
        /// <summary>The error of SyncFailed; null otherwise.</summary>
        public CognitoSyncException Error { get; private set; }
        public long DroppedCount { get; private set; }
    }
}
