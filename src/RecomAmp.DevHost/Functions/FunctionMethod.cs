using System.Reflection;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// A <c>[Function]</c> method found by <see cref="FunctionScanner"/>, with its one trigger parameter.
/// </summary>
internal sealed record FunctionMethod(
    string Name,
    MethodInfo Method,
    FunctionTrigger Trigger,
    ParameterInfo TriggerParameter,
    TriggerBindingAttribute TriggerAttribute)
{
    /// <summary>
    /// How the Functions SDK names the method in function metadata: <c>Namespace.Type.Method</c>.
    /// </summary>
    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    /// <summary>A startup failure about this function.</summary>
    public DevHostStartupException Fail(
        string problem, ParameterInfo? parameter = null, Exception? inner = null)
    {
        var where = parameter is null
            ? $"Function '{Name}' ({EntryPoint})"
            : $"Function '{Name}' ({EntryPoint}), parameter '{parameter.Name}' "
                + $"({parameter.ParameterType.Name})";
        return new DevHostStartupException(Name, parameter?.Name, $"{where}: {problem}", inner);
    }
}
