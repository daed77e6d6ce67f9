using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync.Native;
using N = CognitoSync.Native.NativeMethods;

namespace CognitoSync
{
    /// <summary>Settings of a SyncManager.</summary>
    public sealed class SyncManagerOptions
    {
        /// <summary>The client used to synchronize; null for a local-only store.</summary>
        public Client Client { get; set; }
        /// <summary>"REGION:GUID"; required with a client.</summary>
        public string IdentityPoolId { get; set; }
        /// <summary>A fixed identity id; null: the client's Cognito Identity provider gives it.</summary>
        public string IdentityId { get; set; }
        /// <summary>The SQLite file of the store (e.g. under Application.persistentDataPath); null: in memory.</summary>
        public string StorePath { get; set; }
        /// <summary>The device id from RegisterDevice, sent with each push.</summary>
        public string DeviceId { get; set; }
        public ConflictPolicy ConflictPolicy { get; set; }
        /// <summary>Decides each conflict (the policy becomes Custom). See ConflictResolver for its thread rules.</summary>
        public ConflictResolver ConflictResolver { get; set; }
    }

    /// <summary>The managed side of a manager's native callbacks; its GCHandle is their user_data.</summary>
    internal sealed class ManagerCallbacks
    {
        public ConflictResolver Resolver;
        public volatile Func<string, string, DatasetDeletedAction> DatasetDeleted;
        public volatile Action<string, string, IList<string>> DatasetsMerged;
        /// <summary>The last exception a resolver or handler threw (they cannot unwind into C).</summary>
        public volatile Exception LastCallbackError;

        // Static delegates, never collected; the methods are static for IL2CPP.
        internal static readonly cognito_sync_conflict_resolver ResolverFn = OnConflict;
        internal static readonly IntPtr ResolverPtr = Marshal.GetFunctionPointerForDelegate(ResolverFn);
        internal static readonly cognito_sync_dataset_deleted_handler DeletedFn = OnDatasetDeleted;
        internal static readonly cognito_sync_datasets_merged_handler MergedFn = OnDatasetsMerged;

        private static ManagerCallbacks From(IntPtr userData)
        {
            return userData == IntPtr.Zero ? null : GCHandle.FromIntPtr(userData).Target as ManagerCallbacks;
        }

        [AOT.MonoPInvokeCallback(typeof(cognito_sync_conflict_resolver))]
        private static uint OnConflict(IntPtr userData, IntPtr conflict)
        {
            ManagerCallbacks self = null;
            try
            {
                self = From(userData);
                if (self == null || self.Resolver == null) return (uint)Resolution.Abort;
                ConflictResolution r = self.Resolver(new Conflict(conflict));
                if (r == null) return (uint)Resolution.Abort;
                if (r.Kind == Resolution.UseValue)
                {
                    using (var a = new Utf8Arena())
                    {
                        IntPtr err;
                        uint st = N.cognito_sync_conflict_set_value(conflict, a.Str(r.Value, "value"), out err);
                        if (st != (uint)Status.Ok) throw Errors.Take(st, err);
                    }
                }
                return (uint)r.Kind;
            }
            catch (Exception e)
            {
                if (self != null) self.LastCallbackError = e;
                return (uint)Resolution.Abort; // nothing may unwind into C; aborting loses nothing
            }
        }

        [AOT.MonoPInvokeCallback(typeof(cognito_sync_dataset_deleted_handler))]
        private static uint OnDatasetDeleted(IntPtr userData, IntPtr identityId, IntPtr dataset)
        {
            ManagerCallbacks self = null;
            try
            {
                self = From(userData);
                var h = self == null ? null : self.DatasetDeleted;
                if (h == null) return (uint)DatasetDeletedAction.KeepUnsynced;
                return (uint)h(Utf8.Read(identityId), Utf8.Read(dataset));
            }
            catch (Exception e)
            {
                if (self != null) self.LastCallbackError = e;
                return (uint)DatasetDeletedAction.KeepUnsynced;
            }
        }

        [AOT.MonoPInvokeCallback(typeof(cognito_sync_datasets_merged_handler))]
        private static void OnDatasetsMerged(IntPtr userData, IntPtr identityId, IntPtr dataset, IntPtr merged, UIntPtr mergedCount)
        {
            ManagerCallbacks self = null;
            try
            {
                self = From(userData);
                var h = self == null ? null : self.DatasetsMerged;
                if (h == null) return;
                int n = (int)mergedCount;
                var names = new List<string>(n);
                for (int i = 0; i < n; i++) names.Add(Utf8.Read(Marshal.ReadIntPtr(merged, i * IntPtr.Size)));
                h(Utf8.Read(identityId), Utf8.Read(dataset), names.AsReadOnly());
            }
            catch (Exception e)
            {
                if (self != null) self.LastCallbackError = e;
            }
        }
    }

    internal delegate uint HandleStartFn(IntPtr h, cognito_sync_callback cb, IntPtr ud, out IntPtr op, out IntPtr err);

    internal static class HandleCalls
    {
        public delegate uint OutFn(IntPtr h, out IntPtr output, out IntPtr err);

        /// <summary>A blocking call on a handle with one pointer out-parameter.</summary>
        public static IntPtr Out(NativeHandle h, string owner, OutFn f)
        {
            IntPtr output = IntPtr.Zero, err = IntPtr.Zero;
            uint st = h.Use(owner, p => f(p, out output, out err));
            Errors.Check(st, err);
            return output;
        }

        /// <summary>A non-blocking call on a handle; take reads and frees the output.</summary>
        public static Task<T> Start<T>(InFlight inFlight, NativeHandle h, string owner, HandleStartFn start,
            Client.FinishFn finish, Func<IntPtr, T> take, CancellationToken token)
        {
            var pending = new Pending<T>(inFlight, op =>
            {
                IntPtr o, err;
                Errors.Check(finish(op, out o, out err), err);
                return take(o);
            });
            return pending.Start((cb, ud) =>
            {
                IntPtr op = IntPtr.Zero, err = IntPtr.Zero;
                uint st = h.Use(owner, p => start(p, cb, ud, out op, out err));
                Errors.Check(st, err);
                return op;
            }, token);
        }

        public static ReadOnlyCollection<string> TakeList(IntPtr list)
        {
            try { return new ReadOnlyCollection<string>(Read.Many(list, N.cognito_sync_string_list_count, N.cognito_sync_string_list_item, Utf8.Read)); }
            finally { N.cognito_sync_string_list_free(list); }
        }
    }

    /// <summary>
    /// An offline-first store of datasets that synchronize with Cognito Sync (the C ABI's
    /// cognito_sync_manager). Thread-safe. Local reads and writes never use the network;
    /// Synchronize pulls, settles conflicts (policy or your resolver) and pushes.
    /// Events (changes, sync outcomes, merges, deletions, identity changes) are queued; they reach
    /// game code through EventReceived, raised by MainThread.Pump() on the thread that pumps.
    /// </summary>
    public sealed class SyncManager : IDisposable
    {
        private static readonly List<WeakReference> live = new List<WeakReference>();

        private readonly ManagerHandle handle = new ManagerHandle();
        private readonly ManagerCallbacks callbacks = new ManagerCallbacks();
        private readonly InFlight inFlight;
        private readonly List<WeakReference> datasets = new List<WeakReference>();
        private readonly WeakReference self;
        private volatile bool disposed;

        public SyncManager(SyncManagerOptions options)
        {
            inFlight = new InFlight(this);
            if (options == null) throw new ValidationException("options is required (got null)");
            callbacks.Resolver = options.ConflictResolver;
            handle.Callbacks = GCHandle.Alloc(callbacks);
            IntPtr clientPtr = IntPtr.Zero;
            bool clientRef = false;
            try
            {
                if (options.Client != null)
                {
                    options.Client.Handle.DangerousAddRef(ref clientRef);
                    clientPtr = options.Client.Handle.DangerousGetHandle();
                }
                using (var a = new Utf8Arena())
                {
                    bool custom = options.ConflictResolver != null;
                    IntPtr opts = a.Struct(new cognito_sync_manager_options
                    {
                        client = clientPtr,
                        identity_pool_id = a.Str(options.IdentityPoolId, "IdentityPoolId"),
                        identity_id = a.Str(options.IdentityId, "IdentityId"),
                        store_path = a.Str(options.StorePath, "StorePath"),
                        device_id = a.Str(options.DeviceId, "DeviceId"),
                        conflict_policy = (uint)(custom ? ConflictPolicy.Custom : options.ConflictPolicy),
                        conflict_resolver = custom ? ManagerCallbacks.ResolverPtr : IntPtr.Zero,
                        conflict_resolver_user_data = custom ? GCHandle.ToIntPtr(handle.Callbacks) : IntPtr.Zero,
                    });
                    IntPtr m, err;
                    Errors.Check(N.cognito_sync_manager_new(opts, out m, out err), err);
                    handle.Adopt(m);
                }
            }
            catch
            {
                // No manager: ReleaseHandle will not run for an invalid handle, so free the
                // callbacks' GCHandle here (nothing native refers to it).
                if (handle.IsInvalid && handle.Callbacks.IsAllocated) handle.Callbacks.Free();
                handle.Dispose();
                throw;
            }
            finally
            {
                if (clientRef) options.Client.Handle.DangerousRelease();
            }
            self = new WeakReference(this);
            lock (live) live.Add(self);
            var weak = self;
            MainThread.AddPoller(() =>
            {
                var m = weak.Target as SyncManager;
                if (m == null || m.disposed) return false;
                if (m.EventReceived != null) m.DispatchEvents();
                return true;
            });
        }

        /// <summary>Raised by DispatchEvents (so by MainThread.Pump(): on the main thread in Unity).</summary>
        public event Action<SyncEvent> EventReceived;

        /// <summary>The last exception your resolver or a handler threw (it aborted that synchronize or
        /// fell back to the default), or null.</summary>
        public Exception LastCallbackError { get { return callbacks.LastCallbackError; } }

        /// <summary>
        /// Handler of datasets deleted on the service after this store synced them (default:
        /// KeepUnsynced). Runs on the synchronizing thread: thread-safe, no Unity APIs.
        /// </summary>
        public Func<string, string, DatasetDeletedAction> DatasetDeletedHandler
        {
            get { return callbacks.DatasetDeleted; }
            set
            {
                callbacks.DatasetDeleted = value;
                SetHandler((IntPtr m, IntPtr ud, out IntPtr err) => N.cognito_sync_manager_set_dataset_deleted_handler(m,
                    value == null ? null : ManagerCallbacks.DeletedFn, ud, out err));
            }
        }

        /// <summary>
        /// Told about datasets merged into another on the service (identity id, dataset, merged
        /// names). Also reported as a DatasetsMerged event. Runs on the synchronizing thread.
        /// </summary>
        public Action<string, string, IList<string>> DatasetsMergedHandler
        {
            get { return callbacks.DatasetsMerged; }
            set
            {
                callbacks.DatasetsMerged = value;
                SetHandler((IntPtr m, IntPtr ud, out IntPtr err) => N.cognito_sync_manager_set_datasets_merged_handler(m,
                    value == null ? null : ManagerCallbacks.MergedFn, ud, out err));
            }
        }

        private delegate uint SetHandlerFn(IntPtr manager, IntPtr userData, out IntPtr err);

        private void SetHandler(SetHandlerFn f)
        {
            IntPtr err = IntPtr.Zero;
            uint st = handle.Use("SyncManager", m => f(m, GCHandle.ToIntPtr(handle.Callbacks), out err));
            Errors.Check(st, err);
        }

        internal ManagerHandle Handle { get { return handle; } }

        /// <summary>Opens (creating locally if needed) a dataset of the active identity. Local.</summary>
        public Dataset OpenDataset(string name)
        {
            IntPtr d = IntPtr.Zero, err = IntPtr.Zero;
            uint st;
            using (var a = new Utf8Arena())
            {
                IntPtr n = a.Required(name, "name");
                st = handle.Use("SyncManager", m => N.cognito_sync_manager_open_dataset(m, n, out d, out err));
            }
            Errors.Check(st, err);
            var ds = new Dataset(this, name, d);
            lock (datasets)
            {
                datasets.RemoveAll(w => !w.IsAlive);
                datasets.Add(new WeakReference(ds));
            }
            return ds;
        }

        /// <summary>Datasets opened through this manager and not disposed.</summary>
        public IList<Dataset> OpenDatasets
        {
            get
            {
                var list = new List<Dataset>();
                lock (datasets)
                    foreach (var w in datasets)
                    {
                        var d = w.Target as Dataset;
                        if (d != null && !d.IsDisposed) list.Add(d);
                    }
                return list.AsReadOnly();
            }
        }

        /// <summary>Names of the active identity's local datasets. Local.</summary>
        public ReadOnlyCollection<string> ListDatasets()
        {
            return HandleCalls.TakeList(HandleCalls.Out(handle, "SyncManager", N.cognito_sync_manager_list_datasets));
        }

        /// <summary>The store's active identity id (a placeholder until the first is known).</summary>
        public string IdentityId()
        {
            return Utf8.TakeString(HandleCalls.Out(handle, "SyncManager", N.cognito_sync_manager_identity_id));
        }

        /// <summary>Deletes every local dataset of every identity (the service is untouched).</summary>
        public void Wipe()
        {
            IntPtr err = IntPtr.Zero;
            Errors.Check(handle.Use("SyncManager", m => N.cognito_sync_manager_wipe(m, out err)), err);
        }

        /// <summary>
        /// Makes identityId the active identity, in one transaction (nothing changes on failure).
        /// After a guest signs in, MoveData carries the guest's datasets to the new identity; they
        /// are pushed by the next synchronizes. Returns the datasets moved. Datasets opened before
        /// throw IdentityChangedException afterwards: reopen them.
        /// </summary>
        public ReadOnlyCollection<string> SwitchIdentity(string identityId, IdentitySwitch mode)
        {
            IntPtr moved = IntPtr.Zero, err = IntPtr.Zero;
            uint st;
            using (var a = new Utf8Arena())
            {
                IntPtr id = a.Required(identityId, "identityId");
                st = handle.Use("SyncManager", m => N.cognito_sync_manager_switch_identity(m, id, (uint)mode, out moved, out err));
            }
            Errors.Check(st, err);
            return HandleCalls.TakeList(moved);
        }

        /// <summary>Fetches the identity's dataset list from the service (a new device sees its
        /// datasets), blocking; returns the local dataset names afterwards.</summary>
        public ReadOnlyCollection<string> RefreshDatasets()
        {
            return HandleCalls.TakeList(HandleCalls.Out(handle, "SyncManager", N.cognito_sync_manager_refresh_datasets));
        }

        /// <summary>Refreshes the list and synchronizes every dataset, blocking; returns the names
        /// of the datasets whose synchronize failed (each outcome is also an event).</summary>
        public ReadOnlyCollection<string> SynchronizeAll()
        {
            return HandleCalls.TakeList(HandleCalls.Out(handle, "SyncManager", N.cognito_sync_manager_synchronize_all));
        }

        public Task<ReadOnlyCollection<string>> SynchronizeAllAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return HandleCalls.Start(inFlight, handle, "SyncManager", N.cognito_sync_manager_synchronize_all_start,
                N.cognito_sync_manager_synchronize_all_finish, HandleCalls.TakeList, cancellationToken);
        }

        /// <summary>Synchronizes every dataset opened through this manager and not disposed.</summary>
        public Task<SyncReport[]> SynchronizeOpenDatasetsAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            var tasks = new List<Task<SyncReport>>();
            foreach (var d in OpenDatasets)
            {
                try { tasks.Add(d.SynchronizeAsync(cancellationToken)); }
                catch (ObjectDisposedException) { } // disposed meanwhile
            }
            return Task.WhenAll(tasks);
        }

        /// <summary>What CognitoSyncPump runs on OnApplicationPause(true): synchronizes the open
        /// datasets of every live manager. Failures are in the returned task.</summary>
        public static Task SynchronizeAllOpenDatasetsAsync()
        {
            var tasks = new List<Task>();
            lock (live)
            {
                live.RemoveAll(w => !w.IsAlive);
                foreach (var w in live)
                {
                    var m = w.Target as SyncManager;
                    if (m != null && !m.disposed) tasks.Add(m.SynchronizeOpenDatasetsAsync());
                }
            }
            return Task.WhenAll(tasks);
        }

        /// <summary>Takes the oldest queued event without waiting; null when there is none.</summary>
        public SyncEvent PollEvent()
        {
            return SyncEvent.Take(HandleCalls.Out(handle, "SyncManager", N.cognito_sync_manager_poll_event));
        }

        /// <summary>Waits up to timeout for an event (null on timeout). Not on the main thread.</summary>
        public SyncEvent WaitEvent(TimeSpan timeout)
        {
            uint ms = (uint)Math.Max(0, Math.Min(uint.MaxValue, timeout.TotalMilliseconds));
            IntPtr e = IntPtr.Zero, err = IntPtr.Zero;
            uint st = handle.Use("SyncManager", m => N.cognito_sync_manager_wait_event(m, ms, out e, out err));
            Errors.Check(st, err);
            return SyncEvent.Take(e);
        }

        /// <summary>Raises EventReceived for every queued event on the calling thread; returns how many.</summary>
        public int DispatchEvents()
        {
            int n = 0;
            SyncEvent e;
            while (!disposed && (e = PollEvent()) != null)
            {
                var h = EventReceived;
                if (h != null) h(e);
                n++;
            }
            return n;
        }

        internal bool IsDisposed { get { return disposed; } }

        /// <summary>Cancels synchronizes in flight, disposes the datasets opened through it and frees
        /// the native manager; after it returns no resolver or handler of this manager runs.</summary>
        public void Dispose()
        {
            disposed = true;
            lock (live) live.Remove(self);
            List<Dataset> open = new List<Dataset>();
            lock (datasets)
            {
                foreach (var w in datasets) { var d = w.Target as Dataset; if (d != null) open.Add(d); }
                datasets.Clear();
            }
            foreach (var d in open) d.Dispose();
            inFlight.CancelAll("SyncManager");
            handle.Dispose();
        }
    }
}
