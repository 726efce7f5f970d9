using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace RecomAmp.DevHost.Functions;

/// <summary>Finds <c>[Function]</c> methods in a set of types, as the Functions SDK indexes them.</summary>
internal static class FunctionScanner
{
    private const BindingFlags AllDeclaredMethods =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
        | BindingFlags.DeclaredOnly;

    /// <exception cref="DevHostStartupException">
    /// A function DevHost cannot run, or two functions with one name.
    /// </exception>
    public static IReadOnlyList<FunctionMethod> Scan(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var functions = new List<FunctionMethod>();
        var names = new Dictionary<string, FunctionMethod>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types.Distinct())
        {
            foreach (var method in type.GetMethods(AllDeclaredMethods).OrderBy(m => m.MetadataToken))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } attribute)
                {
                    continue;
                }

                var function = Describe(attribute.Name, method);
                if (names.TryGetValue(function.Name, out var other))
                {
                    throw function.Fail($"another function has the same name ({other.EntryPoint}).");
                }

                names.Add(function.Name, function);
                functions.Add(function);
            }
        }

        return functions;
    }

    private static FunctionMethod Describe(string name, MethodInfo method)
    {
        var where = $"Function '{name}' ({method.DeclaringType?.FullName}.{method.Name})";
        if (!method.IsPublic)
        {
            throw new DevHostStartupException(
                name, null, $"{where}: the method must be public to be indexed as a function.");
        }

        var type = method.DeclaringType!;
        var generic = method.IsGenericMethodDefinition || type.ContainsGenericParameters;
        if (generic || (!method.IsStatic && type.IsAbstract))
        {
            throw new DevHostStartupException(
                name, null, $"{where}: DevHost cannot create an instance to call it on.");
        }

        var triggers = method.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttribute<TriggerBindingAttribute>()))
            .Where(p => p.Attribute is not null)
            .ToList();
        if (triggers.Count != 1)
        {
            throw new DevHostStartupException(
                name, null, $"{where}: a function has exactly one trigger parameter, not {triggers.Count}.");
        }

        var (parameter, trigger) = triggers[0];
        return trigger switch
        {
            HttpTriggerAttribute http =>
                new FunctionMethod(name, method, FunctionTrigger.Http, parameter, http),
            TimerTriggerAttribute timer =>
                new FunctionMethod(name, method, FunctionTrigger.Timer, parameter, timer),
            _ => throw new DevHostStartupException(
                name,
                parameter.Name,
                $"{where}, parameter '{parameter.Name}': DevHost runs HTTP and timer triggers only, not "
                + $"{trigger!.GetType().Name}. Orchestrators and activities are registered as classes with "
                + "AddRecomAmpTasks instead of trigger functions."),
        };
    }
}
