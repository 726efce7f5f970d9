using System.Text.Json;
using RecomAmp.Core.Common;
using RecomAmp.Core.Workflows.Rendering;

namespace RecomAmp.Core.Workflows;

/// <summary>
/// Rules for parameter values, whether saved as a workflow's defaults or given for one preview or run: names
/// are placeholder names, values are strings, numbers, booleans or non-empty lists of those, and sizes are
/// bounded.
/// </summary>
public static class WorkflowParameters
{
    public const int MaxCount = 100;
    public const int MaxStringLength = 10_000;
    public const int MaxListItems = 10_000;

    /// <summary>Adds an error for every bad name or value, on <c>&lt;field&gt;.&lt;name&gt;</c>.</summary>
    /// <param name="errors">Where errors go.</param>
    /// <param name="field">The request field holding the parameters, usually <c>parameters</c>.</param>
    /// <param name="parameters">The values; null (not given) is fine.</param>
    public static void Validate(
        ValidationErrors errors, string field, IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (parameters is null)
        {
            return;
        }

        if (parameters.Count > MaxCount)
        {
            errors.Add(field, $"Must have at most {MaxCount} parameters");
            return;
        }

        foreach (var (name, value) in parameters)
        {
            if (!SqlTemplate.IsParameterName(name))
            {
                errors.Add(
                    name.Length <= SqlTemplate.MaxParameterNameLength ? $"{field}.{name}" : field,
                    "Parameter names are letters, digits and underscores, start with a letter or underscore "
                    + $"and have at most {SqlTemplate.MaxParameterNameLength} characters");
                continue;
            }

            var problem = Check(value);
            if (problem is not null)
            {
                errors.Add($"{field}.{name}", problem);
            }
        }
    }

    /// <summary>The defaults with the overrides laid over them (an override wins by name).</summary>
    public static IReadOnlyDictionary<string, JsonElement> Merge(
        IReadOnlyDictionary<string, JsonElement> defaults,
        IReadOnlyDictionary<string, JsonElement>? overrides)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var merged = new Dictionary<string, JsonElement>(defaults, StringComparer.Ordinal);
        foreach (var (name, value) in overrides ?? new Dictionary<string, JsonElement>())
        {
            merged[name] = value;
        }

        return merged;
    }

    /// <summary>A copy whose values no longer depend on the JSON document they were read from.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Detach(
        IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        var copy = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new Dictionary<string, JsonElement>())
        {
            copy[name] = value.Clone();
        }

        return copy;
    }

    private static string? Check(JsonElement value)
    {
        if (SqlLiteralFormatter.Format(value, insideStringLiteral: false, out var problem) is null)
        {
            return problem;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() > MaxListItems)
            {
                return $"Must have at most {MaxListItems} items";
            }

            return value.EnumerateArray().Any(IsLongString)
                ? $"List items must be at most {MaxStringLength} characters"
                : null;
        }

        return IsLongString(value) ? $"Must be at most {MaxStringLength} characters" : null;
    }

    private static bool IsLongString(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Length > MaxStringLength;
}
