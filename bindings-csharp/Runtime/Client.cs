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
        private readonly InFlight inFlight;

        internal delegate uint BlockingFn(IntPtr client, IntPtr request, out IntPtr output, out IntPtr err);
        internal delegate uint BlockingNoOutputFn(IntPtr client, IntPtr request, out IntPtr err);
        internal delegate uint FinishFn(IntPtr op, out IntPtr output, out IntPtr err);
        internal delegate uint FinishNoOutputFn(IntPtr op, out IntPtr err);

        public Client(ClientConfig config)
        {
            inFlight = new InFlight(this);
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
            uint status;
            bool added = false;
            handle.DangerousAddRef(ref added);
            try { status = NativeMethods.cognito_sync_client_identity_id(handle.DangerousGetHandle(), out s, out err); }
            finally { if (added) handle.DangerousRelease(); }
            Errors.Check(status, err);
            return Utf8.TakeString(s);
        }

        /// <summary>The identity id, without blocking (GetId on first use).</summary>
        public Task<string> IdentityIdAsync(CancellationToken cancellationToken = default(CancellationToken))
        {
            return CallAsync(a => IntPtr.Zero,
                (IntPtr c, IntPtr req, cognito_sync_callback cb, IntPtr ud, out IntPtr op, out IntPtr err) =>
                    NativeMethods.cognito_sync_client_identity_id_start(c, cb, ud, out op, out err),
                NativeMethods.cognito_sync_client_identity_id_finish, Utf8.Read, NativeMethods.cognito_sync_string_free,
                cancellationToken);
        }

        internal ClientHandle Handle { get { return handle; } }

        /// <summary>Calls started and not finished yet (async ones).</summary>
        public int CallsInFlight { get { return inFlight.Count; } }

        public void Dispose()
        {
            inFlight.CancelAll("Client");
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
                bool added = false;
                handle.DangerousAddRef(ref added);
                try { status = call(handle.DangerousGetHandle(), req, out err); }
                finally { if (added) handle.DangerousRelease(); }
            }
            Errors.Check(status, err);
        }

        internal Task<T> CallAsync<T>(Func<Utf8Arena, IntPtr> build, StartFn start, FinishFn finish,
            Func<IntPtr, T> read, Action<IntPtr> free, CancellationToken token)
        {
            var p = new Pending<T>(inFlight, op =>
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
            var p = new Pending<bool>(inFlight, op =>
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
                    IntPtr op = IntPtr.Zero, err = IntPtr.Zero;
                    uint status = handle.Use("Client", c => start(c, req, cb, ud, out op, out err));
                    Errors.Check(status, err);
                    return op;
                }
            }, token);
        }
    }
}
