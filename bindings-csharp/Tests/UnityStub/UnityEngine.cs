// A compile-only stand-in for the few UnityEngine APIs the package's Unity-only code uses
// (#if UNITY_5_3_OR_NEWER) and the sample, so the suite checks that code compiles; the real
// engine is not available on CI. Signatures follow UnityEngine's public API; nothing runs.
namespace UnityEngine
{
    public class Object
    {
        public static void DontDestroyOnLoad(Object target) { }
    }
    public class Component : Object
    {
        public GameObject gameObject { get { return null; } }
        public T GetComponent<T>() { return default(T); }
    }
    public class Behaviour : Component { public bool enabled { get; set; } }
    public class MonoBehaviour : Behaviour { }
    public sealed class GameObject : Object { }
    public static class Debug
    {
        public static void Log(object message) { }
        public static void LogWarning(object message) { }
    }
    public static class Application
    {
        public static string persistentDataPath { get { return ""; } }
    }
}

namespace AOT
{
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class MonoPInvokeCallbackAttribute : System.Attribute
    {
        public MonoPInvokeCallbackAttribute(System.Type type) { }
    }
}
