using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace RecomAmp.DevHost.Functions;

/// <summary>Finds the <c>[Function]</c> methods of a set of types, as the Functions SDK indexes them.</summary>
internal static class FunctionScanner
{
    private const BindingFlags AllDeclaredMethods =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
        | BindingFlags.DeclaredOnly;

    /// <exception cref="DevHostStartupException">A function DevHost cannot run, or two functions with one name.</exception>
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
                if (!names.TryAdd(function.Name, function))
                {
                    throw function.Fail($"another function has the same name ({names[function.Name].EntryPoint}).");
                }

                functions.Add(function);
            }
        }

        return functions;
    }

    private static FunctionMethod Describe(string name, MethodInfo method)
    {
        var entryPoint = $"{method.DeclaringType?.FullName}.{method.Name}";
        if (!method.IsPublic)
        {
            throw new DevHostStartupException(
                name, null, $"Function '{name}' ({entryPoint}): the method must be public to be indexed as a function.");
        }

        if (method.IsGenericMethodDefinition || method.DeclaringType!.ContainsGenericParameters
            || (!method.IsStatic && method.DeclaringType.IsAbstract))
        {
            throw new DevHostStartupException(
                name, null, $"Function '{name}' ({entryPoint}): DevHost cannot create an instance to call it on.");
        }

        var triggers = method.GetParameters()
            .Select(p => (Parameter: p, Attribute: p.GetCustomAttributes().OfType<TriggerBindingAttribute>().FirstOrDefault()))
            .Where(p => p.Attribute is not null)
            .ToList();
        if (triggers.Count != 1)
        {
            throw new DevHostStartupException(
                name, null, $"Function '{name}' ({entryPoint}): a function has exactly one trigger parameter, not {triggers.Count}.");
        }

        var (parameter, trigger) = triggers[0];
        return trigger switch
        {
            HttpTriggerAttribute => new FunctionMethod(name, method, FunctionTrigger.Http, parameter, trigger!),
            TimerTriggerAttribute => new FunctionMethod(name, method, FunctionTrigger.Timer, parameter, trigger!),
            _ => throw new DevHostStartupException(
                name,
                parameter.Name,
                $"Function '{name}' ({entryPoint}), parameter '{parameter.Name}': DevHost runs HTTP and timer triggers "
                + $"only, not {trigger!.GetType().Name}. Orchestrators and activities are registered as classes with "
                + "AddRecomAmpTasks instead of trigger functions."),
        };
    }
}
