using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// The HTTP functions DevHost serves: every <c>[Function]</c> with an <c>[HttpTrigger]</c> among the scanned
/// types, on the route and verbs the trigger declares, under the route prefix of host.json. Built once at
/// start-up, when any function it cannot serve throws.
/// </summary>
public sealed class HttpFunctionCatalog
{
    private HttpFunctionCatalog(string routePrefix, IReadOnlyList<HttpFunctionEndpoint> functions)
    {
        RoutePrefix = routePrefix;
        Functions = functions;
    }

    /// <summary>The prefix of every function route (<c>api</c> by default), without slashes.</summary>
    public string RoutePrefix { get; }

    public IReadOnlyList<HttpFunctionEndpoint> Functions { get; }

    /// <summary>Scans <paramref name="types"/> for HTTP functions.</summary>
    /// <exception cref="DevHostStartupException">
    /// A function DevHost cannot serve, named with its parameter.
    /// </exception>
    public static HttpFunctionCatalog Create(
        IEnumerable<Type> types, string routePrefix = HostJson.DefaultRoutePrefix) =>
        Create(FunctionScanner.Scan(types), routePrefix);

    internal static HttpFunctionCatalog Create(IReadOnlyList<FunctionMethod> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(routePrefix);
        var prefix = routePrefix.Trim('/');
        var endpoints = new List<HttpFunctionEndpoint>();
        foreach (var function in functions.Where(f => f.Trigger == FunctionTrigger.Http))
        {
            var trigger = (HttpTriggerAttribute)function.TriggerAttribute;
            if (trigger.AuthLevel != AuthorizationLevel.Anonymous)
            {
                // In Azure a non-anonymous trigger would also demand a function key, which no client of
                // RecomAmp sends; the product authenticates with its own bearer token.
                throw function.Fail(
                    $"the trigger's AuthLevel is {trigger.AuthLevel}; RecomAmp's functions are Anonymous "
                    + "and check their own bearer token.",
                    function.TriggerParameter);
            }

            var route = trigger.Route ?? function.Name;
            var path = prefix.Length == 0 ? route.TrimStart('/') : $"{prefix}/{route.TrimStart('/')}";
            RoutePattern pattern;
            try
            {
                pattern = RoutePatternFactory.Parse(path);
            }
            catch (RoutePatternException ex)
            {
                throw function.Fail($"route '{route}' is not a route template: {ex.Message}", inner: ex);
            }

            IReadOnlyList<string> methods =
                [.. (trigger.Methods ?? []).Select(m => m.Trim().ToUpperInvariant()).Distinct()];
            var endpoint = new HttpFunctionEndpoint(function, route, pattern, methods);
            var clash = endpoints.FirstOrDefault(
                other => SameShape(other.Pattern, pattern) && Overlap(other.Methods, methods));
            if (clash is not null)
            {
                var other = $"function '{clash.Name}' ('{clash.Route}')";
                throw function.Fail($"route '{route}' answers the same requests as {other}.");
            }

            endpoints.Add(endpoint);
        }

        return new HttpFunctionCatalog(prefix, endpoints);
    }

    private static bool SameShape(RoutePattern first, RoutePattern second) => Shape(first) == Shape(second);

    /// <summary>
    /// The route with parameter names and constraints left out: what decides which paths it matches.
    /// </summary>
    private static string Shape(RoutePattern pattern) =>
        string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(ShapeOf))));

    private static string ShapeOf(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content.ToUpperInvariant(),
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => parameter.IsCatchAll ? "{**}" : "{}",
        _ => "?",
    };

    private static bool Overlap(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        first.Count == 0 || second.Count == 0 || first.Intersect(second).Any();
}
