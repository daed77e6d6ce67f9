using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CognitoSync.Native;

namespace CognitoSync
{
    /// <summary>
    /// A Cognito Sync client over the C ABI. Thread-safe. Every operation is a blocking method
    /// (do not call it from Unity's main thread in a frame that must not stall) and an async
    /// one returning Task&lt;T&gt;, driven by the C ABI's non-blocking calls; cancelling its
    /// CancellationToken frees the native call, which cancels it.
    /// Dispose cancels the calls still in flight.
    /// </summary>
    public sealed partial class Client : IDisposable
    {
        private readonly ClientHandle handle = new ClientHandle();
        private readonly HashSet<IPending> inFlight = new HashSet<IPending>();

        internal delegate uint BlockingFn(IntPtr client, IntPtr request, out IntPtr output, out IntPtr err);
        internal delegate uint BlockingNoOutputFn(IntPtr client, IntPtr request, out IntPtr err);
        internal delegate uint FinishFn(IntPtr op, out IntPtr output, out IntPtr err);
        internal delegate uint FinishNoOutputFn(IntPtr op, out IntPtr err);

        public Client(ClientConfig config)
        {
            if (config == null) throw new ValidationException("config is required (got null)");
            using (ConfigHandle c = config.Build())
            {
                IntPtr client, err;
                Errors.Check(NativeMethods.cognito_sync_client_new(c.Ptr("ClientConfig"), out client, out err), err);
                handle.Adopt(client);
            }
        }

        internal IntPtr Ptr { get { return handle.Ptr("Client"); } }

        /// <summary>The identity id Cognito Identity gave this client (blocking).</summary>
        public string IdentityId()
        {
            IntPtr s, err;
            Errors.Check(NativeMethods.cognito_sync_client_identity_id(Ptr, out s, out err), err);
            try { return Utf8.Read(s); }
            finally { NativeMethods.cognito_sync_string_free(s); }
        }

        internal void Track(IPending p, bool add)
        {
            lock (inFlight) { if (add) inFlight.Add(p); else inFlight.Remove(p); }
        }

        public void Dispose()
        {
            IPending[] pending;
            lock (inFlight) { pending = new IPending[inFlight.Count]; inFlight.CopyTo(pending); }
            foreach (var p in pending) p.Cancel(new ObjectDisposedException("Client"));
            handle.Dispose();
        }

        // ------------------------------------------------------------ the call machinery

        internal T Call<T>(Func<Utf8Arena, IntPtr> build, BlockingFn call, Func<IntPtr, T> read, Action<IntPtr> free)
        {
            IntPtr output, err;
            uint status;
            using (var a = new Utf8Arena())
            {
                IntPtr req = build(a);
                bool added = false;
                handle.DangerousAddRef(ref added);
                try { status = call(handle.DangerousGetHandle(), req, out output, out err); }
                finally { if (added) handle.DangerousRelease(); }
            }
            Errors.Check(status, err);
            try { return read(output); }
            finally { free(output); }
        }

        internal void Call(Func<Utf8Arena, IntPtr> build, BlockingNoOutputFn call)
        {
            IntPtr err;
            uint status;
            using (var a = new Utf8Arena())
            {
                IntPtr req = build(a);
                status = call(Ptr, req, out err);
            }
            Errors.Check(status, err);
        }

        internal Task<T> CallAsync<T>(Func<Utf8Arena, IntPtr> build, StartFn start, FinishFn finish,
            Func<IntPtr, T> read, Action<IntPtr> free, CancellationToken token)
        {
            var p = new Pending<T>(this, op =>
            {
                IntPtr output, err;
                Errors.Check(finish(op, out output, out err), err);
                try { return read(output); }
                finally { free(output); }
            });
            return Start(p, build, start, token);
        }

        internal Task<bool> CallAsync(Func<Utf8Arena, IntPtr> build, StartFn start, FinishNoOutputFn finish, CancellationToken token)
        {
            var p = new Pending<bool>(this, op =>
            {
                IntPtr err;
                Errors.Check(finish(op, out err), err);
                return true;
            });
            return Start(p, build, start, token);
        }

        private Task<T> Start<T>(Pending<T> p, Func<Utf8Arena, IntPtr> build, StartFn start, CancellationToken token)
        {
            return p.Start((cb, ud) =>
            {
                using (var a = new Utf8Arena())
                {
                    IntPtr req = build(a);
                    IntPtr op, err;
                    Errors.Check(start(Ptr, req, cb, ud, out op, out err), err);
                    return op;
                }
            }, token);
        }
    }
}
