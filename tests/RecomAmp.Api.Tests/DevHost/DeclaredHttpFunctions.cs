using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>
/// Finds HTTP functions by reading the attributes directly, without DevHost's code, so that tests can check
/// DevHost against an independent list.
/// </summary>
public static class DeclaredHttpFunctions
{
    private const BindingFlags PublicMethods =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<DeclaredHttpFunction> Scan(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<DeclaredHttpFunction>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(PublicMethods)))
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            var trigger = method.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                .FirstOrDefault(a => a is not null);
            if (function is not null && trigger is not null)
            {
                var route = trigger.Route ?? function.Name;
                var methods = MethodList(trigger.Methods);
                functions.Add(new DeclaredHttpFunction(function.Name, route, methods, method));
            }
        }

        return functions;
    }

    /// <summary>Verbs upper case, sorted, comma-separated; "*" when the trigger accepts any verb.</summary>
    public static string MethodList(IEnumerable<string>? methods)
    {
        var list = (methods ?? []).Select(m => m.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal);
        return list.Any() ? string.Join(',', list) : "*";
    }

    /// <summary>A request path for the function: its route, each parameter given a fitting value.</summary>
    public static string SamplePath(string routePrefix, DeclaredHttpFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var pattern = RoutePatternFactory.Parse(function.Route);
        var segments = pattern.PathSegments.Select(
            segment => string.Concat(segment.Parts.Select(part => SamplePart(function.Method, part))));
        var path = string.Join('/', segments);
        if (function.Route.EndsWith('/'))
        {
            path += "/";
        }

        return routePrefix.Length == 0 ? "/" + path : $"/{routePrefix}/{path}";
    }

    private static string SamplePart(MethodInfo method, RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => SampleValue(method, parameter.Name),
        _ => string.Empty,
    };

    private static string SampleValue(MethodInfo method, string name)
    {
        var type = method.GetParameters()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?.ParameterType;
        type = type is null ? typeof(string) : Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long))
        {
            return 1.ToString(CultureInfo.InvariantCulture);
        }

        // Our ids are UUIDs, so a GUID suits string ids too.
        return type == typeof(bool) ? "true" : Guid.NewGuid().ToString();
    }
}
