#if !UNITY_5_3_OR_NEWER
namespace AOT
{
    /// <summary>
    /// Unity's IL2CPP marker for static methods native code calls back into; defined here
    /// so the same sources build outside Unity (Mono, .NET). Inside Unity, UnityEngine's own
    /// AOT.MonoPInvokeCallbackAttribute is used.
    /// </summary>
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public sealed class MonoPInvokeCallbackAttribute : System.Attribute
    {
        public MonoPInvokeCallbackAttribute(System.Type type) { Type = type; }
        public System.Type Type { get; private set; }
    }
}
#endif
