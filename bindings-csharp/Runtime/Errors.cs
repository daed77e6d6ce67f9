using System;
using CognitoSync.Native;

namespace CognitoSync
{
    /// <summary>Every error of the library: the C ABI's status, the service's code and request id.</summary>
    public class CognitoSyncException : Exception
    {
        public CognitoSyncException(string message, string code = null, string requestId = null,
            int statusCode = 0, bool retryable = false, uint status = 0)
            : base(message)
        {
            Code = code;
            RequestId = requestId;
            StatusCode = statusCode;
            Retryable = retryable;
            NativeStatus = status;
        }

        /// <summary>The service's error code (e.g. "ResourceConflictException"), or null.</summary>
        public string Code { get; private set; }
        /// <summary>x-amzn-RequestId of the failed call, or null.</summary>
        public string RequestId { get; private set; }
        /// <summary>HTTP status, 0 when no response was received.</summary>
        public int StatusCode { get; private set; }
        /// <summary>Whether retrying the same call may succeed.</summary>
        public bool Retryable { get; private set; }
        /// <summary>The C ABI's cognito_sync_status value.</summary>
        public uint NativeStatus { get; private set; }
    }

    /// <summary>Bad input, found before or by the service's validation (client side).</summary>
    public class ValidationException : CognitoSyncException
    {
        public ValidationException(string message, uint status = (uint)Status.Validation) : base(message, status: status) { }
    }
    public class CredentialsException : CognitoSyncException
    {
        public CredentialsException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { }
    }
    public class TransportException : CognitoSyncException
    {
        public TransportException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { }
    }
    public class CallTimeoutException : CognitoSyncException
    {
        public CallTimeoutException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { }
    }
    /// <summary>An error the service returned; subclasses name each error of the model.</summary>
    public class ServiceException : CognitoSyncException
    {
        public ServiceException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { }
    }
    public sealed class InvalidParameterException : ServiceException { public InvalidParameterException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class NotAuthorizedException : ServiceException { public NotAuthorizedException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class ResourceNotFoundException : ServiceException { public ResourceNotFoundException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class ResourceConflictException : ServiceException { public ResourceConflictException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class LimitExceededException : ServiceException { public LimitExceededException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class TooManyRequestsException : ServiceException { public TooManyRequestsException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class InternalErrorException : ServiceException { public InternalErrorException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class InvalidConfigurationException : ServiceException { public InvalidConfigurationException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class InvalidLambdaFunctionOutputException : ServiceException { public InvalidLambdaFunctionOutputException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class LambdaThrottledException : ServiceException { public LambdaThrottledException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class DuplicateRequestException : ServiceException { public DuplicateRequestException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class AlreadyStreamedException : ServiceException { public AlreadyStreamedException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    public sealed class ConcurrentModificationException : ServiceException { public ConcurrentModificationException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }

    /// <summary>A blocking call was made from inside a library callback (resolver, handler,
    /// completion), where it would deadlock; nothing was done. Use the async form there.</summary>
    public sealed class ReentrantCallException : CognitoSyncException
    {
        public ReentrantCallException(string m, uint n) : base(m, status: n) { }
    }

    /// <summary>Errors of the sync manager's local side (400-499).</summary>
    public class SyncManagerException : CognitoSyncException
    {
        public SyncManagerException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { }
    }
    /// <summary>The local store failed (I/O, full disk, corrupt file, newer format).</summary>
    public sealed class StorageException : SyncManagerException { public StorageException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    /// <summary>A local limit (dataset size, record count, datasets per identity) would be exceeded.</summary>
    public sealed class LocalLimitExceededException : SyncManagerException { public LocalLimitExceededException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    /// <summary>Conflicting writes kept coming after every attempt; nothing lost, synchronize later.</summary>
    public sealed class ConflictRetriesExhaustedException : SyncManagerException { public ConflictRetriesExhaustedException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    /// <summary>The conflict resolver returned Abort (or threw): nothing of that attempt was applied.</summary>
    public sealed class SyncAbortedException : SyncManagerException { public SyncAbortedException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    /// <summary>The dataset handle belongs to an identity that is no longer active: reopen it.</summary>
    public sealed class IdentityChangedException : SyncManagerException { public IdentityChangedException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }
    /// <summary>MoveData would merge datasets existing under both identities; nothing changed.</summary>
    public sealed class IdentityCollisionException : SyncManagerException { public IdentityCollisionException(string m, string c, string r, int s, bool t, uint n) : base(m, c, r, s, t, n) { } }

    internal static class Errors
    {
        /// <summary>Turns a status and the error object (freed here) into the matching exception.</summary>
        public static CognitoSyncException Take(uint status, IntPtr err)
        {
            try { return Build(status, err); }
            finally { if (err != IntPtr.Zero) NativeMethods.cognito_sync_error_free(err); }
        }

        /// <summary>The exception of a borrowed error object (not freed), e.g. an event's.</summary>
        public static CognitoSyncException Borrowed(IntPtr err)
        {
            return err == IntPtr.Zero ? null : Build(NativeMethods.cognito_sync_error_status(err), err);
        }

        private static CognitoSyncException Build(uint status, IntPtr err)
        {
            string m, c = null, r = null;
            int http = 0;
            bool retry = false;
            if (err != IntPtr.Zero)
            {
                m = Utf8.Read(NativeMethods.cognito_sync_error_message(err));
                c = Utf8.Read(NativeMethods.cognito_sync_error_code(err));
                r = Utf8.Read(NativeMethods.cognito_sync_error_request_id(err));
                http = NativeMethods.cognito_sync_error_http_status(err);
                retry = NativeMethods.cognito_sync_error_is_retryable(err);
            }
            else
            {
                m = Utf8.Read(NativeMethods.cognito_sync_status_str(status));
            }
            if (string.IsNullOrEmpty(c)) c = null;
            if (string.IsNullOrEmpty(r)) r = null;
            switch ((Status)status)
            {
                case Status.NullArgument:
                case Status.InvalidUtf8:
                case Status.InvalidArgument:
                case Status.Validation: return new ValidationException(m, status);
                case Status.Credentials: return new CredentialsException(m, c, r, http, retry, status);
                case Status.Transport: return new TransportException(m, c, r, http, retry, status);
                case Status.Timeout: return new CallTimeoutException(m, c, r, http, retry, status);
                case Status.InvalidParameter: return new InvalidParameterException(m, c, r, http, retry, status);
                case Status.NotAuthorized: return new NotAuthorizedException(m, c, r, http, retry, status);
                case Status.ResourceNotFound: return new ResourceNotFoundException(m, c, r, http, retry, status);
                case Status.ResourceConflict: return new ResourceConflictException(m, c, r, http, retry, status);
                case Status.LimitExceeded: return new LimitExceededException(m, c, r, http, retry, status);
                case Status.TooManyRequests: return new TooManyRequestsException(m, c, r, http, retry, status);
                case Status.InternalError: return new InternalErrorException(m, c, r, http, retry, status);
                case Status.InvalidConfiguration: return new InvalidConfigurationException(m, c, r, http, retry, status);
                case Status.InvalidLambdaFunctionOutput: return new InvalidLambdaFunctionOutputException(m, c, r, http, retry, status);
                case Status.LambdaThrottled: return new LambdaThrottledException(m, c, r, http, retry, status);
                case Status.DuplicateRequest: return new DuplicateRequestException(m, c, r, http, retry, status);
                case Status.AlreadyStreamed: return new AlreadyStreamedException(m, c, r, http, retry, status);
                case Status.ConcurrentModification: return new ConcurrentModificationException(m, c, r, http, retry, status);
                case Status.ServiceError: return new ServiceException(m, c, r, http, retry, status);
                case Status.ReentrantCall: return new ReentrantCallException(m, status);
                case Status.Storage: return new StorageException(m, c, r, http, retry, status);
                case Status.LocalLimitExceeded: return new LocalLimitExceededException(m, c, r, http, retry, status);
                case Status.ConflictRetriesExhausted: return new ConflictRetriesExhaustedException(m, c, r, http, retry, status);
                case Status.SyncAborted: return new SyncAbortedException(m, c, r, http, retry, status);
                case Status.IdentityChanged: return new IdentityChangedException(m, c, r, http, retry, status);
                case Status.IdentityCollision: return new IdentityCollisionException(m, c, r, http, retry, status);
                default: return new CognitoSyncException(m, c, r, http, retry, status);
            }
        }

        public static void Check(uint status, IntPtr err)
        {
            if (status != (uint)Status.Ok) throw Take(status, err);
        }
    }
}
