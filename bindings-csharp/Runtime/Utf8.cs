using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace CognitoSync
{
    /// <summary>
    /// Explicit UTF-8 marshalling both ways (Unity's Mono on Windows would use ANSI).
    /// An arena owns the NUL-terminated copies of one request and frees them together.
    /// </summary>
    internal sealed class Utf8Arena : IDisposable
    {
        private readonly List<IntPtr> blocks = new List<IntPtr>();
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        /// <summary>NUL-terminated UTF-8 copy; IntPtr.Zero for null. Lone surrogates throw.</summary>
        public IntPtr Str(string s, string name)
        {
            if (s == null) return IntPtr.Zero;
            byte[] bytes;
            try { bytes = Strict.GetBytes(s); }
            catch (EncoderFallbackException)
            {
                throw new ValidationException(name + " is not valid Unicode (lone surrogate)");
            }
            if (Array.IndexOf(bytes, (byte)0) >= 0)
                throw new ValidationException(name + " contains a NUL character");
            IntPtr p = Alloc(bytes.Length + 1);
            Marshal.Copy(bytes, 0, p, bytes.Length);
            Marshal.WriteByte(p, bytes.Length, 0);
            return p;
        }

        /// <summary>A required string: null throws ValidationException before any native call.</summary>
        public IntPtr Required(string s, string name)
        {
            if (s == null) throw new ValidationException(name + " is required (got null)");
            return Str(s, name);
        }

        public IntPtr Alloc(int size)
        {
            IntPtr p = Marshal.AllocHGlobal(Math.Max(size, 1));
            blocks.Add(p);
            return p;
        }

        public IntPtr Int64(long? v)
        {
            if (!v.HasValue) return IntPtr.Zero;
            IntPtr p = Alloc(8);
            Marshal.WriteInt64(p, v.Value);
            return p;
        }

        public IntPtr Int32(int? v)
        {
            if (!v.HasValue) return IntPtr.Zero;
            IntPtr p = Alloc(4);
            Marshal.WriteInt32(p, v.Value);
            return p;
        }

        public IntPtr Struct<T>(T value) where T : struct
        {
            IntPtr p = Alloc(Marshal.SizeOf(typeof(T)));
            Marshal.StructureToPtr(value, p, false);
            return p;
        }

        public void Dispose()
        {
            foreach (IntPtr p in blocks) Marshal.FreeHGlobal(p);
            blocks.Clear();
        }
    }

    internal static class Utf8
    {
        /// <summary>Reads a NUL-terminated UTF-8 string; null for NULL.</summary>
        public static string Read(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0) n++;
            return Read(p, n);
        }

        /// <summary>Reads and frees a string the library allocated for the caller.</summary>
        public static string TakeString(IntPtr p)
        {
            try { return Read(p); }
            finally { CognitoSync.Native.NativeMethods.cognito_sync_string_free(p); }
        }

        public static string Read(IntPtr p, int length)
        {
            if (p == IntPtr.Zero) return null;
            byte[] b = new byte[length];
            Marshal.Copy(p, b, 0, length);
            return Encoding.UTF8.GetString(b);
        }
    }
}
