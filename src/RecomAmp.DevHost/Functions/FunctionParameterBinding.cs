using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// Decides at start-up how each parameter of a function is bound, so that a parameter DevHost cannot bind
/// stops start-up instead of failing a request.
/// </summary>
internal static class FunctionParameterBinding
{
    private const string SupportedBindings =
        "DevHost binds the trigger (HttpRequest or TimerInfo), FunctionContext, CancellationToken, "
        + "[DurableClient] DurableTaskClient and, for HTTP functions, route values by name "
        + "(string, Guid, int, long, bool).";

    private const string WorkerNamespace = "Microsoft.Azure.Functions.Worker";

    private delegate bool RouteValueConversion(string text, out object? value);

    /// <summary>Chooses the binder of one parameter.</summary>
    /// <param name="function">The function the parameter belongs to.</param>
    /// <param name="parameter">The parameter.</param>
    /// <param name="route">The route pattern of an HTTP function; null for other triggers.</param>
    /// <exception cref="DevHostStartupException">DevHost cannot bind the parameter.</exception>
    public static ParameterBinder Create(
        FunctionMethod function, ParameterInfo parameter, RoutePattern? route)
    {
        var type = parameter.ParameterType;
        // Compared by position, not by reference: reflection may hand out new ParameterInfo objects for the same
        // parameter once its caches have been collected.
        if (parameter.Position == function.TriggerParameter.Position)
        {
            return TriggerBinder(function, parameter);
        }

        if (type == typeof(FunctionContext))
        {
            return (FunctionInvocation invocation, out object? value) => Bound(invocation.Context, out value);
        }

        if (type == typeof(CancellationToken))
        {
            return (FunctionInvocation invocation, out object? value) =>
                Bound(invocation.CancellationToken, out value);
        }

        if (parameter.IsDefined(typeof(DurableClientAttribute)))
        {
            return type == typeof(DurableTaskClient)
                ? (FunctionInvocation invocation, out object? value) =>
                    Bound(invocation.Services.GetRequiredService<DurableTaskClient>(), out value)
                : throw function.Fail("a [DurableClient] parameter must be a DurableTaskClient.", parameter);
        }

        var bindingAttribute = parameter.GetCustomAttributes().FirstOrDefault(
            a => a.GetType().Namespace?.StartsWith(WorkerNamespace, StringComparison.Ordinal) == true);
        if (bindingAttribute is not null)
        {
            var attribute = bindingAttribute.GetType().Name;
            throw function.Fail($"DevHost does not bind [{attribute}]. {SupportedBindings}", parameter);
        }

        var routeParameter = route?.Parameters.FirstOrDefault(
            p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
        return routeParameter is not null
            ? RouteValueBinder(function, parameter, routeParameter)
            : throw function.Fail($"nothing to bind it from. {SupportedBindings}", parameter);
    }

    private static ParameterBinder TriggerBinder(FunctionMethod function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        return function.Trigger switch
        {
            FunctionTrigger.Http when type == typeof(HttpRequest) =>
                (FunctionInvocation invocation, out object? value) =>
                    Bound(invocation.HttpContext!.Request, out value),
            FunctionTrigger.Http => throw function.Fail(
                "an HTTP trigger parameter must be an HttpRequest (the ASP.NET Core integration).",
                parameter),
            FunctionTrigger.Timer when type == typeof(TimerInfo) =>
                (FunctionInvocation invocation, out object? value) => Bound(invocation.Timer, out value),
            _ => throw function.Fail("a timer trigger parameter must be a TimerInfo.", parameter),
        };
    }

    private static ParameterBinder RouteValueBinder(
        FunctionMethod function, ParameterInfo parameter, RoutePatternParameterPart part)
    {
        var type = parameter.ParameterType;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var convert = RouteValueConverter(target)
            ?? throw function.Fail(
                $"a route value cannot be a {target.Name}. {SupportedBindings}", parameter);
        var missing = parameter.HasDefaultValue ? parameter.DefaultValue : null;
        if ((part.IsOptional || part.IsCatchAll) && missing is null && type.IsValueType && type == target)
        {
            throw function.Fail(
                $"route value '{part.Name}' may be absent, so the parameter needs a nullable type "
                + "or a default.",
                parameter);
        }

        var name = part.Name;
        return (FunctionInvocation invocation, out object? value) =>
        {
            var routeValue = invocation.HttpContext!.GetRouteValue(name);
            var text = Convert.ToString(routeValue, CultureInfo.InvariantCulture);
            if (string.IsNullOrEmpty(text))
            {
                value = missing;
                return true;
            }

            return convert(text, out value);
        };
    }

    private static RouteValueConversion? RouteValueConverter(Type type)
    {
        const NumberStyles integer = NumberStyles.Integer;
        var invariant = CultureInfo.InvariantCulture;
        if (type == typeof(string))
        {
            return (string text, out object? value) => Bound(text, out value);
        }

        if (type == typeof(Guid))
        {
            return (string text, out object? value) =>
                Parsed(Guid.TryParse(text, out var parsed), parsed, out value);
        }

        if (type == typeof(int))
        {
            return (string text, out object? value) =>
                Parsed(int.TryParse(text, integer, invariant, out var parsed), parsed, out value);
        }

        if (type == typeof(long))
        {
            return (string text, out object? value) =>
                Parsed(long.TryParse(text, integer, invariant, out var parsed), parsed, out value);
        }

        return type == typeof(bool)
            ? (string text, out object? value) =>
                Parsed(bool.TryParse(text, out var parsed), parsed, out value)
            : null;
    }

    private static bool Bound(object? argument, out object? value)
    {
        value = argument;
        return true;
    }

    private static bool Parsed<T>(bool parsed, T result, out object? value)
    {
        value = parsed ? result : null;
        return parsed;
    }
}
