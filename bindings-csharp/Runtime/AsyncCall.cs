using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync.Native;

namespace CognitoSync
{
    internal delegate uint StartFn(IntPtr client, IntPtr request, cognito_sync_callback callback, IntPtr userData, out IntPtr op, out IntPtr err);

    internal interface IPending
    {
        void Completed(IntPtr op);
        void Cancel(Exception reason);
    }

    /// <summary>The calls in flight of one owner (client, manager, dataset): Dispose cancels them.</summary>
    internal sealed class InFlight
    {
        private readonly HashSet<IPending> set = new HashSet<IPending>();

        /// <summary>The owner, reachable from every call in flight (whose GCHandle is a root): an
        /// undisposed owner is not finalized, so not freed natively, while its calls run. A native
        /// free would cancel them without a callback, leaking their handles and tasks.</summary>
        private readonly object owner;

        public InFlight(object owner) { this.owner = owner; }

        public object Owner { get { return owner; } }

        public void Track(IPending p, bool add)
        {
            lock (set) { if (add) set.Add(p); else set.Remove(p); }
        }

        public int Count { get { lock (set) return set.Count; } }

        public void CancelAll(string owner)
        {
            IPending[] pending;
            lock (set) { pending = new IPending[set.Count]; set.CopyTo(pending); }
            foreach (var p in pending) p.Cancel(new ObjectDisposedException(owner));
        }
    }

    /// <summary>
    /// One non-blocking call. Its GCHandle is the C user_data; the static callback below
    /// finishes it on the library's worker thread. Whoever comes second among the starter
    /// (which receives the op handle) and the callback frees the handle; cancellation frees
    /// it at once, which cancels the call and guarantees the callback is not running.
    /// </summary>
    /// <summary>For the benchmark (compiled with the runtime sources): when set, receives the managed
    /// bytes each completion allocated on the library thread that ran it.</summary>
    internal static class CompletionProbe
    {
        public static Action<long> Allocated { get; set; }
    }

    internal sealed class Pending<T> : IPending
    {
        private readonly TaskCompletionSource<T> tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Func<IntPtr, T> finish; // takes the result from the op (throws on failure)
        private readonly InFlight owner;
        private readonly object gate = new object();
        private GCHandle self;
        private IntPtr op;          // set by the starter, taken by whoever frees it
        private bool completed;     // the callback started finishing
        private bool finished;      // the callback took the result
        private bool cancelled;
        private CancellationTokenRegistration registration;

        internal static readonly cognito_sync_callback Callback = OnComplete; // static: one delegate, never collected

        public Pending(InFlight owner, Func<IntPtr, T> finish)
        {
            this.owner = owner;
            this.finish = finish;
        }

        public Task<T> Task { get { return tcs.Task; } }

        public Task<T> Start(Func<cognito_sync_callback, IntPtr, IntPtr> start, CancellationToken token)
        {
            if (token.IsCancellationRequested)
            {
                tcs.SetCanceled();
                return tcs.Task;
            }
            self = GCHandle.Alloc(this);
            owner.Track(this, true); // before the start: the callback may run before it returns
            IntPtr started;
            try
            {
                started = start(Callback, GCHandle.ToIntPtr(self));
            }
            catch
            {
                owner.Track(this, false);
                self.Free();
                throw;
            }
            bool freeNow;
            lock (gate)
            {
                freeNow = finished || cancelled;
                if (!freeNow) op = started;
            }
            if (freeNow)
            {
                NativeMethods.cognito_sync_op_free(started);
                if (cancelled) ReleaseSelf();
            }
            else if (token.CanBeCanceled)
            {
                var r = token.Register(() => Cancel(null));
                bool done;
                lock (gate) { done = completed || cancelled; if (!done) registration = r; }
                if (done) r.Dispose();
            }
            return tcs.Task;
        }

        [AOT.MonoPInvokeCallback(typeof(cognito_sync_callback))]
        private static void OnComplete(IntPtr userData, IntPtr op, uint status)
        {
            try
            {
                var p = GCHandle.FromIntPtr(userData).Target as IPending;
                if (p != null) p.Completed(op);
            }
            catch (Exception)
            {
                // Nothing may unwind into native code.
            }
        }

        public void Completed(IntPtr opArg)
        {
            lock (gate)
            {
                if (cancelled) return;
                completed = true;
            }
            T result = default(T);
            Exception error = null;
            var probe = CompletionProbe.Allocated;
            long before = probe != null ? GC.GetAllocatedBytesForCurrentThread() : 0;
            try { result = finish(opArg); }
            catch (Exception e) { error = e; }
            IntPtr toFree;
            CancellationTokenRegistration r;
            lock (gate)
            {
                finished = true;
                toFree = op;
                op = IntPtr.Zero;
                r = registration;
                registration = default(CancellationTokenRegistration);
            }
            if (toFree != IntPtr.Zero) NativeMethods.cognito_sync_op_free(toFree); // allowed inside its own callback
            owner.Track(this, false);
            r.Dispose();
            ReleaseSelf();
            if (probe != null) probe(GC.GetAllocatedBytesForCurrentThread() - before);
            if (error != null) tcs.TrySetException(error); else tcs.TrySetResult(result);
        }

        public void Cancel(Exception reason)
        {
            IntPtr toFree;
            lock (gate)
            {
                if (completed || cancelled) return;
                cancelled = true;
                toFree = op;
                op = IntPtr.Zero;
            }
            if (toFree != IntPtr.Zero)
            {
                NativeMethods.cognito_sync_op_free(toFree); // cancels; the callback is not running after this
                ReleaseSelf();
            }
            owner.Track(this, false);
            if (reason != null) tcs.TrySetException(reason); else tcs.TrySetCanceled();
        }

        private void ReleaseSelf()
        {
            lock (gate)
            {
                if (self.IsAllocated) self.Free();
            }
        }
    }
}
