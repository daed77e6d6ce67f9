using System;
using System.Runtime.InteropServices;
using CognitoSync.Native;

namespace CognitoSync
{
    /// <summary>Owned native pointers: freed once, by Dispose or the finalizer, never twice.</summary>
    internal abstract class NativeHandle : SafeHandle
    {
        protected NativeHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
        public void Adopt(IntPtr p) { SetHandle(p); }

        /// <summary>The pointer for a native call; throws ObjectDisposedException once closed.</summary>
        public IntPtr Ptr(string owner)
        {
            if (IsClosed || IsInvalid) throw new ObjectDisposedException(owner);
            return handle;
        }

        /// <summary>Runs f with the pointer, holding a reference so Dispose on another thread
        /// cannot free it meanwhile; ObjectDisposedException once closed.</summary>
        public T Use<T>(string owner, Func<IntPtr, T> f)
        {
            bool added = false;
            try
            {
                DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                throw new ObjectDisposedException(owner);
            }
            try
            {
                if (IsInvalid) throw new ObjectDisposedException(owner);
                return f(handle);
            }
            finally { if (added) DangerousRelease(); }
        }
    }

    internal sealed class ConfigHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cognito_sync_config_free(handle); return true; }
    }

    internal sealed class ClientHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cognito_sync_client_free(handle); return true; }
    }

    /// <summary>A non-blocking call; freeing it before completion cancels the call.</summary>
    internal sealed class OpHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cognito_sync_op_free(handle); return true; }
    }

    /// <summary>An owned output object, freed with the free function of its operation.</summary>
    internal sealed class OutputHandle : NativeHandle
    {
        private readonly Action<IntPtr> free;
        public OutputHandle(IntPtr p, Action<IntPtr> free) { this.free = free; SetHandle(p); }
        protected override bool ReleaseHandle() { free(handle); return true; }
    }
}

namespace CognitoSync
{
    internal sealed class ManagerHandle : NativeHandle
    {
        /// <summary>The GCHandle of the manager's callbacks: freed after the manager, when no
        /// resolver or handler can run any more.</summary>
        public System.Runtime.InteropServices.GCHandle Callbacks;

        protected override bool ReleaseHandle()
        {
            NativeMethods.cognito_sync_manager_free(handle);
            if (Callbacks.IsAllocated) Callbacks.Free();
            return true;
        }
    }

    internal sealed class DatasetHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cognito_sync_dataset_free(handle); return true; }
    }
}
