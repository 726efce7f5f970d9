using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// A function's <see cref="FunctionDefinition"/>, built from its method as the Functions SDK describes it.
/// </summary>
internal sealed class DevHostFunctionDefinition : FunctionDefinition
{
    public DevHostFunctionDefinition(FunctionMethod function)
    {
        Name = function.Name;
        EntryPoint = function.EntryPoint;
        PathToAssembly = function.Method.DeclaringType!.Assembly.Location;
        Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Name}|{EntryPoint}")))[..32];
        var parameters = function.Method.GetParameters();
        Parameters = [.. parameters.Select(Describe)];

        var inputs = ImmutableDictionary.CreateBuilder<string, BindingMetadata>();
        var triggerType = function.Trigger == FunctionTrigger.Http ? "httpTrigger" : "timerTrigger";
        var trigger = function.TriggerParameter.Name!;
        inputs.Add(trigger, new Binding(trigger, triggerType, BindingDirection.In));
        foreach (var client in parameters.Where(p => p.IsDefined(typeof(DurableClientAttribute))))
        {
            inputs.Add(client.Name!, new Binding(client.Name!, "durableClient", BindingDirection.In));
        }

        InputBindings = inputs.ToImmutable();
        OutputBindings = function.Trigger == FunctionTrigger.Http
            ? ImmutableDictionary<string, BindingMetadata>.Empty
                .Add("$return", new Binding("$return", "http", BindingDirection.Out))
            : ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    public override ImmutableArray<FunctionParameter> Parameters { get; }

    public override string PathToAssembly { get; }

    public override string EntryPoint { get; }

    public override string Id { get; }

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }

    private static FunctionParameter Describe(ParameterInfo parameter) =>
        new(
            parameter.Name!,
            parameter.ParameterType,
            parameter.HasDefaultValue,
            parameter.HasDefaultValue ? parameter.DefaultValue : null);

    private sealed class Binding(string name, string type, BindingDirection direction) : BindingMetadata
    {
        public override string Name => name;

        public override string Type => type;

        public override BindingDirection Direction => direction;
    }
}
