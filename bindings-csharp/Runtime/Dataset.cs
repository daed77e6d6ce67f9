using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Threading;
using System.Threading.Tasks;
using N = CognitoSync.Native.NativeMethods;

namespace CognitoSync
{
    /// <summary>
    /// A dataset of the manager's active identity: string keys to string values. Thread-safe.
    /// Get/Put/Remove are local (one SQLite transaction each); Synchronize uses the network.
    /// </summary>
    public sealed class Dataset : IDisposable
    {
        private readonly DatasetHandle handle = new DatasetHandle();
        private readonly InFlight inFlight;
        private readonly SyncManager manager;

        internal Dataset(SyncManager manager, string name, IntPtr ptr)
        {
            inFlight = new InFlight(this);
            this.manager = manager; // keeps the manager (and its resolver) alive while the dataset is
            Name = name;
            handle.Adopt(ptr);
        }

        public string Name { get; private set; }
        public SyncManager Manager { get { return manager; } }
        internal bool IsDisposed { get { return handle.IsClosed; } }

        /// <summary>The value of key, or null when absent or removed.</summary>
        public string Get(string key)
        {
            IntPtr v = IntPtr.Zero, err = IntPtr.Zero;
            uint st;
            using (var a = new Utf8Arena())
            {
                IntPtr k = a.Required(key, "key");
                st = handle.Use("Dataset", d => N.cognito_sync_dataset_get(d, k, out v, out err));
            }
            Errors.Check(st, err);
            return Utf8.TakeString(v);
        }

        /// <summary>Writes key = value locally; the next Synchronize pushes it.</summary>
        public void Put(string key, string value)
        {
            IntPtr err = IntPtr.Zero;
            uint st;
            using (var a = new Utf8Arena())
            {
                IntPtr k = a.Required(key, "key"), v = a.Required(value, "value");
                st = handle.Use("Dataset", d => N.cognito_sync_dataset_put(d, k, v, out err));
            }
            Errors.Check(st, err);
        }

        /// <summary>Removes key locally; the next Synchronize pushes the removal.</summary>
        public void Remove(string key)
        {
            IntPtr err = IntPtr.Zero;
            uint st;
            using (var a = new Utf8Arena())
            {
                IntPtr k = a.Required(key, "key");
                st = handle.Use("Dataset", d => N.cognito_sync_dataset_remove(d, k, out err));
            }
            Errors.Check(st, err);
        }

        /// <summary>Every key with a value, sorted by key (ordinal).</summary>
        public ReadOnlyDictionary<string, string> GetAll()
        {
            IntPtr kv = HandleCalls.Out(handle, "Dataset", N.cognito_sync_dataset_get_all);
            try
            {
                var d = new SortedDictionary<string, string>(StringComparer.Ordinal);
                int n = (int)N.cognito_sync_key_values_count(kv);
                for (int i = 0; i < n; i++)
                    d[Utf8.Read(N.cognito_sync_key_values_key(kv, (UIntPtr)i))] = Utf8.Read(N.cognito_sync_key_values_value(kv, (UIntPtr)i));
                return new ReadOnlyDictionary<string, string>(d);
            }
            finally { N.cognito_sync_key_values_free(kv); }
        }

        private delegate uint U64Fn(IntPtr d, IntPtr v, out IntPtr err);

        private unsafe long U64(U64Fn f)
        {
            ulong v = 0;
            IntPtr err = IntPtr.Zero;
            IntPtr pv = (IntPtr)(&v);
            uint st = handle.Use("Dataset", d => f(d, pv, out err));
            Errors.Check(st, err);
            return (long)v;
        }

        /// <summary>Number of keys with a value.</summary>
        public long Count()
        {
            return U64(N.cognito_sync_dataset_count);
        }

        /// <summary>Size as the service counts it (keys and values, UTF-8 bytes).</summary>
        public long SizeInBytes()
        {
            return U64(N.cognito_sync_dataset_size_in_bytes);
        }

        /// <summary>Whether local changes wait to be pushed.</summary>
        public unsafe bool HasUnsyncedChanges()
        {
            byte v = 0;
            IntPtr err = IntPtr.Zero;
            IntPtr pv = (IntPtr)(&v);
            uint st = handle.Use("Dataset", d => N.cognito_sync_dataset_has_unsynced_changes(d, pv, out err));
            Errors.Check(st, err);
            return v != 0;
        }

        /// <summary>Deletes the dataset locally; the next Synchronize deletes it on the service.</summary>
        public void Delete()
        {
            IntPtr err = IntPtr.Zero;
            Errors.Check(handle.Use("Dataset", d => N.cognito_sync_dataset_delete(d, out err)), err);
        }

        /// <summary>Pulls, settles conflicts, pushes; blocking (not on the main thread).</summary>
        public SyncReport Synchronize()
        {
            return SyncReport.Take(HandleCalls.Out(handle, "Dataset", N.cognito_sync_dataset_synchronize));
        }

        /// <summary>Synchronize without blocking; cancelling the token cancels the native call
        /// (local data stays consistent). The task completes on a library worker thread: use
        /// MainThread.Then to get back to the main thread.</summary>
        public Task<SyncReport> SynchronizeAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return HandleCalls.Start(inFlight, handle, "Dataset", N.cognito_sync_dataset_synchronize_start,
                N.cognito_sync_dataset_synchronize_finish, SyncReport.Take, cancellationToken);
        }

        /// <summary>Pulls the whole dataset again and reconciles (recovery), blocking.</summary>
        public SyncReport FullResync()
        {
            return SyncReport.Take(HandleCalls.Out(handle, "Dataset", N.cognito_sync_dataset_full_resync));
        }

        public Task<SyncReport> FullResyncAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return HandleCalls.Start(inFlight, handle, "Dataset", N.cognito_sync_dataset_full_resync_start,
                N.cognito_sync_dataset_full_resync_finish, SyncReport.Take, cancellationToken);
        }

        /// <summary>Cancels synchronizes in flight and frees the handle (the data stays in the store).</summary>
        public void Dispose()
        {
            inFlight.CancelAll("Dataset");
            handle.Dispose();
        }
    }
}
