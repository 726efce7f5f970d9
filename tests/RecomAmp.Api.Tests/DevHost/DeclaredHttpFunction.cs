using System.Reflection;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>
/// An HTTP function as its attributes declare it: name, route without prefix, verbs upper case and sorted.
/// </summary>
public sealed record DeclaredHttpFunction(string Name, string Route, string Methods, MethodInfo Method)
{
    /// <summary>Name, route and verbs in one comparable line.</summary>
    public string Signature => $"{Name} {Methods} {Route}";
}
